"""What every command shares: the database option and its default, one error idiom."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pipeline.config import BUILTIN_DB, ConfigError, settings

try:
    DEFAULT_DB: Path = settings().db
    CONFIG_ERROR: str | None = None
except ConfigError as e:  # reported by the first command that runs (see check_config)
    DEFAULT_DB, CONFIG_ERROR = BUILTIN_DB, str(e)

DB_HELP = "The referat database (default: REFERAT_DB, referat.toml, else data/processed/referat.db)."
Db = Annotated[Path, typer.Option("--db", envvar="REFERAT_DB", help=DB_HELP)]


def fail(message: str, code: int = 1) -> NoReturn:
    """One `Error: ...` line on stderr and the exit code."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def check_config() -> None:
    if CONFIG_ERROR:
        fail(CONFIG_ERROR, 2)
