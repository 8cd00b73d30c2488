"""The digest as one self-contained HTML page: no scripts, no external files (charts inline
as base64 PNG), every text HTML-escaped."""

from __future__ import annotations

import base64
import html
from collections.abc import Set
from typing import Optional

from pipeline.analyst.report.cells import event_when, meetings_of_decisions, percent, plain, summary, where_of
from pipeline.analyst.report.digest import Digest

_CSS = """body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:72rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.4}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
td.n{text-align:right}img{max-width:100%;height:auto;display:block;margin:.5rem 0 1rem}
.note{background:#fff6d5;padding:.5rem;border-left:4px solid #e0b400}.overdue{color:#b00020}
h3{margin-bottom:.25rem}ul{margin-top:.25rem}.muted{color:#666}"""


def _h(value: object) -> str:
    return html.escape(plain(value), quote=True)


def _html_table(header: list[str], rows: list[list[object]], numeric: Set[int] = frozenset()) -> str:
    if not rows:
        return '<p class="muted">None.</p>'
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    cells = ['<td class="n">' if i in numeric else "<td>" for i in range(len(header))]
    body = "".join("<tr>" + "".join(f"{cells[i]}{_h(c)}</td>" for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _img(pngs: Optional[dict[str, bytes]], name: str, alt: str) -> str:
    if not pngs or name not in pngs:
        return ""
    data = base64.b64encode(pngs[name]).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def to_html(d: Digest, pngs: Optional[dict[str, bytes]] = None, *, note: Optional[str] = None) -> str:
    """The digest as one self-contained HTML page (no scripts; charts inline as base64 PNG)."""
    title = f"Digest {d.since} – {d.until}"
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>Meetings of {_h(d.scope)} from {d.since} to {d.until}, as of {d.as_of}: {html.escape(summary(d))}.</p>",
    ]
    if note:
        parts.append(f'<p class="note">Note: {_h(note)}.</p>')
    parts += [
        "<h2>Meetings and decisions per body and month</h2>",
        _img(pngs, "activity", "Bar chart of meetings and decisions per month and body"),
        _html_table(
            ["month", "organization", "body", "meetings", "decisions"],
            [[r.month, r.organization, r.body, r.meetings, r.decisions] for r in d.activity.itertuples()],
            {3, 4},
        ),
    ]
    parts += [
        "<h2>Attendance per person</h2>",
        _img(pngs, "attendance", "Bar chart of the attendance rate per person"),
        _html_table(
            ["person", "attended", "apologies", "rate", "first seen", "last seen"],
            [
                [r.person, r.attended, r.apologies, percent(r.rate), r.first_seen, r.last_seen]
                for r in d.attendance.itertuples()
            ],
            {1, 2, 3},
        ),
    ]
    parts += [
        "<h2>Open and overdue actions by owner</h2>",
        f"<p>Open actions decided at the period's meetings; overdue: due before {d.as_of}.</p>",
        _img(pngs, "actions", "Bar chart of open and overdue actions per owner"),
        _html_table(
            ["owner", "open", "overdue", "next due"],
            [[r.owner, r.open, r.overdue, r.next_due] for r in d.owners.itertuples()],
            {1, 2},
        ),
        "<h3>Overdue actions</h3>",
        _html_table(
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
            {5},
        ),
    ]
    parts += [
        f"<h2>Coming events (on or after {d.as_of})</h2>",
        _html_table(
            ["date", "event", "mentioned in", "file", "page"],
            [
                [event_when(r), r.text, f"{where_of(r.organization, r.body)} {r.meeting_date}".strip(), r.file, r.page]
                for r in d.events.itertuples()
            ],
            {4},
        ),
    ]
    parts.append("<h2>Decisions by meeting</h2>")
    groups = meetings_of_decisions(d)
    if not groups:
        parts.append('<p class="muted">None.</p>')
    for (date, where, file), g in groups:
        src = f' <span class="muted">({html.escape(file)})</span>' if file else ""
        items = []
        for r in g.itertuples():
            item = f"<b>{_h(r.item)}. {_h(r.agenda_title)}:</b> " if plain(r.item) else ""
            due = f" (due {_h(r.due)})" if plain(r.due) else ""
            items.append(f'<li>{item}{_h(r.text)}{due} <span class="muted">(page {_h(r.page)})</span></li>')
        parts.append(f"<h3>{html.escape(date)} {html.escape(where)}{src}</h3><ul>{''.join(items)}</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(p for p in parts if p)
        + "\n</body></html>\n"
    )
