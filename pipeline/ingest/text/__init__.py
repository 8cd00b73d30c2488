"""Plain text (.txt, .md): encoding detection, NFC, one block per line.

A line led by a bullet glyph (the table shared with the PDF reader) or a
Markdown marker ("-", "*", "+") is a list item without its marker; a line led
by an ordered-list number ("1.", "2)", "c.", "iv.") keeps the number in its
text, since it may be the agenda item's number the segmenter reads ("1.
Velkomst"): at the left margin it stays a paragraph, nested under another item
it is a list item. List levels follow the nesting of indentations (tabs or
spaces), as Markdown nests lists: deeper than the item above is one level
down, back to an earlier indentation is that item's level. A tab-separated
line is a table row (text = cells joined by a tab, as in every reader), and so
is a line of cells typed with pipes ("Hvad | Hvem | Hvornår"). A table typed
with spaces is read by its columns: a header line of at least three short cells
set apart by two or more spaces ("PKT  HVEM  HVAD  HVORNÅR"), an optional rule
line under it ("---  ----"), then the rows whose text leaves a gap before each
header column (so no word crosses a column's edge); a row whose first column is
empty continues the cell above, blank lines between rows are skipped. Each row
is a table row with one cell per header column (an empty column an empty cell).

Headings: a Markdown "#" line, a line underlined with "===" / "---", a raw
HTML heading tag on its line ("<h2 id=..>Uge 7</h2>"), and a line that is only
bold text ("**Referat fra mødet 3/10**", short, not a sentence or a label), which sits
one level below the last real heading. Markdown that is not text is dropped:
"[comment]: <> (...)" lines, HTML comments, code fences, inline HTML tags,
backticks, "> " quote marks (a quoted line is a paragraph). Other lines stay
paragraphs, the first one too: the segmenter finds titles and agenda headings
from the text.

By job, in the order a file goes through them: decoding.py (bytes -> text,
normalised), markdown.py (what a renderer never shows, inline marks),
space_tables.py (tables typed with spaces), then ingest/unwrap.py joins
hard-wrapped lines, markers.py (one line's kind and block) and reader.py (the
blocks, line by line); text_blocks() and read() here.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.limits import MAX_BLOCKS
from pipeline.ingest.text.decoding import (
    FALLBACK_ENCODING,
    LEGACY_ENCODINGS,
    LINE_BREAKS,
    SPACE_LIKE,
    UTF16_BOMS,
    UTF32_BOMS,
    decode,
    decode_text,
    normalise,
)
from pipeline.ingest.text.markdown import (
    CODE_FENCE,
    FRONT_MATTER,
    HIDDEN_LINE,
    HTML_BREAK,
    HTML_COMMENT,
    HTML_ENTITY,
    HTML_TAG,
    MARKDOWN,
    clean_inline,
    markdown_lines,
    strip_markdown,
)
from pipeline.ingest.text.markers import (
    DATE_ABBREVIATION,
    DECIMAL_NUMBER,
    LABEL_LINE,
    MARKDOWN_BULLETS,
    MAX_BOLD_HEADING_WORDS,
    MD_HEADING,
    ORDERED_MARKER,
    RULE_LINE,
    SENTENCE_END,
    SETEXT_RULE,
    TAB_WIDTH,
    is_heading_text,
    line_block,
    list_marker,
    starts_block,
)
from pipeline.ingest.text.reader import (
    BLOCKQUOTE,
    BOLD_LINE,
    HTML_HEADING,
    HTML_SUMMARY,
    TASK_BOX,
    TASK_DONE,
    TASK_OPEN,
    _Reader,
)
from pipeline.ingest.text.space_tables import (
    HEADER_CELL_END,
    MAX_HEADER_CELL,
    MIN_SPACE_COLUMNS,
    SPACE_GAP,
    SPACE_TABLE_RULE,
    SpaceRow,
    space_tables,
)
from pipeline.ingest.unwrap import unwrap, wrap_width
from pipeline.types import RawBlock


def text_blocks(text: str, max_blocks: int = MAX_BLOCKS) -> list[RawBlock]:
    """The blocks of a text: one per non-empty line, a hard-wrapped paragraph joined
    first (see the module docstring and ingest/unwrap.py). More than `max_blocks` is
    refused as soon as they are counted (ResourceLimit)."""
    width = wrap_width(space_tables(markdown_lines(text)))
    lines = space_tables(markdown_lines(text))
    return _Reader(max_blocks).run(unwrap(lines, starts_block, width) if width else lines)


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    text, encoding, warnings = decode_text(data)
    if "\x00" in text:
        raise ReadError("binary data (NUL bytes) in a text file")
    blocks = text_blocks(text)
    if not blocks:
        raise ReadError("the text file has no text")
    return ReaderResult(blocks=blocks, reader=f"text ({encoding})", warnings=warnings)


__all__ = [
    "BLOCKQUOTE",
    "BOLD_LINE",
    "CODE_FENCE",
    "DATE_ABBREVIATION",
    "DECIMAL_NUMBER",
    "FALLBACK_ENCODING",
    "FRONT_MATTER",
    "HEADER_CELL_END",
    "HIDDEN_LINE",
    "HTML_BREAK",
    "HTML_COMMENT",
    "HTML_ENTITY",
    "HTML_HEADING",
    "HTML_SUMMARY",
    "HTML_TAG",
    "LABEL_LINE",
    "LEGACY_ENCODINGS",
    "LINE_BREAKS",
    "MARKDOWN",
    "MARKDOWN_BULLETS",
    "MAX_BOLD_HEADING_WORDS",
    "MAX_HEADER_CELL",
    "MD_HEADING",
    "MIN_SPACE_COLUMNS",
    "ORDERED_MARKER",
    "RULE_LINE",
    "SENTENCE_END",
    "SETEXT_RULE",
    "SPACE_GAP",
    "SPACE_LIKE",
    "SPACE_TABLE_RULE",
    "TAB_WIDTH",
    "TASK_BOX",
    "TASK_DONE",
    "TASK_OPEN",
    "UTF16_BOMS",
    "UTF32_BOMS",
    "SpaceRow",
    "clean_inline",
    "decode",
    "decode_text",
    "is_heading_text",
    "line_block",
    "list_marker",
    "markdown_lines",
    "normalise",
    "read",
    "space_tables",
    "starts_block",
    "strip_markdown",
    "text_blocks",
]
