"""The digest's cells as text, shared by the Markdown and the HTML renderings: one line,
CPR numbers masked; rates, places, event dates, the one-line summary."""

from __future__ import annotations

from typing import cast

import pandas as pd

from pipeline.analyst.report.digest import Digest
from pipeline.privacy import mask_cpr


def plain(value: object) -> str:
    """A cell as one line of text ('' for missing), CPR numbers masked."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return mask_cpr(" ".join(str(value).split()))


def percent(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{float(cast(float, value)):.0%}"


def where_of(org: object, body: object) -> str:
    return " ".join(x for x in (plain(org), plain(body)) if x)


def event_when(r) -> str:
    end = plain(r.end_date)
    return f"{r.date} – {end}" if end and end != r.date else str(r.date)


def meetings_of_decisions(d: Digest):
    """(heading parts, decisions) per meeting, in date order."""
    if d.decisions.empty:
        return []
    groups = []
    for _, g in d.decisions.groupby("meeting_id", sort=False):
        first = g.iloc[0]
        groups.append(
            ((plain(first.meeting_date) or "no date", where_of(first.organization, first.body), plain(first.file)), g)
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
