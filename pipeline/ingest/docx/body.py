"""The body read element by element: paragraphs (a table of contents left out, a
short all-bold paragraph as a heading), data tables, and layout tables row by row."""

from __future__ import annotations

import re

from pipeline.ingest.docx.numbering import MAX_LEVELS, Numbering
from pipeline.ingest.docx.ooxml import RUNS, TEXT, W, _val, body_elements, unwrapped
from pipeline.ingest.docx.paragraphs import is_heading_text, paragraph_blocks
from pipeline.ingest.docx.styles import StyleInfo, _run_bold
from pipeline.ingest.docx.tables import _cell_line, _continues_merge, is_layout_cell, is_layout_table, table_blocks
from pipeline.ingest.fields import is_text_cell
from pipeline.types import BlockKind, RawBlock

# Styles of a table of contents (English as stored, Danish UI names): their paragraphs are left out.
TOC_STYLES = re.compile(r"^(?:toc\s*\d|toc heading|indholdsfortegnelse\s*\d|overskrift til indholdsfortegnelse)$", re.I)
# Fields whose result is a generated list that repeats the document: its paragraphs are left out.
TOC_FIELDS = frozenset({"TOC", "INDEX", "TOA"})


class Body:
    """The blocks of the body, read element by element, with what the elements
    before say: an open table-of-contents field, the last styled heading's level."""

    def __init__(
        self, styles: dict[str, StyleInfo], numbering: Numbering, bold_char_styles: frozenset[str] = frozenset()
    ) -> None:
        self.styles, self.numbering, self.bold_char_styles = styles, numbering, bold_char_styles
        self.blocks: list[RawBlock] = []
        self.fields: list[str] = []  # instructions of the complex fields open at this point
        self.heading_level = 0

    def add(self, element) -> None:
        if element.tag == f"{W}p":
            self.paragraph(element)
        elif is_layout_table(element):
            for tr in unwrapped(element, (f"{W}tr",)):
                self.layout_row(tr)
        else:
            self.blocks += table_blocks(element)

    def layout_row(self, tr) -> None:
        """A row of a layout table: its short cells (a number, a title, an owner's
        initials) are one table_row, as in a data table; its other cells follow as
        the paragraphs they hold. A row with fewer than two short cells is read
        cell by cell."""
        cells = [tc for tc in unwrapped(tr, (f"{W}tc",)) if not _continues_merge(tc)]
        short = [tc for tc in cells if not is_layout_cell(tc) and not is_text_cell(_cell_line(tc))]
        texts = [t for t in (_cell_line(tc) for tc in short) if t]
        if len(texts) >= 2:
            self.blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(texts), cells=texts))
        for tc in cells:
            if len(texts) < 2 or tc not in short:
                for child in body_elements(tc):
                    self.add(child)

    def paragraph(self, p) -> None:
        in_toc = self._in_toc()
        style = self.styles.get(_val(p.find(f"{W}pPr/{W}pStyle")) or "", self.styles[""])
        in_toc = self._track_fields(p) or in_toc
        if in_toc or TOC_STYLES.match(style.name.strip()):
            return
        blocks = paragraph_blocks(p, self.styles, self.numbering)
        if (
            len(blocks) == 1
            and blocks[0].kind == BlockKind.paragraph
            and self._bold(p, style)
            and is_heading_text(blocks[0].text)
        ):
            kind = BlockKind.title if not self.blocks and not self.heading_level else BlockKind.heading
            level = 0 if kind == BlockKind.title else min(self.heading_level + 1, MAX_LEVELS)
            blocks = [blocks[0].model_copy(update={"kind": kind, "level": level})]
        elif blocks and blocks[0].kind in (BlockKind.heading, BlockKind.title):
            self.heading_level = blocks[0].level
        self.blocks += blocks

    def _in_toc(self) -> bool:
        return any(_field_name(f) in TOC_FIELDS for f in self.fields)

    def _track_fields(self, p) -> bool:
        """Follow the complex fields through the paragraph's runs; True when a part of
        the paragraph stands inside a table-of-contents field."""
        inside = self._in_toc()
        for el in p.iter(f"{W}fldChar", f"{W}instrText"):
            if el.tag == f"{W}instrText":
                if self.fields:
                    self.fields[-1] += el.text or ""
            elif el.get(f"{W}fldCharType") == "begin":
                self.fields.append("")
            elif el.get(f"{W}fldCharType") == "end" and self.fields:
                self.fields.pop()
            inside = inside or self._in_toc()
        simple = [s.get(f"{W}instr") or "" for s in p.iter(f"{W}fldSimple")]
        return inside or any(_field_name(i) in TOC_FIELDS for i in simple)

    def _bold(self, p, style: StyleInfo) -> bool:
        """Every run with text is bold: by its own w:b, its character style, or the paragraph style."""
        runs = [r for r in p.xpath(RUNS) if any((t.text or "").strip() for t in r.iter(TEXT))]
        return bool(runs) and all(_run_bold(r, style.bold, self.bold_char_styles) for r in runs)


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""
