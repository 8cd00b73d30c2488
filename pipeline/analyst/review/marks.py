"""The document's text as HTML with its highlights: escaped, blocks as lines, page breaks
marked; spans that nest are nested <mark> elements, spans that cross are split into
fragments (the first carries the anchor id), so the HTML is always well formed."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from pipeline.analyst.review.highlights import KINDS, Highlight
from pipeline.types import SourceDocument


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
