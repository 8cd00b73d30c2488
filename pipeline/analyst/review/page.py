"""The review page: header facts, legend, the marked-up text and the side list of records
(with the stored corrections beside the records they change); no scripts, no external files."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from string import Template

from pipeline.analyst.review.highlights import KINDS, Highlight, clip, collect_highlights
from pipeline.analyst.review.marks import render_text
from pipeline.privacy import mask_cpr
from pipeline.types import MeetingRecord, SourceDocument

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
            name = _e(clip(h.label, 160))
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
