"""Word .docx with python-docx: paragraphs and tables in body order.

Styles map to blocks: Title -> title, "Heading N" -> heading level N, list
styles ("List Bullet 2", "List Number") and numbered paragraphs -> list items
with their level; each table row is a table_row with its cells (merged cells
once). Headers and footers are not body text and are left out.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.types import BlockKind, RawBlock

_HEADING = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.I)
_LIST = re.compile(r"^(?:list|liste)(?:\s+(?:bullet|number|punkttegn|tal|opstilling))*(?:\s+(\d))?$", re.I)


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    from pipeline.ingest.safety import check_zip

    check_zip(data, limits)
    document = _open(data)
    blocks: list[RawBlock] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            block = paragraph_block(_paragraph(element, document))
            if block:
                blocks.append(block)
        elif tag == "tbl":
            blocks.extend(table_blocks(_table(element, document)))
    return ReaderResult(blocks=blocks, reader="python-docx")


def _open(data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError(f"not a readable Word document ({type(e).__name__}: {e})") from e
    except Exception as e:  # lxml XMLSyntaxError and friends from a damaged package  # noqa: BLE001
        raise ReadError(f"damaged Word document ({type(e).__name__}: {str(e)[:120]})") from e


def _paragraph(element, document):
    from docx.text.paragraph import Paragraph

    return Paragraph(element, document)


def _table(element, document):
    from docx.table import Table

    return Table(element, document)


def paragraph_block(p) -> RawBlock | None:
    text = " ".join(p.text.replace("\u00a0", " ").split())
    if not text:
        return None
    style = (p.style.name if p.style is not None else "") or ""
    kind, level = style_kind(style)
    if kind == BlockKind.paragraph and _numbered(p):
        kind, level = BlockKind.list_item, _ilvl(p) + 1
    return RawBlock(kind=kind, text=text, level=level, style=style or None)


def style_kind(style: str) -> tuple[BlockKind, int]:
    s = style.strip()
    if s.lower() in ("title", "titel"):
        return BlockKind.title, 0
    m = _HEADING.match(s)
    if m:
        return BlockKind.heading, int(m.group(1))
    m = _LIST.match(s)
    if m and s.lower().startswith(("list", "liste")):
        return BlockKind.list_item, int(m.group(1) or 1)
    return BlockKind.paragraph, 0


def _numbered(p) -> bool:
    ppr = p._p.pPr
    return ppr is not None and ppr.numPr is not None


def _ilvl(p) -> int:
    num = p._p.pPr.numPr
    return int(num.ilvl.val) if num is not None and num.ilvl is not None else 0


def table_blocks(table) -> list[RawBlock]:
    out = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        cells = [c for c in cells if c]
        if cells:
            out.append(RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells))
    return out
