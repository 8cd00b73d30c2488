"""Events of invented blocks (shared by the event tests)."""

from __future__ import annotations

from datetime import date

from pipeline.extract.events import collect_events
from pipeline.segment import segment
from pipeline.types import BlockKind, RawBlock, SourceDocument

H, P, T, L = BlockKind.heading, BlockKind.paragraph, BlockKind.table_row, BlockKind.list_item


def _all_events(blocks: list[tuple], meeting: date | None, ref: date | None = None) -> list[tuple[str, str]]:
    raw = []
    for spec in blocks:
        kind, text, *rest = spec
        level = rest[0] if rest else (1 if kind == H else 0)
        cells = text.split("\t") if kind == T else None
        raw.append(RawBlock(kind=kind, text=text, level=level, page=1, cells=cells))
    doc = SourceDocument.from_blocks(raw, doc_id="0" * 64, path="x.txt", name="x.txt", format="txt", reader="test")
    seg = segment(doc.blocks)
    events, _ = collect_events(seg.items, seg.header, doc.doc_id, meeting, ref or meeting)
    return [(e.date.isoformat(), e.text) for e in events]


def _dates(blocks: list[tuple], meeting: date) -> set[str]:
    return {d for d, _ in _all_events(blocks, meeting)}
