"""A digest of a period: Markdown and a self-contained HTML page with charts.

```python
import datetime as dt
from pipeline.analyst.report import build_digest, write_report
digest = build_digest("data/processed/referat.db", since="2022-01-01", until="2022-12-31",
                      as_of=dt.date(2022, 3, 1), organization="KOMDIR")
result = write_report(db, "out/digest", since="2022-01-01", until="2022-12-31", as_of="2022-03-01")
result.markdown, result.html      # out/digest.md, out/digest.html
```

The digest covers the meetings dated from `since` to `until` (inclusive),
optionally of one organisation and/or body:

- meetings and decisions per body and month (a bar chart);
- attendance per person at those meetings (table and chart);
- the open actions decided at those meetings, by owner, and which are overdue:
  an open action is overdue when its due date (`due_start`) is before the
  report's `as_of` date;
- coming events: those the documents (of the organisation/body) mention on
  or after `as_of` (an event running over several days while `as_of` falls
  in it counts);
- the period's decisions, listed by meeting.

`as_of` is always passed in (the CLI gives today's date unless `--as-of`), so
a digest can be made again exactly. The data comes from pipeline.analyst.query and
parameterised SQL over the read-only store. Charts need matplotlib (the
`notebook` extra), imported only when charts are drawn, with the Agg
backend; without it the digest is written without charts and
`Report.note` says so. The HTML page has no scripts and no external files
(charts are inline base64 PNG); every text in it is HTML-escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union, cast

import pandas as pd

from pipeline.analyst import query
from pipeline.errors import ReferatError
from pipeline.privacy import mask_cpr

NO_MATPLOTLIB = "charts left out: matplotlib is not installed (pip install 'referat[notebook]' to add them)"
NO_OWNER = "(no owner)"
MAX_CHART_ROWS = 40  # people or owners in one horizontal bar chart

DateLike = Union[str, dt.date]


class ReportError(ReferatError):
    """The digest's arguments cannot be used or its files cannot be written."""


@dataclass
class Digest:
    """The data of a digest: one DataFrame per section (ISO date strings, as pipeline.analyst.query)."""

    since: dt.date
    until: dt.date
    as_of: dt.date
    organization: Optional[str]
    body: Optional[str]
    meetings: pd.DataFrame  # date, organization, body, title, decisions, actions, present, absent
    activity: pd.DataFrame  # month, organization, body, meetings, decisions
    attendance: pd.DataFrame  # person, attended, apologies, rate, first_seen, last_seen
    actions: pd.DataFrame  # the period's open actions, with `overdue`
    owners: pd.DataFrame  # owner, kind, open, overdue, next_due
    events: pd.DataFrame  # coming events: date, end_date, text, organization, body, file, page
    decisions: pd.DataFrame  # the period's decisions, by meeting

    @property
    def overdue(self) -> pd.DataFrame:
        return self.actions[self.actions["overdue"]].sort_values(["due_start", "meeting_date"], kind="stable")

    @property
    def scope(self) -> str:
        parts = [p for p in (self.organization, self.body) if p]
        return " ".join(parts) if parts else "all organisations and bodies"


@dataclass
class Report:
    """What write_report wrote."""

    markdown: Path
    html: Path
    digest: Digest
    charts: bool
    note: Optional[str] = None
    files: list[Path] = field(default_factory=list)


# ------------------------------------------------------------------ data


def _day(value: DateLike, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ReportError(f"{name} must be a date like 2022-01-31, got {value!r}") from None


def build_digest(
    db: query.DbLike,
    *,
    since: DateLike,
    until: DateLike,
    as_of: DateLike,
    organization: Optional[str] = None,
    body: Optional[str] = None,
) -> Digest:
    """The digest's data for the meetings from `since` to `until` (see the module doc)."""
    start, end, today = _day(since, "since"), _day(until, "until"), _day(as_of, "as_of")
    if start > end:
        raise ReportError(f"since ({start}) is after until ({end})")
    period = dict(since=start.isoformat(), until=end.isoformat(), organization=organization, body=body)
    meetings = query.meetings(db, **period)
    decisions = query.decisions(db, **period)
    attendance = query.attendance(db, **period)
    actions = query.actions(db, status="open", **period)
    events = query.events(db, since=today.isoformat(), organization=organization, body=body)
    events = events.drop_duplicates(subset=["date", "end_date", "text"], keep="last").reset_index(drop=True)

    actions = actions.assign(
        overdue=actions["due_start"].map(lambda d: isinstance(d, str) and d < today.isoformat()).astype(bool)
    )
    owners = _owners(db, actions)
    return Digest(
        since=start,
        until=end,
        as_of=today,
        organization=organization,
        body=body,
        meetings=meetings,
        activity=_activity(meetings, decisions),
        attendance=attendance,
        actions=actions,
        owners=owners,
        events=events,
        decisions=decisions,
    )


def _activity(meetings: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """Meetings and decisions per month, organisation and body."""
    keys = ["month", "organization", "body"]

    def count(df: pd.DataFrame, date_col: str, name: str) -> pd.DataFrame:
        if df.empty:
            return pd.DataFrame(columns=[*keys, name])
        g = df.assign(
            month=df[date_col].str[:7], organization=df["organization"].fillna(""), body=df["body"].fillna("")
        )
        return g.groupby(keys, sort=True).size().rename(name).reset_index()

    out = count(meetings, "date", "meetings").merge(count(decisions, "meeting_date", "decisions"), on=keys, how="outer")
    for col in ("meetings", "decisions"):
        out[col] = out[col].fillna(0).astype(int)
    return out.sort_values(keys).reset_index(drop=True)


def _owners(db: query.DbLike, actions: pd.DataFrame) -> pd.DataFrame:
    """One row per owner (a person or body, canonical name) of the open actions."""
    columns = ["owner", "kind", "open", "overdue", "next_due"]
    if actions.empty:
        return pd.DataFrame(columns=columns)
    owned = query.action_owners(db, [int(i) for i in actions["action_id"]])
    merged = actions[["action_id", "overdue", "due_start"]].merge(owned, on="action_id", how="left")
    merged["owner"] = merged["owner"].fillna(NO_OWNER)
    merged = merged.drop_duplicates(subset=["action_id", "owner"])
    out = (
        merged.groupby("owner", sort=False)
        .agg(
            kind=("kind", "first"),
            open=("action_id", "size"),
            overdue=("overdue", "sum"),
            next_due=("due_start", "min"),
        )
        .reset_index()
    )
    out["overdue"] = out["overdue"].astype(int)
    out["kind"] = out["kind"].fillna("")
    return out.sort_values(
        ["overdue", "open", "owner"],
        ascending=[False, False, True],
        key=lambda s: s.str.casefold() if s.name == "owner" else s,
    ).reset_index(drop=True)[columns]


# ------------------------------------------------------------------ text helpers


def _text(value: object) -> str:
    """A cell as one line of text ('' for missing), CPR numbers masked."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return mask_cpr(" ".join(str(value).split()))


_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#])")


def _md(value: object) -> str:
    """Text for a Markdown table cell or list item: no raw HTML, no table breaks."""
    return _MD_SPECIAL.sub(r"\\\1", _text(value))


def _rate(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{float(cast(float, value)):.0%}"


def _where(org: object, body: object) -> str:
    return " ".join(x for x in (_text(org), _text(body)) if x)


def _event_when(r) -> str:
    end = _text(r.end_date)
    return f"{r.date} – {end}" if end and end != r.date else str(r.date)


def _meetings_of_decisions(d: Digest):
    """(heading parts, decisions) per meeting, in date order."""
    if d.decisions.empty:
        return []
    groups = []
    for _, g in d.decisions.groupby("meeting_id", sort=False):
        first = g.iloc[0]
        groups.append(
            ((_text(first.meeting_date) or "no date", _where(first.organization, first.body), _text(first.file)), g)
        )
    return groups


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(d: Digest) -> str:
    """One line: "6 meetings, 18 decisions, 13 open actions (4 overdue), 3 coming events"."""
    n_overdue = int(d.actions["overdue"].sum()) if not d.actions.empty else 0
    return (
        f"{_n(len(d.meetings), 'meeting')}, {_n(len(d.decisions), 'decision')}, "
        f"{_n(len(d.actions), 'open action')} ({n_overdue} overdue), {_n(len(d.events), 'coming event')}"
    )


# ------------------------------------------------------------------ Markdown


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
            [r.person, r.attended, r.apologies, _rate(r.rate), r.first_seen, r.last_seen]
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
                f"{r.meeting_date} {_where(r.organization, r.body)}",
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
            [_event_when(r), r.text, f"{_where(r.organization, r.body)} {r.meeting_date}".strip(), r.file, r.page]
            for r in d.events.itertuples()
        ],
    )
    lines += ["## Decisions by meeting", ""]
    groups = _meetings_of_decisions(d)
    if not groups:
        lines += ["_None._", ""]
    for (date, where, file), g in groups:
        lines += [f"### {_md(date)} {_md(where)} ({_md(file)})".replace(" ()", ""), ""]
        for r in g.itertuples():
            item = f"{_md(r.item)}. {_md(r.agenda_title)}: " if _text(r.item) else ""
            due = f" (due {_md(r.due)})" if _text(r.due) else ""
            lines.append(f"- {item}{_md(r.text)}{due} (page {_md(r.page)})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------------ charts


def charts(d: Digest) -> Optional[dict[str, bytes]]:
    """PNG charts of the digest by name; None when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    out: dict[str, bytes] = {}
    try:
        if not d.activity.empty:
            out["activity"] = _png(plt, _activity_chart(plt, d))
        if not d.attendance.empty and d.attendance["rate"].notna().any():
            out["attendance"] = _png(plt, _attendance_chart(plt, d))
        if not d.owners.empty:
            out["actions"] = _png(plt, _actions_chart(plt, d))
    finally:
        plt.close("all")
    return out


def _png(plt, fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _months(since: dt.date, until: dt.date) -> list[str]:
    months, y, m = [], since.year, since.month
    while (y, m) <= (until.year, until.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _activity_chart(plt, d: Digest):
    months = _months(d.since, d.until)
    act = d.activity.assign(
        label=[_where(o, b) or "?" for o, b in zip(d.activity.organization, d.activity.body, strict=True)]
    )
    labels = list(dict.fromkeys(act["label"]))
    fig, axes = plt.subplots(2, 1, figsize=(max(6.0, 0.35 * len(months) + 2), 6), sharex=True)
    x = range(len(months))
    for ax, col in zip(axes, ("meetings", "decisions"), strict=True):
        bottom = [0] * len(months)
        for label in labels:
            per = act[act["label"] == label].set_index("month")[col]
            values = [int(per.get(m, 0)) for m in months]
            ax.bar(x, values, bottom=bottom, label=label)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel(col)
        ax.yaxis.get_major_locator().set_params(integer=True)
    axes[0].set_title(f"Meetings and decisions per month, {d.since} – {d.until}")
    axes[0].legend(fontsize="small", loc="upper left")
    axes[-1].set_xticks(list(x))
    axes[-1].set_xticklabels(months, rotation=90 if len(months) > 6 else 0, fontsize="small")
    return fig


def _attendance_chart(plt, d: Digest):
    att = (
        d.attendance.dropna(subset=["rate"])
        .sort_values(["rate", "attended", "person"], ascending=[True, True, False])
        .tail(MAX_CHART_ROWS)
    )
    fig, ax = plt.subplots(figsize=(7, max(2.0, 0.28 * len(att) + 1)))
    ax.barh([_text(p) for p in att["person"]], att["rate"].astype(float), color="#4c72b0")
    ax.set_xlim(0, 1)
    ax.set_xlabel("attendance rate (attended / (attended + apologies))")
    ax.set_title("Attendance per person" + (f" (the {MAX_CHART_ROWS} shown)" if len(d.attendance) > len(att) else ""))
    ax.tick_params(axis="y", labelsize="small")
    return fig


def _actions_chart(plt, d: Digest):
    own = d.owners.head(MAX_CHART_ROWS).iloc[::-1]
    names = [_text(o) for o in own["owner"]]
    overdue = own["overdue"].astype(int).tolist()
    rest = (own["open"].astype(int) - own["overdue"].astype(int)).tolist()
    fig, ax = plt.subplots(figsize=(7, max(2.0, 0.3 * len(own) + 1)))
    ax.barh(names, overdue, color="#c44e52", label=f"overdue (due before {d.as_of})")
    ax.barh(names, rest, left=overdue, color="#8fb3d9", label="open, not overdue")
    ax.set_xlabel("open actions")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Open and overdue actions by owner")
    ax.legend(fontsize="small", loc="lower right")
    ax.tick_params(axis="y", labelsize="small")
    return fig


# ------------------------------------------------------------------ HTML


_CSS = """body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:72rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.4}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
td.n{text-align:right}img{max-width:100%;height:auto;display:block;margin:.5rem 0 1rem}
.note{background:#fff6d5;padding:.5rem;border-left:4px solid #e0b400}.overdue{color:#b00020}
h3{margin-bottom:.25rem}ul{margin-top:.25rem}.muted{color:#666}"""


def _h(value: object) -> str:
    return html.escape(_text(value), quote=True)


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
                [r.person, r.attended, r.apologies, _rate(r.rate), r.first_seen, r.last_seen]
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
                    f"{r.meeting_date} {_where(r.organization, r.body)}",
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
                [_event_when(r), r.text, f"{_where(r.organization, r.body)} {r.meeting_date}".strip(), r.file, r.page]
                for r in d.events.itertuples()
            ],
            {4},
        ),
    ]
    parts.append("<h2>Decisions by meeting</h2>")
    groups = _meetings_of_decisions(d)
    if not groups:
        parts.append('<p class="muted">None.</p>')
    for (date, where, file), g in groups:
        src = f' <span class="muted">({html.escape(file)})</span>' if file else ""
        items = []
        for r in g.itertuples():
            item = f"<b>{_h(r.item)}. {_h(r.agenda_title)}:</b> " if _text(r.item) else ""
            due = f" (due {_h(r.due)})" if _text(r.due) else ""
            items.append(f'<li>{item}{_h(r.text)}{due} <span class="muted">(page {_h(r.page)})</span></li>')
        parts.append(f"<h3>{html.escape(date)} {html.escape(where)}{src}</h3><ul>{''.join(items)}</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(p for p in parts if p)
        + "\n</body></html>\n"
    )


# ------------------------------------------------------------------ files


def output_paths(out: Union[str, Path]) -> tuple[Path, Path]:
    """digest.md and digest.html for `--out digest` (a suffix .md/.html is dropped);
    inside the folder for an existing folder."""
    out = Path(out)
    if out.is_dir():
        out = out / "digest"
    elif out.suffix.lower() in (".md", ".html", ".htm"):
        out = out.with_suffix("")
    return out.with_name(out.name + ".md"), out.with_name(out.name + ".html")


def write_report(
    db: query.DbLike,
    out: Union[str, Path],
    *,
    since: DateLike,
    until: DateLike,
    as_of: DateLike,
    organization: Optional[str] = None,
    body: Optional[str] = None,
    with_charts: bool = True,
) -> Report:
    """Write the digest as `out`.md and `out`.html (see output_paths); return what was written."""
    from pipeline.analyst.export import write_atomic

    md_path, html_path = output_paths(out)
    if not md_path.parent.is_dir():
        raise ReportError(f"cannot write {md_path}: the folder {md_path.parent} does not exist")
    digest = build_digest(db, since=since, until=until, as_of=as_of, organization=organization, body=body)
    pngs = charts(digest) if with_charts else {}
    note = NO_MATPLOTLIB if pngs is None else None
    write_atomic(md_path, to_markdown(digest, note=note).encode("utf-8"))
    write_atomic(html_path, to_html(digest, pngs, note=note).encode("utf-8"))
    return Report(
        markdown=md_path, html=html_path, digest=digest, charts=bool(pngs), note=note, files=[md_path, html_path]
    )


__all__ = [
    "Digest",
    "NO_MATPLOTLIB",
    "Report",
    "ReportError",
    "build_digest",
    "charts",
    "output_paths",
    "summary",
    "to_html",
    "to_markdown",
    "write_report",
]
