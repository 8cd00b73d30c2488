"""A self-contained HTML page to review an extraction against its source text.

```python
from pipeline.analyst.review import render_review, review_file
html = render_review(doc, record)          # a SourceDocument and its MeetingRecord
Path("review.html").write_text(review_file("data/raw/referat.pdf"), encoding="utf-8")
```

The page shows the document's canonical text (blocks as lines, page breaks
marked) with every extracted record highlighted at its source span
(`Provenance.start/end`): participants, roles, agenda items, decisions,
actions, the action owners and due dates inside them, events, the meeting
line. Colours follow the kind (see the legend). Spans that nest are nested
elements; spans that cross are split into fragments (the first carries the
anchor id, the rest `data-span` only), so the HTML is always well formed. A
side list, grouped by kind, links to each highlight and shows the record's
fields (owners, due dates, item numbers, votes). No scripts, no external
files: the page can be mailed or archived as is.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Optional

from pipeline.privacy import mask_cpr
from pipeline.types import DateRange, MeetingRecord, Provenance, SourceDocument

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
                fields=[f"action: {_clip(a.text, 60)}"],
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


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ------------------------------------------------------------------ the text


@dataclass
class _Mark:
    start: int
    end: int
    order: int  # tie-break among marks with the same span: lower = outer
    open_first: str  # the tag for the first fragment
    open_more: str  # the tag for continuation fragments
    close: str
    opened: bool = False


def _open_tag(h: Highlight, first: bool) -> str:
    label = KINDS[h.kind][1]
    title = f"{label}: {h.label}" + (f" ({'; '.join(h.fields)})" if h.fields else "")
    attrs = [
        f'class="hl hl-{h.kind}{"" if first else " cont"}"',
        f'data-span="{h.id}"',
        f'data-kind="{h.kind}"',
        f'title="{html.escape(title)}"',
    ]
    if first:
        attrs.insert(0, f'id="{h.id}"')
    return "<mark " + " ".join(attrs) + ">"


def render_text(text: str, highlights: list[Highlight], doc: Optional[SourceDocument] = None) -> str:
    """The text as HTML: escaped, blocks as lines, page breaks marked, highlights as
    (possibly nested, possibly split) <mark> elements."""
    marks: list[_Mark] = []
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    for h in highlights:
        if h.id:
            marks.append(
                _Mark(h.start, h.end, 10 + kind_rank[h.kind], _open_tag(h, True), _open_tag(h, False), "</mark>")
            )
    breaks: dict[int, list[str]] = defaultdict(list)
    if doc is not None:
        prev_page = None
        for b in doc.blocks:
            if not (0 <= b.start < b.end <= len(text)):
                continue
            tag = f'<span class="blk blk-{b.kind.value}" data-block="{b.index}">'
            marks.append(_Mark(b.start, b.end, 0, tag, tag, "</span>"))
            if prev_page is not None and b.page != prev_page:
                breaks[b.start].append(
                    f'<span class="page-break" id="page-{b.page}" data-page="{b.page}">side {b.page}</span>'
                )
            prev_page = b.page
    starts: dict[int, list[_Mark]] = defaultdict(list)
    ends: dict[int, list[_Mark]] = defaultdict(list)
    for mk in marks:
        starts[mk.start].append(mk)
        ends[mk.end].append(mk)
    cuts = sorted({0, len(text), *starts, *ends, *breaks})
    out: list[str] = []
    stack: list[_Mark] = []
    for i, pos in enumerate(cuts):
        closing = ends.get(pos, [])
        if closing:
            lowest = min(stack.index(mk) for mk in closing)
            reopen = []
            while len(stack) > lowest:  # close down to the lowest ending mark ...
                mk = stack.pop()
                out.append(mk.close)
                if mk.end != pos:
                    reopen.append(mk)
            for mk in reversed(reopen):  # ... and reopen the others as continuations
                stack.append(mk)
                out.append(mk.open_more)
        out.extend(breaks.get(pos, []))
        for mk in sorted(starts.get(pos, []), key=lambda m: (-m.end, m.order)):
            stack.append(mk)
            out.append(mk.open_more if mk.opened else mk.open_first)
            mk.opened = True
        if i + 1 < len(cuts):
            out.append(html.escape(text[pos : cuts[i + 1]], quote=False))
    for mk in reversed(stack):
        out.append(mk.close)
    return "".join(out)


# ------------------------------------------------------------------ the page

_CSS = """
:root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
body { margin: 0; }
header { padding: .8rem 1.2rem; border-bottom: 1px solid #ddd; background: #fafafa; }
header h1 { font-size: 1.2rem; margin: 0 0 .3rem 0; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .3rem 0;
  font-size: .9rem; }
header dt { font-weight: 600; } header dd { margin: 0; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem; margin-top: .5rem; font-size: .85rem; }
.legend span { padding: .1rem .4rem; border-radius: 3px; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); }
.text { white-space: pre-wrap; tab-size: 4; font-family: ui-monospace, Menlo, Consolas, monospace;
  font-size: .9rem; line-height: 1.6; padding: 1rem 1.2rem; border-right: 1px solid #ddd; }
.blk-title, .blk-heading { font-weight: 700; }
.page-break { display: block; margin: .6rem 0; border-top: 2px dashed #999; color: #777;
  font-size: .75rem; font-family: system-ui, sans-serif; font-weight: normal; }
mark.hl { color: inherit; border-radius: 2px; padding: 0 1px; border-bottom: 2px solid rgba(0,0,0,.25); }
mark.hl mark.hl { border-bottom-width: 3px; }
mark.hl:target { outline: 3px solid #d33; outline-offset: 1px; }
nav.side { padding: .8rem 1.2rem; font-size: .88rem; position: sticky; top: 0; max-height: 100vh;
  overflow-y: auto; box-sizing: border-box; }
nav.side h2 { font-size: 1rem; margin: .2rem 0 .6rem 0; }
nav.side h3 { font-size: .95rem; margin: 1rem 0 .3rem 0; }
nav.side ol { margin: 0; padding-left: 1.4rem; }
nav.side li { margin: .25rem 0; }
nav.side .fields { color: #555; font-size: .8rem; }
nav.side .problem { color: #a00; font-size: .8rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em;
  vertical-align: -.05em; }
"""

_PAGE = Template("""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="referat">
<title>$title</title>
<style>$css</style>
</head>
<body>
<header>
<h1>$title</h1>
<dl>$facts</dl>
<div class="legend" aria-label="Legend">$legend</div>
</header>
<main>
<article class="text" lang="da" aria-label="Document text">$text</article>
<nav class="side" aria-label="Extracted records">
<h2>Extracted records ($count)</h2>
$side
</nav>
</main>
</body>
</html>
""")


def _e(value: object) -> str:
    return html.escape(mask_cpr(str(value)), quote=True)


def _colours() -> str:
    return "\n".join(f".hl-{k}, .swatch-{k} {{ background: {c}; }}" for k, (_, _, c) in KINDS.items())


def _facts(doc: SourceDocument, record: MeetingRecord) -> str:
    m = record.meeting
    rows = [
        ("File", doc.name),
        ("Format", f"{doc.format} ({doc.reader}), {doc.pages} page(s)" + (" — OCR" if doc.ocr else "")),
        ("Meeting", " ".join(x for x in (m.organization, m.body) if x) or "—"),
        ("Date", m.date.isoformat() if m.date else "—"),
        ("Kind", m.kind),
        ("Mode", m.mode or "—"),
        ("Location", m.location or "—"),
        ("Pipeline", record.pipeline or "—"),
        ("SHA-256", doc.doc_id),
    ]
    if doc.warnings:
        rows.append(("Warnings", "; ".join(doc.warnings)))
    return "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)


def _legend(counts: dict[str, int]) -> str:
    return "".join(
        f'<span class="hl-{k}">{_e(label)} ({counts.get(k, 0)})</span>' for k, (label, _, _) in KINDS.items()
    )


def _side(highlights: list[Highlight], corrections: Sequence[dict] = ()) -> str:
    groups: dict[str, list[Highlight]] = defaultdict(list)
    for h in highlights:
        groups[h.kind].append(h)
    parts = []
    for kind, (label, _, _) in KINDS.items():
        items = groups.get(kind)
        if not items:
            continue
        parts.append(
            f'<section class="group group-{kind}"><h3><span class="swatch swatch-{kind}"></span>'
            f"{_e(label)} ({len(items)})</h3><ol>"
        )
        for h in items:
            name = _e(_clip(h.label, 160))
            link = f'<a href="#{h.id}">{name}</a>' if h.id else f"<span>{name}</span>"
            fields = [*h.fields, f"page {h.page}" if h.page else ""]
            info = " · ".join(_e(f) for f in fields if f)
            problem = f'<div class="problem">{_e(h.problem)}</div>' if h.problem else ""
            key = f'<div class="key"><code>{_e(h.key)}</code></div>' if h.key else ""
            fixes = "".join(
                f'<div class="correction">corrected: {_e(_correction_text(c))}</div>'
                for c in corrections
                if c["key"] == h.key
            )
            parts.append(
                f'<li class="entry entry-{kind}">{link}'
                + (f'<div class="fields">{info}</div>' if info else "")
                + key
                + fixes
                + problem
                + "</li>"
            )
        parts.append("</ol></section>")
    if corrections:
        parts.append(
            '<section class="group group-corrections"><h3>Corrections applied in the store '
            f"({len(corrections)})</h3><ol>"
        )
        parts += [
            f'<li class="entry"><code>{_e(c["key"])}</code> {_e(_correction_text(c))} '
            f'<span class="fields">({_e(c["applied"])})</span></li>'
            for c in corrections
        ]
        parts.append("</ol></section>")
    return "\n".join(parts) or "<p>Nothing was extracted.</p>"


def _correction_text(c: dict) -> str:
    value = c.get("value")
    if isinstance(value, dict):
        value = value.get("text")
    what = {
        "reject": "rejected",
        "status": f"status {value}",
        "fix": f"{c.get('field')} = {value}",
        "add": f"added: {value}",
        "meeting": f"meeting {c.get('field')} = {value}",
    }
    text = what.get(c.get("op", ""), str(c.get("op")))
    return text + (f" — {c['note']}" if c.get("note") else "")


def render_review(doc: SourceDocument, record: MeetingRecord, corrections: Sequence[dict] = ()) -> str:
    """The review page (HTML text) of `record` extracted from `doc`; `corrections`
    (pipeline.store.corrections.list_corrections rows of this document) are shown
    beside the records they change."""
    text = mask_cpr(doc.text)  # same length: offsets stay valid
    highlights = collect_highlights(text, record)
    counts: dict[str, int] = defaultdict(int)
    for h in highlights:
        counts[h.kind] += 1
    title = f"Review: {doc.name}"
    return _PAGE.substitute(
        title=_e(title),
        css=_CSS + _colours(),
        facts=_facts(doc, record),
        legend=_legend(counts),
        text=render_text(text, highlights, doc),
        count=len(highlights),
        side=_side(highlights, corrections),
    )


def review_file(
    path: str | Path,
    *,
    model: Optional[str] = None,
    nlp=None,
    db: Optional[str | Path] = None,
    workers: int = 0,
    timeout_s: float = 120.0,
    memory_mb: int = 2048,
) -> str:
    """Read `path`, extract its record and return the review page, with the
    corrections stored for this document in `db` when it is given and exists.
    workers=0 extracts here (with `nlp`, or a pipeline built once); workers=1 in a
    worker process under the import's time and memory budgets."""
    from pipeline.errors import ExtractionError
    from pipeline.process import Outcome, process_file_keeping_document, run_files

    got: list[Outcome] = []
    run_files(
        [path],
        got.append,
        workers=workers,
        timeout_s=timeout_s,
        memory_mb=memory_mb,
        model=model,
        nlp=nlp,
        processor=process_file_keeping_document,
    )
    outcome = got[0]
    if outcome.record is None or outcome.document is None:
        raise ExtractionError(outcome.error or "extraction failed")
    doc, record = outcome.document, outcome.record
    corrections: list[dict] = []
    if db is not None and Path(db).is_file():
        from pipeline.analyst import query
        from pipeline.store.corrections import list_corrections

        with query.connect(db) as conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'corrections'").fetchone():
                corrections = [c for c in list_corrections(conn) if c["sha256"] == doc.doc_id]
    return render_review(doc, record, corrections)


__all__ = ["Highlight", "KINDS", "collect_highlights", "render_review", "render_text", "review_file"]
