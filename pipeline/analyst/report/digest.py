"""The digest's data: one DataFrame per section, gathered through pipeline.analyst.query
for the meetings of a period (and, optionally, of one organisation and/or body)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional, Union

import pandas as pd

from pipeline.analyst import query
from pipeline.errors import ReferatError

NO_OWNER = "(no owner)"

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
