"""Meeting metadata: title, date, kind, mode, organisation, body, place."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from pipeline.dates import find_dates
from pipeline.lexicon import lexicon
from pipeline.types import Block, Meeting, Provenance, Segmented

MODE_CUES = {
    "digital": ("digitalt", "digital", "virtuelt", "virtuel", "online", "teams", "zoom", "skype",
                "videomøde", "videokonference", "webex", "google meet"),
    "hybrid": ("hybrid", "hybridmøde", "hybridt", "fysisk og digitalt", "fysisk/digitalt"),
    "physical": ("fysisk", "fysisk møde", "fremmøde"),
}
_FIELD = re.compile(r"^(?P<label>[^:]{2,30}?)\s*:\s*(?P<value>.+)$")
_ACRONYM = re.compile(r"\b([A-ZÆØÅ]{2,}[A-ZÆØÅ0-9]*)(?:s|'s|’s)?\b")  # "KOMDIRs", "KL's" count too
_ORG_WORD = re.compile(r"(forening|foreningen|klub|klubben|kommune|råd|rådet|skole|skolen|gymnasium|"
                       r"boligselskab|boligselskabet|selskab|selskabet|A/S|ApS|IF|BK|FC)$", re.I)
_CAP = re.compile(r"^[A-ZÆØÅ0-9][\w/&.-]*$")
_BODY_IN_TITLE = re.compile(r"\b(?P<body>[A-ZÆØÅ]{2,})[-‐ ]møde", re.U)


def field_value(blocks: list[Block], labels: list[str]) -> tuple[Block, str, int] | None:
    """First 'Label: value' block whose label is in `labels` -> (block, value, offset)."""
    for b in blocks:
        m = _FIELD.match(b.text)
        if m and m.group("label").strip().casefold() in labels:
            return b, m.group("value").strip(), m.start("value")
    return None


def meeting_date(seg: Segmented, doc_id: str, fallback_ref: date) -> tuple[date | None, Provenance | None]:
    """From a 'Dato:' field, else the first date line of the header, else the title."""
    candidates: list[tuple[Block, str, int]] = []
    hit = field_value(seg.header[:15], lexicon().date_fields)
    if hit:
        candidates.append(hit)
    candidates += [(b, b.text, 0) for b in seg.header[:10]]
    if seg.title is not None:
        candidates.append((seg.title, seg.title.text, 0))
    for block, text, offset in candidates:
        for m in find_dates(text, fallback_ref):
            if m.range.precision == "day" and m.range.start == m.range.end:
                return m.range.start, Provenance(doc_id=doc_id, page=block.page,
                                                 start=block.start + offset + m.start,
                                                 end=block.start + offset + m.end, rule="meeting.date")
    return None, None


def meeting_mode(seg: Segmented, participant_labels: list[str]) -> str | None:
    """Mode from the title, header fields and participant labels, never the body."""
    texts = [b.text for b in seg.header[:15]] + participant_labels
    if seg.title is not None:
        texts.append(seg.title.text)
    found = set()
    for t in texts:
        low = t.casefold()
        for mode, cues in MODE_CUES.items():
            if any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", low) for c in cues):
                found.add(mode)
    place = field_value(seg.header[:15], lexicon().place_fields)
    if place and not any(c in place[1].casefold() for c in MODE_CUES["digital"]):
        found.add("physical")
    if "hybrid" in found or {"digital", "physical"} <= found:
        return "hybrid"
    return "digital" if "digital" in found else ("physical" if "physical" in found else None)


def meeting_kind(title: str | None, n_decisions: int, n_actions: int, n_reports: int) -> str:
    """GUIDE.md: minutes when the document records what happened (decisions,
    reported discussion), even under a 'Dagsorden' title; agenda when it only
    lists what is to be dealt with (a task-like line alone does not make minutes)."""
    low = (title or "").casefold()
    by_title = next((kind for word, kind in sorted(lexicon().title_kind.items(), key=lambda kv: -len(kv[0]))
                     if word in low), None)
    if n_decisions or n_reports >= 2 or (n_actions and by_title != "agenda"):
        return "minutes"
    return by_title or "other"


def meeting_body(title: str | None, text: str) -> str | None:
    if title:
        m = _BODY_IN_TITLE.search(title)
        if m:
            return m.group("body")
        low = title.casefold()
        for word, body in sorted(lexicon().bodies.items(), key=lambda kv: -len(kv[0])):
            if word in low:
                return body
    low = text[:2000].casefold()
    for word, body in sorted(lexicon().bodies.items(), key=lambda kv: -len(kv[0])):
        if word in low:
            return body
    return None


def _organisation_in(text: str) -> str | None:
    """'Boligforeningen Lærkehaven – Afdeling 4' -> 'Boligforeningen Lærkehaven': the run of
    capitalised words around a word that names an organisation."""
    words = re.split(r"\s+", re.split(r"\s[–—-]\s|[,:(]", text)[0].strip())
    for i, w in enumerate(words):
        if _ORG_WORD.search(w) and _CAP.match(w) and w.casefold() not in lexicon().bodies:
            start, end = i, i + 1
            while start > 0 and _CAP.match(words[start - 1]):
                start -= 1
            while end < len(words) and _CAP.match(words[end]):
                end += 1
            return " ".join(words[start:end])
    return None


def meeting_organization(seg: Segmented, text: str, body: str | None, roster: list[str]) -> str | None:
    """An organisation named in a header field or line, else the acronym the text uses most."""
    hit = field_value(seg.header[:15], ["organisation", "forening", "afdeling", "udvalg", "kommune", "selskab"])
    if hit:
        return hit[1]
    for b in ([seg.title] if seg.title else []) + seg.header[:6]:
        name = _organisation_in(b.text)
        if name:
            return name
    names = {w for n in roster for w in n.split()}
    counts = Counter(a for a in _ACRONYM.findall(text) if a != body and a not in names and len(a) <= 10)
    for acronym, n in counts.most_common(1):
        if n >= 3:
            return acronym
    return None


def build_meeting(seg: Segmented, doc_id: str, text: str, *, ref: date, n_decisions: int, n_actions: int,
                  n_reports: int,
                  participant_labels: list[str], roster: list[str]) -> Meeting:
    day, prov = meeting_date(seg, doc_id, ref)
    title = seg.title.text if seg.title else None
    body = meeting_body(title, text)
    place = field_value(seg.header[:15], lexicon().place_fields)
    return Meeting(
        organization=meeting_organization(seg, text, body, roster),
        body=body,
        kind=meeting_kind(title, n_decisions, n_actions, n_reports),
        title=title,
        date=day,
        mode=meeting_mode(seg, participant_labels),
        location=place[1] if place else None,
        provenance=prov,
    )
