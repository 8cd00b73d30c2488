"""The `referat` command: thin Typer commands over the library.

Exit codes: 0 everything worked; 1 some files failed (the rest were
processed) or a command's error; 2 usage errors (bad options, a missing path,
nothing found).
"""

from __future__ import annotations

import logging
import os
import signal
import sys

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Danish meeting minutes and agendas into structured, queryable records.",
)


def _version(value: bool) -> None:
    if value:
        from pipeline import __version__

        typer.echo(f"referat {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what happens (debug level)."),
) -> None:
    """Danish meeting minutes and agendas into structured, queryable records."""
    if verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s", stream=sys.stderr)
        logging.getLogger("pipeline").setLevel(logging.DEBUG)


def _register_commands() -> None:
    from pipeline.cli import analyst, corrections, exporting, extracting, importing, scoring

    importing.register(app)
    extracting.register(app)
    analyst.register(app)
    corrections.register(app)
    scoring.register(app)
    exporting.register(app)
    __import__("pipeline.cli.info", fromlist=["register"]).register(app)
    __import__("pipeline.cli.report", fromlist=["register"]).register(app)


_register_commands()


def main() -> None:
    """The console entry point: SIGTERM ends a command as Ctrl+C does; a closed pipe
    (`referat decisions | head`) ends it quietly."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        sys.exit(141)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
