"""Settings for one archive without typing them on every command.

Looked up in order, the first that sets a value wins:

1. the command-line option (`--db`, `--workers`, `--model`, `--aliases`);
2. the environment: REFERAT_DB, REFERAT_WORKERS, REFERAT_MODEL, REFERAT_ALIASES;
3. `referat.toml` in the working folder, else `$XDG_CONFIG_HOME/referat/referat.toml`
   (`~/.config/referat/referat.toml`):

       [referat]
       db = "archive/referat.db"        # relative paths are relative to the file's folder
       workers = 2
       model = "blank"
       aliases = "people.toml"

4. the built-in default: data/processed/referat.db, all cores, the rule-based pipeline
   (see `referat info`).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pipeline.errors import ReferatError

BUILTIN_DB = Path("data/processed/referat.db")
FILE_NAME = "referat.toml"


class ConfigError(ReferatError):
    """A referat.toml that cannot be read."""


@dataclass(frozen=True)
class Settings:
    db: Path = BUILTIN_DB
    workers: Optional[int] = None
    model: Optional[str] = None
    aliases: Optional[Path] = None
    source: str = "default"  # where the db setting came from


def config_files() -> list[Path]:
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return [Path.cwd() / FILE_NAME, home / "referat" / FILE_NAME]


def _read(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the settings ({e})") from None
    section = data.get("referat", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: expected a [referat] table")
    unknown = set(section) - {"db", "workers", "model", "aliases"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))} (known: db, workers, model, aliases)"
        )
    return section


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The settings for this process (see the module docstring)."""
    values: dict = {}
    source = "default"
    for path in config_files():
        if path.is_file():
            section = _read(path)
            for key in ("db", "aliases"):
                if key in section:
                    values[key] = (
                        (path.parent / str(section[key]))
                        if not Path(str(section[key])).is_absolute()
                        else Path(str(section[key]))
                    )
            if "workers" in section:
                values["workers"] = int(section["workers"])
            if "model" in section:
                values["model"] = str(section["model"])
            source = str(path)
            break
    env = os.environ
    if env.get("REFERAT_DB"):
        values["db"], source = Path(env["REFERAT_DB"]), "REFERAT_DB"
    if env.get("REFERAT_WORKERS"):
        values["workers"] = int(env["REFERAT_WORKERS"])
    if env.get("REFERAT_MODEL"):
        values["model"] = env["REFERAT_MODEL"]
    if env.get("REFERAT_ALIASES"):
        values["aliases"] = Path(env["REFERAT_ALIASES"])
    return Settings(source=source, **values)


def default_db() -> Path:
    return settings().db
