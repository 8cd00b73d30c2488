"""`referat report`: a digest of a period as Markdown and a self-contained HTML page.

Thin: arguments -> pipeline.analyst.report.write_report. The "as of" date is decided
here (today unless --as-of), never inside the library. Wire it into the main
app with `register(app)`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.cli.common import DEFAULT_DB, Body, Db, Org, fail, iso_date
from pipeline.errors import ReferatError


def register(app: typer.Typer) -> None:
    """Add `report` to `app`."""

    @app.command("report")
    def report_cmd(
        since: Annotated[
            str,
            typer.Option(callback=iso_date, show_default=False, help="First meeting date of the period (YYYY-MM-DD)."),
        ],
        until: Annotated[
            str,
            typer.Option(callback=iso_date, show_default=False, help="Last meeting date of the period (YYYY-MM-DD)."),
        ],
        out: Annotated[
            Path,
            typer.Option(
                "--out",
                "-o",
                show_default=False,
                help="Where to write: --out digest writes digest.md and digest.html "
                "(into an existing folder: FOLDER/digest.md, .html).",
            ),
        ],
        organization: Org = None,
        body: Body = None,
        as_of: Annotated[
            Optional[str],
            typer.Option(
                "--as-of",
                callback=iso_date,
                show_default=False,
                help="The day the digest is made for: actions due before it are overdue, events on or after it "
                "are coming (default: today).",
            ),
        ] = None,
        no_charts: Annotated[bool, typer.Option("--no-charts", help="Leave the charts out.")] = False,
        db: Db = DEFAULT_DB,
    ) -> None:
        """Write a digest of a period: Markdown and a self-contained HTML page with charts.

        Sections: meetings and decisions per body and month, attendance per person,

        open and overdue actions by owner (overdue: due before --as-of),

        coming events (on or after --as-of), and the period's decisions by meeting.

        The HTML page has no scripts and no external files (charts are inline PNG).

        Charts need matplotlib: pip install 'referat\\[notebook]' (without it: no charts).

        Example (writes digest.md and digest.html):

        referat report --since 2022-01-01 --until 2022-12-31 --org KOMDIR --out digest

        Example: referat report --since 2020-01-01 --until 2022-12-31 --as-of 2022-03-01 --out reports/
        """
        from pipeline.analyst.report import summary, write_report

        if since > until:
            fail(f"--since {since} is after --until {until}", 2)
        day = as_of or dt.date.today().isoformat()
        try:
            result = write_report(
                db,
                out,
                since=since,
                until=until,
                as_of=day,
                organization=organization,
                body=body,
                with_charts=not no_charts,
            )
        except ReferatError as e:
            fail(str(e))
        if result.note:
            typer.echo(f"Note: {result.note}", err=True)
        typer.echo(
            f"Wrote {result.markdown} and {result.html}: {summary(result.digest)}, "
            f"as of {result.digest.as_of} (from {db})"
        )
