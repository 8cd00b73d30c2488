"""Export, review and browse commands: `export`, `show`, `serve`.

Thin: arguments -> pipeline.analyst.export / pipeline.analyst.review / pipeline.analyst.serve. A
ReferatError becomes one `Error: ...` line on stderr and exit code 1.
Wire them into the main app with `register(app)`.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.cli.common import DEFAULT_DB, Db
from pipeline.errors import ReferatError


class Table(str, Enum):
    meetings = "meetings"
    attendance = "attendance"
    people = "people"
    agenda_items = "agenda_items"
    decisions = "decisions"
    actions = "actions"
    events = "events"


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    ics = "ics"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `export`, `show` and `serve` to `app`."""

    @app.command("export")
    def export_cmd(
        table: Annotated[Table, typer.Argument(help="What to export.", show_default=False)],
        out: Annotated[
            Path, typer.Option("--out", "-o", help="File to write (its folder must exist).", dir_okay=False)
        ],
        fmt: Annotated[
            Optional[ExportFormat],
            typer.Option(
                "--format",
                "-f",
                help="csv, parquet or ics (events, meetings, actions). "
                "Default: from the --out suffix (.parquet, .ics), else csv.",
            ),
        ] = None,
        excel: Annotated[
            bool, typer.Option("--excel", help="CSV for Danish Excel: UTF-8 with BOM, ';' separator, CRLF.")
        ] = False,
        decimal_comma: Annotated[
            bool,
            typer.Option(
                "--decimal-comma", help="With --excel: write decimals as 0,75 so Danish Excel reads them as numbers."
            ),
        ] = False,
        pseudonymize: Annotated[
            bool,
            typer.Option(
                "--pseudonymize",
                help="Replace person names (also inside texts) by stable labels "
                "like 'Person 001'; bodies keep their names.",
            ),
        ] = False,
        secret: Annotated[
            Optional[str],
            typer.Option(
                "--secret",
                envvar="REFERAT_PSEUDONYM_SECRET",
                show_default=False,
                help="With --pseudonymize: number people in a keyed-hash order instead of by id.",
            ),
        ] = None,
        db: Db = DEFAULT_DB,
    ) -> None:
        """Export a table as CSV (plain or Danish Excel), Parquet or iCalendar.

        The analyst view is exported: meeting dates, bodies and names, no raw ids.
        Every CSV escapes formula-like cells (=, +, -, @) with a leading ';
        CPR numbers are masked in every export.

        `events --format ics` is a calendar of the meetings, the events the documents
        mention and the action deadlines; `meetings`/`actions` give only those.

        Example: referat export decisions --out decisions.csv --excel --db data/processed/referat.db

        Example: referat export attendance --out attendance.parquet --pseudonymize

        Example: referat export events --format ics --out referat.ics
        """
        from pipeline.analyst.export import export_table, guess_format

        if decimal_comma and not excel:
            raise _fail("--decimal-comma needs --excel (the plain CSV uses ',' as separator)")
        chosen = fmt.value if fmt is not None else guess_format(out)
        try:
            n = export_table(
                db,
                table.value,
                out,
                fmt=chosen,
                excel=excel,
                pseudonymize=pseudonymize,
                secret=secret,
                decimal="," if decimal_comma else ".",
            )
        except ReferatError as e:
            raise _fail(str(e)) from None
        what = "calendar entries" if chosen == "ics" else "rows"
        typer.echo(
            f"Wrote {n} {what} of {table.value} to {out} ({chosen}"
            f"{', Danish Excel' if excel else ''}{', pseudonymized' if pseudonymize else ''})"
        )

    @app.command("show")
    def show_cmd(
        file: Annotated[Path, typer.Argument(help="A document to read and extract.", show_default=False)],
        html_out: Annotated[Path, typer.Option("--html", help="The review page to write (.html).", dir_okay=False)],
        model: Annotated[
            Optional[str], typer.Option("--model", help="spaCy pipeline to load (default: as `referat import`).")
        ] = None,
        db: Db = DEFAULT_DB,
        timeout: Annotated[float, typer.Option(min=0.1, help="Seconds the file may take.")] = 120.0,
        memory_mb: Annotated[int, typer.Option("--memory-mb", min=64, help="Memory it may use (MB).")] = 2048,
    ) -> None:
        """Write an HTML review page of what is extracted from FILE, highlighted in its text.

        The self-contained page highlights every record (participants, agenda items,
        decisions, actions and their owners, dates, events) at its place in the text,
        with a side list linking to each highlight and showing each record's key (for
        `referat reject/fix KEY`) and the corrections stored for it in --db.

        Example: referat show data/raw/komdir_hb_2022-01-14_referat.pdf --html review.html
        """
        from pipeline.analyst.review import review_file

        if not file.is_file():
            raise _fail(f"{file}: no such file")
        if not html_out.parent.is_dir():
            raise _fail(f"cannot write {html_out}: the folder {html_out.parent} does not exist")
        try:
            page = review_file(file, model=model, db=db, workers=1, timeout_s=timeout, memory_mb=memory_mb)
        except ReferatError as e:
            raise _fail(f"{file}: {e}") from None
        except OSError as e:  # a spaCy model that cannot be loaded
            raise _fail(f"cannot load the spaCy pipeline {model}: {e}") from None
        from pipeline.analyst.atomic import write_atomic

        try:
            write_atomic(html_out, page.encode("utf-8"))
        except ReferatError as e:
            raise _fail(str(e)) from None
        typer.echo(f"{file} -> {html_out}")

    @app.command("serve")
    def serve_cmd(
        db: Db = DEFAULT_DB,
        port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8001,
        host: Annotated[
            str, typer.Option("--host", help="Address to listen on (127.0.0.1 = this computer only).")
        ] = "127.0.0.1",
        live: Annotated[
            bool,
            typer.Option(
                "--live/--snapshot",
                help="Live: every page reads the database as it is now (an import that "
                "runs shows up). Snapshot: faster, but frozen at start.",
            ),
        ] = True,
    ) -> None:
        """Browse the database in Datasette (read-only), with canned analyst queries.

        Canned queries: decision history, open actions by owner, attendance per
        person, upcoming events. Needs the serve extra: pip install 'referat\\[serve]'.
        Ctrl+C stops it.

        Example: referat serve --db data/processed/referat.db --port 8001
        """
        from pipeline.analyst.serve import CANNED_QUERIES, LOOPBACK, serve, url

        if host not in LOOPBACK:
            typer.echo(
                f"Warning: --host {host} makes the database readable by anyone who can reach this "
                f"machine (names and full texts); serve a pseudonymised copy instead: see README "
                f"'Share safely'",
                err=True,
            )

        def ready(address: str) -> None:
            mode = "live" if live else "a snapshot taken now: restart after an import"
            typer.echo(f"Serving {db} at {address} (read-only, {mode}; Ctrl+C to stop). Canned queries:")
            for name in CANNED_QUERIES:
                typer.echo(f"  {url(host, port, db, name)}")

        try:
            serve(
                db,
                host=host,
                port=port,
                immutable=not live,
                on_ready=ready,
                log_level=os.environ.get("REFERAT_SERVE_LOG", "warning"),
            )
        except ReferatError as e:
            raise _fail(str(e)) from None
        except KeyboardInterrupt:
            pass
