"""What every command shares: the database option and its default, the filter options of
the query commands, logging, the check that the paths given exist, one error idiom."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from pipeline.config import BUILTIN_DB, ConfigError, settings
from pipeline.paths import shown

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


def err(msg: str) -> None:
    typer.echo(f"Error: {msg}", err=True)


def setup_logging(quiet: bool) -> None:
    """Our own messages at INFO on stderr; libraries (spaCy) only warn."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    for name in ("pipeline", "referat"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.INFO)
    from pipeline.process import quiet_third_party_logs

    quiet_third_party_logs()  # --workers 0 reads in this process


def require_existing(paths: list[Path]) -> None:
    for p in paths:
        if not p.exists():
            err(f"{shown(p)}: no such file or folder")
            raise typer.Exit(2)
        if not os.access(p, os.R_OK) or (p.is_dir() and not os.access(p, os.X_OK)):
            err(f"{shown(p)}: permission denied (cannot read it)")
            raise typer.Exit(2)


def iso_date(value: Optional[str]) -> Optional[str]:
    """Option callback: a date like 2022-01-31, else a usage error (exit 2) naming the option."""
    if value in (None, ""):
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2022-01-31") from None


Since = Annotated[Optional[str], typer.Option(callback=iso_date, help="Meetings on or after this date (YYYY-MM-DD).")]
Until = Annotated[Optional[str], typer.Option(callback=iso_date, help="Meetings on or before this date (YYYY-MM-DD).")]
Body = Annotated[Optional[str], typer.Option(help="Only this body, e.g. HB (any case).")]
Org = Annotated[Optional[str], typer.Option("--organization", "--org", help="Only this organisation.")]
Text = Annotated[Optional[str], typer.Option(help="Text contains this (any case).")]
