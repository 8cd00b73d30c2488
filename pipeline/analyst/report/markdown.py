"""The digest as Markdown: tables and lists, every cell escaped (no raw HTML, no table breaks)."""

from __future__ import annotations

import re
from typing import Optional

from pipeline.analyst.report.cells import event_when, meetings_of_decisions, percent, plain, summary, where_of
from pipeline.analyst.report.digest import Digest

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#])")


def _md(value: object) -> str:
    """Text for a Markdown table cell or list item: no raw HTML, no table breaks."""
    return _MD_SPECIAL.sub(r"\\\1", plain(value))


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    if not rows:
        return ["_None._", ""]
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return out + [""]


def to_markdown(d: Digest, *, note: Optional[str] = None) -> str:
    """The digest as Markdown (tables; the charts are in the HTML page)."""
    lines = [
        f"# Digest {d.since} – {d.until}",
        "",
        f"Meetings of {_md(d.scope)} from {d.since} to {d.until}, as of {d.as_of}: {summary(d)}.",
        "",
    ]
    if note:
        lines += [f"_Note: {_md(note)}._", ""]
    lines += ["## Meetings and decisions per body and month", ""]
    lines += _md_table(
        ["month", "organization", "body", "meetings", "decisions"],
        [[r.month, r.organization, r.body, r.meetings, r.decisions] for r in d.activity.itertuples()],
    )
    lines += ["## Attendance per person", ""]
    lines += _md_table(
        ["person", "attended", "apologies", "rate", "first seen", "last seen"],
        [
            [r.person, r.attended, r.apologies, percent(r.rate), r.first_seen, r.last_seen]
            for r in d.attendance.itertuples()
        ],
    )
    lines += [
        "## Open and overdue actions by owner",
        "",
        f"Open actions decided at the period's meetings; overdue: due before {d.as_of}.",
        "",
    ]
    lines += _md_table(
        ["owner", "open", "overdue", "next due"],
        [[r.owner, r.open, r.overdue, r.next_due] for r in d.owners.itertuples()],
    )
    lines += ["### Overdue actions", ""]
    lines += _md_table(
        ["due", "owners", "action", "meeting", "file", "page"],
        [
            [
                r.due or r.due_start,
                r.owners,
                r.text,
                f"{r.meeting_date} {where_of(r.organization, r.body)}",
                r.file,
                r.page,
            ]
            for r in d.overdue.itertuples()
        ],
    )
    lines += [f"## Coming events (on or after {d.as_of})", ""]
    lines += _md_table(
        ["date", "event", "mentioned in", "file", "page"],
        [
            [event_when(r), r.text, f"{where_of(r.organization, r.body)} {r.meeting_date}".strip(), r.file, r.page]
            for r in d.events.itertuples()
        ],
    )
    lines += ["## Decisions by meeting", ""]
    groups = meetings_of_decisions(d)
    if not groups:
        lines += ["_None._", ""]
    for (date, where, file), g in groups:
        lines += [f"### {_md(date)} {_md(where)} ({_md(file)})".replace(" ()", ""), ""]
        for r in g.itertuples():
            item = f"{_md(r.item)}. {_md(r.agenda_title)}: " if plain(r.item) else ""
            due = f" (due {_md(r.due)})" if plain(r.due) else ""
            lines.append(f"- {item}{_md(r.text)}{due} (page {_md(r.page)})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
