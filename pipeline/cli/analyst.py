"""Analyst commands over the store: decisions, actions, attendance, events, search, sql,
people, meetings. The record queries share the filters --org, --body, --since, --until,
--text and --person where they make sense. Thin: arguments -> pipeline.analyst.query -> table/CSV/JSON.

Wire them into the main app with `register(app)`.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Optional

import pandas as pd
import typer

from pipeline.analyst import query
from pipeline.cli.common import DEFAULT_DB, Body, Db, Org, Since, Text, Until, iso_date
from pipeline.cli.output import Fmt, Format, emit
from pipeline.errors import ReferatError


def _run(make: Callable[[], pd.DataFrame], fmt: Format, title: str, columns: tuple[str, ...] = ()) -> None:
    """Run a query; a ReferatError becomes one `Error: ...` line and exit code 1."""
    try:
        df = make()
    except ReferatError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    emit(df, fmt, title, columns)


@contextmanager
def _ctrl_c() -> Iterator[Callable[[], bool]]:
    """While the block runs, Ctrl+C sets a flag (read by the callable) instead of raising
    inside SQLite, so the query stops cleanly between two steps."""
    flag: list[bool] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *_: flag.append(True))
    except ValueError:  # not the main thread: leave Ctrl+C alone
        yield lambda: False
        return
    try:
        yield lambda: bool(flag)
    finally:
        signal.signal(signal.SIGINT, previous)


def register(app: typer.Typer) -> None:
    """Add the analyst commands to `app`."""

    @app.command("decisions")
    def decisions_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        person: Annotated[
            Optional[str], typer.Option(help="Decisions naming this person (any spelling) or under an item they own.")
        ] = None,
        body: Body = None,
        organization: Org = None,
        since: Since = None,
        until: Until = None,
        text: Text = None,
    ) -> None:
        """List decisions with meeting date, agenda item, due date, votes, file and page.

        Example: referat decisions --body HB --since 2022-01-01 --person "Henrik Kruse" --format csv
        """
        _run(
            lambda: query.decisions(
                db, person=person, body=body, since=since, until=until, text=text, organization=organization
            ),
            fmt,
            "Decisions",
            ("meeting_date", "body", "item", "text", "due", "file", "page"),
        )

    @app.command("actions")
    def actions_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        owner: Annotated[
            Optional[str], typer.Option(help="A person or body, e.g. sekretariatet (any spelling).")
        ] = None,
        person: Annotated[
            Optional[str], typer.Option(help="Actions this person owns or that name them (any spelling).")
        ] = None,
        due_before: Annotated[
            Optional[str], typer.Option(callback=iso_date, help="Due before this date (YYYY-MM-DD).")
        ] = None,
        status: Annotated[Optional[str], typer.Option(help="open, done or cancelled.")] = None,
        body: Body = None,
        organization: Org = None,
        since: Since = None,
        until: Until = None,
        text: Text = None,
    ) -> None:
        """List actions with owners, due dates and status.

        Example: referat actions --owner "Eik Møller" --status open --due-before 2022-06-01

        Example: referat actions --org KOMDIR --since 2022-01-01 --text arbejdsgruppe
        """
        _run(
            lambda: query.actions(
                db,
                owner=owner,
                due_before=due_before,
                status=status,
                body=body,
                organization=organization,
                since=since,
                until=until,
                text=text,
                person=person,
            ),
            fmt,
            "Actions",
            ("meeting_date", "body", "item", "text", "owners", "due", "status"),
        )

    @app.command("attendance")
    def attendance_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        person: Annotated[Optional[str], typer.Option(help="Only this person.")] = None,
        body: Body = None,
        organization: Org = None,
        since: Since = None,
        until: Until = None,
    ) -> None:
        """Per person: meetings attended, apologies, attendance rate, first and last seen.

        Counted over the meetings the filters choose (a period, an organisation, a body).

        Example: referat attendance --person "Henrik Kruise" --format json

        Example: referat attendance --org KOMDIR --since 2021-01-01 --until 2021-12-31
        """
        _run(
            lambda: query.attendance(db, person=person, since=since, until=until, organization=organization, body=body),
            fmt,
            "Attendance",
        )

    @app.command("events")
    def events_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        body: Body = None,
        organization: Org = None,
        since: Annotated[
            Optional[str], typer.Option(callback=iso_date, help="Events on or after this date (YYYY-MM-DD).")
        ] = None,
        until: Annotated[
            Optional[str], typer.Option(callback=iso_date, help="Events on or before this date (YYYY-MM-DD).")
        ] = None,
        text: Text = None,
    ) -> None:
        """Dated events the documents mention (meetings to come, årsmøder, conferences).

        Example: referat events --since 2022-03-01 --org KOMDIR
        """
        _run(
            lambda: query.events(db, organization=organization, body=body, since=since, until=until, text=text),
            fmt,
            "Events",
            ("date", "end_date", "text", "meeting_date", "body", "file", "page"),
        )

    @app.command("search")
    def search_cmd(
        words: Annotated[str, typer.Argument(help="Words to find; word* for a prefix.")],
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
        body: Body = None,
        organization: Org = None,
        since: Since = None,
        until: Until = None,
    ) -> None:
        """Full-text search of decisions and actions, Danish-stemmed, best first.

        Example: referat search "beslutte årsmøde" --limit 5  (finds "besluttede ... årsmødet")
        """
        _run(
            lambda: query.search(
                db, words, limit=limit, organization=organization, body=body, since=since, until=until
            ),
            fmt,
            f"Search: {words}",
            ("kind", "meeting_date", "body", "text", "file", "page"),
        )

    @app.command("sql")
    def sql_cmd(
        statement: Annotated[str, typer.Argument(help="One SELECT or WITH statement.")],
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        timeout: Annotated[
            float, typer.Option(min=0, help="Stop the query after this many seconds (0: no limit).")
        ] = query.SQL_TIMEOUT_S,
    ) -> None:
        """Run a read-only SQL query (tables and views: see docs/schema.md).

        A query that runs longer than --timeout seconds, or is interrupted with
        Ctrl+C, is stopped with one error line (exit code 1).

        Example: referat sql "SELECT body, count(*) AS n FROM meetings GROUP BY body" --format csv
        """
        with _ctrl_c() as interrupted:
            _run(lambda: query.sql(db, statement, timeout_s=timeout or None, cancel=interrupted), fmt, "SQL")

    @app.command("people")
    def people_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        all_: Annotated[bool, typer.Option("--all", help="Also people no document mentions now.")] = False,
    ) -> None:
        """The people registry: canonical names, spellings seen with counts, and why they merged.

        Example: referat people --format csv > people.csv  (fix merges in an alias file: see docs/schema.md)
        """
        _run(lambda: query.people(db, include_unused=all_), fmt, "People", ("name", "kind", "mentions", "variants"))

    @app.command("documents")
    def documents_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        status: Annotated[Optional[str], typer.Option(help="ok or failed.")] = None,
    ) -> None:
        """Imported documents: status, meeting date, record counts, what each yielded
        nothing of (no date, no attendees, no statements), errors, other paths.

        Example: referat documents --status failed
        """
        _run(
            lambda: query.documents(db, status=status),
            fmt,
            f"Documents in {db}",
            ("file", "status", "meeting_date", "attendance", "decisions", "actions", "events", "empty", "error"),
        )

    @app.command("prune")
    def prune_cmd(
        db: Db = DEFAULT_DB,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list what would go.")] = False,
    ) -> None:
        """Remove documents whose files are gone, with their records (a renamed file is
        found again by its content on the next import; an identical copy elsewhere takes over).

        Example: referat prune --dry-run
        """
        from pipeline.store import Store

        if not db.is_file():
            typer.echo(f"Error: no database at {db}: run `referat import` first (or pass --db PATH)", err=True)
            raise typer.Exit(1)
        with Store(db) as store:
            removed = store.prune(dry_run=dry_run)
        for p in removed:
            typer.echo(f"{'would remove' if dry_run else 'removed'} {p}")
        typer.echo(f"{len(removed)} document(s) {'would be ' if dry_run else ''}removed from {db}")

    @app.command("meetings")
    def meetings_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        organization: Org = None,
        body: Body = None,
        since: Since = None,
        until: Until = None,
        text: Annotated[
            Optional[str], typer.Option(help="Title, an agenda item or a decision contains this (any case).")
        ] = None,
        person: Annotated[
            Optional[str], typer.Option(help="Meetings whose documents mention this person (any spelling).")
        ] = None,
    ) -> None:
        """Meetings with their documents, counts, and agenda items dropped or added in the minutes.

        Example: referat meetings --org KOMDIR --since 2022-01-01 --person "Henrik Kruse"
        """
        _run(
            lambda: query.meetings(
                db, organization=organization, body=body, since=since, until=until, text=text, person=person
            ),
            fmt,
            "Meetings",
            ("date", "organization", "body", "present", "decisions", "actions", "dropped", "added"),
        )
