"""Page headers and footers: the lines that carry a year without a day or name a
meeting and its day, read once, as paragraphs after the title (as a PDF's running
header); a letterhead, an issue date and page numbers stay out."""

from __future__ import annotations

import re
from functools import cache

from pipeline.ingest.docx.ooxml import W, paragraph_text
from pipeline.types import BlockKind, RawBlock

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # a page header line with a year: "skoleåret 2025/26"
PAGE_PART_STYLE = "page-header"  # a line of a page header or footer, read once
NUMBERED = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[a-zA-Z][.)])\s")  # "3. Regnskab": an item, not the title


def page_part_lines(document) -> list[str]:
    """The lines of the page headers and footers (each once, headers first) that carry a
    year without a day or name a meeting and its day (as a PDF's running header):
    "Skovly Skole · Skolebestyrelsen · skoleåret 2025/26" names the organisation, the
    body and the year that the body may leave out; a bare letterhead ("Fortroligt
    udkast"), an issue line ("udsendt 12.01.2026") and page numbers stay out."""
    from pipeline.ingest.layout import _dated, _names_a_meeting, is_page_number

    parts: dict[str, list] = {"header": [], "footer": []}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in parts and not rel.is_external:
            parts[kind].append(rel.target_part.element)
    lines: list[str] = []
    for root in parts["header"] + parts["footer"]:
        for p in root.iter(f"{W}p"):
            for line in paragraph_text(p).split("\n"):
                line = " ".join(line.replace("\t", " ").split())
                if not line or is_page_number(line) or line in lines:
                    continue
                dated = _dated(line)  # an issue date ("udsendt 12.01.2026") is no meeting's date
                if dated and _issue_dated(line):
                    continue  # "Referatet godkendes på næste møde. Udsendt 12.02.2026 / JH"
                if (YEAR.search(line) and not dated) or (dated and _names_a_meeting(line)):
                    lines.append(line)
    return lines


def _issue_dated(line: str) -> bool:
    """A date right after a field word of the document itself ("Udsendt 12.02.2026",
    "Godkendt: 3/4"): the date of the paper, not of a meeting (lexicon meta_fields)."""
    return _issue_date().search(line) is not None


@cache
def _issue_date() -> re.Pattern[str]:
    from pipeline.lexicon import lexicon

    words = "|".join(re.escape(w) for w in sorted(lexicon().meta_fields, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})\W{{0,3}}(?:den\s+|d\.\s*)?\d", re.I)


def with_page_parts(blocks: list[RawBlock], lines: list[str]) -> list[RawBlock]:
    """The page header and footer lines as paragraphs after the document's title and the
    unnumbered headings under it (as a PDF's running header), unless the body says them."""
    texts = {b.text for b in blocks}
    copies = [RawBlock(kind=BlockKind.paragraph, text=t, style=PAGE_PART_STYLE) for t in lines if t not in texts]
    if not copies:
        return blocks
    at = 0
    while (
        at < len(blocks)
        and blocks[at].kind in (BlockKind.title, BlockKind.heading)
        and not NUMBERED.match(blocks[at].text)
    ):
        at += 1
    return blocks[:at] + copies + blocks[at:]
