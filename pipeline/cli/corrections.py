"""Corrections that survive re-import: `action`, `reject`, `fix`, `add`, `set-meeting`,
`corrections`. Thin: arguments -> pipeline.store.corrections.

Every record's key is in the `key` column of `referat decisions`/`actions`, of the
exports, and on the review page (`referat show`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import pandas as pd
import typer

from pipeline.cli.common import DEFAULT_DB, Db, fail
from pipeline.cli.output import Fmt, Format, emit
from pipeline.errors import ReferatError

Key = Annotated[str, typer.Argument(help="The record's key, e.g. action:3fa2b1c4d5e6:1042-1100.", show_default=False)]
Note = Annotated[Optional[str], typer.Option(help="Why (kept with the correction).")]

action_app = typer.Typer(help="Set an action's status: done, open or cancelled.", no_args_is_help=True)


def _store(db: Path):
    from pipeline.store import Store

    if not db.is_file():
        fail(f"no database at {db}: run `referat import` first (or pass --db PATH)")
    return Store(db)


def _correct(
    db: Path, key: str, op: str, *, field: Optional[str] = None, value: object = None, note: Optional[str] = None
) -> str:
    from pipeline.store.corrections import correct

    try:
        with _store(db) as store:
            return correct(store, key, op, field=field, value=value, note=note)
    except ReferatError as e:
        fail(str(e))


def _said(key: str, what: str, how: str) -> None:
    extra = " (its text moved in a newer extraction; matched by its words)" if how == "moved" else ""
    typer.echo(f"{key}: {what}{extra}")


def _status(status: str):
    def cmd(key: Key, db: Db = DEFAULT_DB, note: Note = None) -> None:
        _said(key, f"marked {status}", _correct(db, key, "status", value=status, note=note))

    cmd.__doc__ = f"Mark the action KEY {status}.\n\n    Example: referat action {status} action:3fa2b1c4d5e6:1042-1100"
    return cmd


for _s, _name in (("done", "done"), ("open", "open"), ("cancelled", "cancel")):
    action_app.command(_name)(_status(_s))


def register(app: typer.Typer) -> None:
    app.add_typer(action_app, name="action")

    @app.command("reject")
    def reject_cmd(key: Key, db: Db = DEFAULT_DB, note: Note = None) -> None:
        """Reject a record the extractor got wrong (a false decision, action, attendee or event).

        It disappears from every query and export, and stays rejected when its
        document is imported again.

        Example: referat reject decision:3fa2b1c4d5e6:1042-1100 --note "a proposal, not a decision"
        """
        _said(key, "rejected", _correct(db, key, "reject", note=note))

    @app.command("fix")
    def fix_cmd(
        key: Key,
        db: Db = DEFAULT_DB,
        text: Annotated[Optional[str], typer.Option(help="The record's corrected text.")] = None,
        owner: Annotated[
            Optional[str], typer.Option(help="Owner(s), separated by ';' (actions, agenda items).")
        ] = None,
        due: Annotated[
            Optional[str], typer.Option(help="Due date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (an event's date).")
        ] = None,
        item: Annotated[Optional[str], typer.Option(help="The agenda item number it belongs to.")] = None,
        note: Note = None,
    ) -> None:
        """Fix a record's text, owner, due date or agenda item.

        Example: referat fix action:3fa2b1c4d5e6:1042-1100 --owner "Stine Johansen; sekretariatet" --due 2024-06-30
        """
        fields = {k: v for k, v in (("text", text), ("owner", owner), ("due", due), ("item", item)) if v is not None}
        if not fields:
            fail("nothing to fix: give --text, --owner, --due or --item", 2)
        for field, value in fields.items():
            _said(key, f"{field} set to {value!r}", _correct(db, key, "fix", field=field, value=value, note=note))

    @app.command("add")
    def add_cmd(
        kind: Annotated[str, typer.Argument(help="decision, action, event, attendee or absentee.")],
        document: Annotated[str, typer.Option("--doc", help="The document: its path, file name or SHA-256 (prefix).")],
        text: Annotated[str, typer.Option(help="The text (a name for attendee/absentee).")],
        db: Db = DEFAULT_DB,
        item: Annotated[Optional[str], typer.Option(help="Agenda item number.")] = None,
        owner: Annotated[Optional[list[str]], typer.Option(help="An owner (repeat for more).")] = None,
        due: Annotated[Optional[str], typer.Option(help="YYYY-MM-DD (an event's date, a due date).")] = None,
        note: Note = None,
    ) -> None:
        """Add a record the extractor missed.

        Example: referat add action --doc komdir_hb_2022-01-14_referat.pdf --text "Eik sender budgettet" --owner "Eik Møller" --due 2022-02-01
        """
        from pipeline.store.corrections import add_record

        try:
            with _store(db) as store:
                key = add_record(store, document, kind, text=text, item=item, owners=owner or [], due=due, note=note)
        except ReferatError as e:
            fail(str(e))
        typer.echo(f"{key}: added")

    @app.command("set-meeting")
    def set_meeting_cmd(
        document: Annotated[str, typer.Argument(help="The document: path, file name or SHA-256.")],
        db: Db = DEFAULT_DB,
        date: Annotated[Optional[str], typer.Option(help="The meeting date, YYYY-MM-DD.")] = None,
        organization: Annotated[
            Optional[str], typer.Option("--organization", "--org", help="The organisation.")
        ] = None,
        note: Note = None,
    ) -> None:
        """Set a document's meeting date or organisation (kept on re-import).

        Example: referat set-meeting vinterbad_2019.pdf --date 2019-08-22 --org "Vinterbadelauget"
        """
        from pipeline.store.corrections import set_meeting

        fields = {k: v for k, v in (("date", date), ("organization", organization)) if v}
        if not fields:
            fail("nothing to set: give --date or --organization", 2)
        try:
            with _store(db) as store:
                for field, value in fields.items():
                    set_meeting(store, document, field=field, value=value, note=note)
                    typer.echo(f"{document}: meeting {field} set to {value}")
        except ReferatError as e:
            fail(str(e))

    @app.command("corrections")
    def corrections_cmd(
        db: Db = DEFAULT_DB,
        fmt: Fmt = Format.table,
        export: Annotated[
            Optional[Path], typer.Option("--export", dir_okay=False, help="Write all corrections to this JSON file.")
        ] = None,
        import_: Annotated[
            Optional[Path],
            typer.Option(
                "--import",
                exists=True,
                dir_okay=False,
                help="Load corrections from a file written by --export (a colleague's).",
            ),
        ] = None,
    ) -> None:
        """List the corrections, with whether each still finds its record
        (applied, moved, unmatched); share them with --export and --import.

        Example: referat corrections --export team-corrections.json
        """
        from pipeline.store.corrections import import_corrections, list_corrections

        try:
            with _store(db) as store:
                if import_ is not None:
                    rows = json.loads(import_.read_text(encoding="utf-8"))
                    added, skipped = import_corrections(store, rows)
                    typer.echo(f"Loaded {added} corrections from {import_} ({skipped} already here)")
                rows = list_corrections(store.conn)
        except (ReferatError, ValueError, KeyError) as e:
            fail(f"{import_ or db}: {e}")
        if export is not None:
            export.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            typer.echo(f"Wrote {len(rows)} corrections to {export}")
            return
        if import_ is None or rows:
            df = pd.DataFrame(
                rows, columns=["id", "key", "op", "field", "value", "original", "note", "file", "applied", "created_at"]
            )
            df["value"] = df["value"].map(
                lambda v: v if isinstance(v, str) or v is None else json.dumps(v, ensure_ascii=False)
            )
            emit(df, fmt, "Corrections", ("key", "op", "field", "value", "file", "applied"))
        unmatched = [r for r in rows if r["applied"] == "unmatched"]
        if unmatched:
            typer.echo(
                f"Warning: {len(unmatched)} correction(s) no longer find their record (shown as "
                f"unmatched): check them against the review page",
                err=True,
            )
