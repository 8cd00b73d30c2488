"""Word .docx with python-docx: paragraphs and tables in body order.

The body's elements are walked in order (content controls are opened), so
tables sit where they stand between paragraphs; footnotes, comments and text
boxes are not body text and are left out. The page headers' and footers' lines
that carry a year without a day ("Skovly Skole · skoleåret 2025/26") or name a
meeting and its day are read once, as paragraphs after the title, as a PDF's
running header is; other header lines (a letterhead, "Fortroligt", an issue
date, page numbers) are not. Styles map to
blocks: Title -> title, "Heading N" -> heading level N, list styles ("List
Bullet 2", "List Number") and numbered paragraphs -> list items with their
level (from the style name's number, else the numbering level + 1). Automatic
numbers are computed from numbering.xml and written in front of the text
("3. Nyt direktionsforløb"), as the .txt and .pdf renditions show them; bullets
are not. A manual line break splits a paragraph, as the line does in the other
renditions, and a tab-separated line of a plain paragraph is a table row, as
in a .txt.

What Word shows is read, not what it computes from: field instructions (TOC,
PAGEREF, HYPERLINK) never reach the text, and a table of contents (paragraphs
in a TOC field or in the "toc N" / "TOC Heading" styles) is left out, since
its entries repeat the headings. A short paragraph that is all bold and not a
sentence or a label ("Konstituering af bestyrelsen", not "Tilstede:") is a
heading one level below the last styled heading (the title when it opens the
document).

Tables: a data table gives one table_row per row, its text the cells joined by
a tab; a merged cell counts once (in its first row). A layout table (a cell
holding several paragraphs, a list, a nested table or long text: one logbook
entry per cell, or an agenda "Punkt | Emne | Ansvarlig | Beslutning" whose last
cell holds the minutes) is read row by row: the row's short bare cells (a number,
a title, an owner's initials) as one table_row, and its other cells as the
paragraphs they hold, with their styles, numbering and bold headings.

By job: ooxml.py (the namespace, attribute values, content controls, the text of
runs), styles.py (paragraph and character styles, a style's block kind),
numbering.py (automatic numbers), paragraphs.py (a paragraph's blocks, a bold
heading's text), tables.py (data table rows, the layout-table test), body.py (the
body element by element: fields and TOCs, bold headings, layout rows),
page_parts.py (page headers' and footers' lines); read() here.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.docx.body import TOC_FIELDS, TOC_STYLES, Body
from pipeline.ingest.docx.numbering import MAX_LEVELS, NUMBER_FORMATS, Level, Numbering, _numbering_root
from pipeline.ingest.docx.ooxml import BODY_WRAPPERS, RUN_MARKS, RUNS, TEXT, W, body_elements, paragraph_text, unwrapped
from pipeline.ingest.docx.page_parts import PAGE_PART_STYLE, _issue_dated, page_part_lines, with_page_parts
from pipeline.ingest.docx.paragraphs import MAX_BOLD_HEADING_WORDS, SENTENCE_END, is_heading_text, paragraph_blocks
from pipeline.ingest.docx.styles import STYLE_KINDS, StyleInfo, _bold_char_styles, _styles, style_kind
from pipeline.ingest.docx.tables import (
    LAYOUT_CELL_CHARS,
    LAYOUT_CELL_PARAGRAPHS,
    cell_text,
    is_layout_cell,
    is_layout_table,
    table_blocks,
    table_cells,
)


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    from pipeline.ingest.safety import check_zip

    check_zip(data, limits)
    document = _open(data)
    body = Body(_styles(document), Numbering(_numbering_root(document)), _bold_char_styles(document))
    for element in body_elements(document.element.body):
        body.add(element)
    return ReaderResult(blocks=with_page_parts(body.blocks, page_part_lines(document)), reader="python-docx")


def _open(data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReadError(f"not a readable Word document ({_first_line(e)})") from e
    except Exception as e:  # lxml XMLSyntaxError and friends from a damaged package  # noqa: BLE001
        raise ReadError(f"damaged Word document ({_first_line(e)})") from e


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return f"{type(e).__name__}: {lines[0][:120]}" if lines else type(e).__name__


__all__ = [
    "BODY_WRAPPERS",
    "LAYOUT_CELL_CHARS",
    "LAYOUT_CELL_PARAGRAPHS",
    "MAX_BOLD_HEADING_WORDS",
    "MAX_LEVELS",
    "NUMBER_FORMATS",
    "PAGE_PART_STYLE",
    "RUNS",
    "RUN_MARKS",
    "SENTENCE_END",
    "STYLE_KINDS",
    "TEXT",
    "TOC_FIELDS",
    "TOC_STYLES",
    "W",
    "Body",
    "Level",
    "Numbering",
    "StyleInfo",
    "_issue_dated",
    "body_elements",
    "cell_text",
    "is_heading_text",
    "is_layout_cell",
    "is_layout_table",
    "page_part_lines",
    "paragraph_blocks",
    "paragraph_text",
    "read",
    "style_kind",
    "table_blocks",
    "table_cells",
    "unwrapped",
    "with_page_parts",
]
