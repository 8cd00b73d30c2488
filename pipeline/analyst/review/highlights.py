"""What the review page highlights: every extracted record's source span (`Provenance.start/end`),
with its side-list label and fields; owners and due dates found inside their records;
a span outside the text is kept with the problem it has, never shown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from pipeline.types import DateRange, MeetingRecord, Provenance

# kind -> (legend label, one of them, colour); the order is the side list's order.
KINDS: dict[str, tuple[str, str, str]] = {
    "meeting": ("Meeting", "Meeting", "#d0d0d0"),
    "attendee": ("Attendees", "Attendee", "#b7e4c7"),
    "absentee": ("Absentees", "Absentee", "#f5c6cb"),
    "role": ("Roles", "Role", "#e2d4f0"),
    "agenda": ("Agenda items", "Agenda item", "#bcd7f5"),
    "decision": ("Decisions", "Decision", "#ffe08a"),
    "action": ("Actions", "Action", "#ffc99a"),
    "owner": ("Action owners", "Action owner", "#f3a6d8"),
    "due": ("Due dates", "Due date", "#9fe3e3"),
    "event": ("Events", "Event", "#c9e59b"),
}


@dataclass
class Highlight:
    """One highlighted span and its side-list entry."""

    kind: str
    start: int
    end: int
    label: str
    fields: list[str] = field(default_factory=list)
    page: Optional[int] = None
    rule: str = ""
    id: str = ""  # anchor id, set when the span is valid
    problem: str = ""  # why the span cannot be shown
    key: str = ""  # the stored record's key, for `referat reject/fix KEY`


# ------------------------------------------------------------------ spans


def _due(d: Optional[DateRange]) -> Optional[str]:
    if d is None:
        return None
    dates = d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()} – {d.end.isoformat()}"
    return f"due {dates} ({d.text})"


def _find(text: str, needle: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """Where `needle` first occurs (case-insensitive, whole words) in text[start:end]."""
    if not needle.strip():
        return None
    m = re.compile(r"(?<!\w)" + re.escape(needle.strip()) + r"(?!\w)", re.I).search(text, start, end)
    return (m.start(), m.end()) if m else None


def _owner_span(text: str, owner: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The owner's mention inside the action: the full name, else one of its words
    ("Stine formulerer ..." for owner Stine Johansen)."""
    found = _find(text, owner, start, end)
    if found:
        return found
    words = [w for w in re.split(r"\s+", owner.strip()) if len(w) > 2]
    for w in words:
        found = _find(text, w, start, end)
        if found:
            return found
    return None


# highlight kind -> the store's record kind (pipeline.store.corrections.Kind)
_RECORD_KIND = {
    "attendee": "attendance",
    "absentee": "attendance",
    "agenda": "agenda_item",
    "decision": "decision",
    "action": "action",
    "event": "event",
}


def _prov(kind: str, p: Provenance, label: str, fields: list[str]) -> Highlight:
    key = f"{_RECORD_KIND[kind]}:{p.doc_id[:12]}:{p.start}-{p.end}" if kind in _RECORD_KIND else ""
    return Highlight(
        kind=kind,
        start=p.start,
        end=p.end,
        label=label,
        fields=[f for f in fields if f],
        page=p.page,
        rule=p.rule,
        key=key,
    )


def collect_highlights(text: str, record: MeetingRecord) -> list[Highlight]:
    """Every span of `record` to highlight in `text`, in side-list order, with anchor ids."""
    out: list[Highlight] = []
    m = record.meeting
    if m.provenance is not None:
        out.append(
            _prov(
                "meeting",
                m.provenance,
                m.title or "Meeting",
                [
                    " ".join(x for x in (m.organization, m.body) if x),
                    m.date.isoformat() if m.date else "",
                    m.kind,
                    m.mode or "",
                    m.location or "",
                ],
            )
        )
    for kind, people in (("attendee", record.attendees), ("absentee", record.absentees)):
        for p in people:
            out.append(
                _prov(
                    kind,
                    p.provenance,
                    p.name,
                    [p.role or "", f"reason: {p.reason}" if p.reason else "", p.affiliation or ""],
                )
            )
    for r in record.roles:
        out.append(_prov("role", r.provenance, r.name, [r.role, f"item {r.item}" if r.item else ""]))
    for item in record.agenda_items:
        out.append(
            _prov(
                "agenda",
                item.provenance,
                f"{item.number}. {item.title}",
                [f"owner: {item.owner}" if item.owner else "", f"under item {item.parent}" if item.parent else ""],
            )
        )
    for d in record.decisions:
        votes = f"votes {d.votes.for_} for, {d.votes.against} against, {d.votes.abstain} abstain" if d.votes else ""
        out.append(
            _prov("decision", d.provenance, d.text, [f"item {d.item}" if d.item else "", _due(d.due) or "", votes])
        )
        out += _due_highlights(text, d.due, d.provenance, "decision")
    for a in record.actions:
        out.append(
            _prov(
                "action",
                a.provenance,
                a.text,
                [
                    f"item {a.item}" if a.item else "",
                    "owners: " + ", ".join(a.owners) if a.owners else "no owner",
                    _due(a.due) or "",
                ],
            )
        )
        for owner in a.owners:
            span = _owner_span(text, owner, a.provenance.start, a.provenance.end)
            h = Highlight(
                kind="owner",
                start=span[0] if span else 0,
                end=span[1] if span else 0,
                label=owner,
                fields=[f"action: {clip(a.text, 60)}"],
                page=a.provenance.page,
                rule="owner mention",
            )
            if span is None:
                h.problem = "not named in the action's sentence"
            out.append(h)
        out += _due_highlights(text, a.due, a.provenance, "action")
    for e in record.events:
        dates = e.date.isoformat() + (f" – {e.end.isoformat()}" if e.end and e.end != e.date else "")
        out.append(_prov("event", e.provenance, e.text, [dates]))
    n = 0
    for h in out:
        if not h.problem:
            h.problem = _check(h, len(text))
        if not h.problem:
            n += 1
            h.id = f"h-{n}"
    return out


def _due_highlights(text: str, due: Optional[DateRange], p: Provenance, parent: str) -> list[Highlight]:
    if due is None:
        return []
    span = _find(text, due.text, p.start, p.end)
    if span is None:
        return []  # the due date is listed with its record; nothing to point at
    return [
        Highlight(
            kind="due",
            start=span[0],
            end=span[1],
            label=due.text,
            fields=[(_due(due) or "")[4:], f"of the {parent}"],
            page=p.page,
            rule="due date",
        )
    ]


def _check(h: Highlight, size: int) -> str:
    if not (0 <= h.start < h.end <= size):
        return f"span {h.start}–{h.end} is outside the text (0–{size})"
    return ""


def clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
