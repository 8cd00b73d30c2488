"""Extract a record from a few invented lines, for the focused extraction tests."""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.types import BlockKind, MeetingRecord, RawBlock, SourceDocument

KINDS = {"p": BlockKind.paragraph, "h": BlockKind.heading, "li": BlockKind.list_item}


def extract_lines(nlp, lines: list) -> dict:
    """The gold-format record of `lines`: a string is a paragraph, ("h", text) a heading,
    ("li", text) a list item, and a third element sets the level (default 1, 0 for paragraphs)."""
    raw = []
    for line in lines:
        kind, text, *rest = line if isinstance(line, tuple) else ("p", line)
        raw.append(RawBlock(kind=KINDS[kind], text=text, level=rest[0] if rest else (1 if kind != "p" else 0)))
    doc = SourceDocument.from_blocks(
        raw, doc_id="0" * 64, path="example.txt", name="example.txt", format="txt", reader="example"
    )
    return extract_record(doc, nlp).to_gold_json()


def table_row(*cells: str) -> RawBlock:
    """A table row block of `cells` (its text the cells joined by tabs)."""
    return RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=list(cells))


def record_of(nlp, raw: list[RawBlock], fmt: str = "txt") -> MeetingRecord:
    """The record of invented blocks, as if a reader of `fmt` had given them."""
    doc = SourceDocument.from_blocks(raw, doc_id="0" * 64, path=f"x.{fmt}", name=f"x.{fmt}", format=fmt, reader="t")
    return extract_record(doc, nlp)
