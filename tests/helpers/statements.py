"""Build a record from invented lines (shared by the statement tests)."""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.types import RawBlock, SourceDocument

ROSTER = ["Til stede: Knud Engholm, Birthe Lund, Ulla Krog, Preben Dam", "Afbud: Jonas Berg"]


def record(nlp, lines, title="Referat af bestyrelsesmøde 3. marts 2023"):
    """Lines: '- x' a list item ('-- x' one level deeper), '# x' a heading (## deeper), else a paragraph."""
    raw = [RawBlock(kind="title", text=title)]
    for line in lines:
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            raw.append(RawBlock(kind="heading", text=line.lstrip("# "), level=level))
        elif line.startswith("-"):
            level = len(line) - len(line.lstrip("-"))
            raw.append(RawBlock(kind="list_item", text=line.lstrip("- "), level=level))
        else:
            raw.append(RawBlock(kind="paragraph", text=line))
    doc = SourceDocument.from_blocks(raw, doc_id="t", path="t.txt", name="t.txt", format="txt", reader="t")
    return extract_record(doc, nlp)


def texts(records):
    return [r.text for r in records]
