"""Document blocks -> header zone and agenda item sections.

Item headings are recognised from the text (a pattern table, so .txt works
like .docx and .pdf), helped by heading styles where the format has them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind, ItemSection, Segmented

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "okt", "nov", "dec")


@dataclass(frozen=True)
class ItemPattern:
    name: str
    regex: re.Pattern
    lettered: bool = False


# Agenda item headings, most specific first. Test cases: tests/test_segment.py.
ITEM_PATTERNS = (
    ItemPattern("punkt", re.compile(r"^(?:Punkt|Pkt\.?|Dagsordenspunkt)\s*(?P<num>\d{1,2})\s*[.:)\-–]?\s*(?P<title>.*)$", re.I)),
    ItemPattern("ad", re.compile(r"^Ad\.?\s+(?:punkt\s+|pkt\.?\s*)?(?P<num>\d{1,2}|[A-H])\s*[.:)]?\s*(?P<title>.*)$", re.I)),
    ItemPattern("numbered", re.compile(r"^(?P<num>\d{1,4})\s*[.)]\s+(?P<title>\S.*)$")),
    ItemPattern("lettered", re.compile(r"^(?P<num>[A-H])\s*[.)]\s+(?P<title>\S.*)$"), lettered=True),
)
MAX_TITLE_WORDS = 16


def match_item_heading(block: Block) -> tuple[str, str, ItemPattern] | None:
    """(number, title, pattern) when the block reads as an agenda item heading."""
    text = block.text.strip()
    for pat in ITEM_PATTERNS:
        m = pat.regex.match(text)
        if not m:
            continue
        num, title = m.group("num").upper(), m.group("title").strip(" :–-\t")
        if _plausible_title(title, block):
            return num, title or text, pat
        return None
    return None


def _plausible_title(title: str, block: Block) -> bool:
    words = title.split()
    if not words:
        return False
    if words[0].lower().rstrip(".") in MONTHS:  # "17. september 2020" is a date line
        return False
    if block.kind == BlockKind.heading:
        return len(words) <= 2 * MAX_TITLE_WORDS
    if len(words) > MAX_TITLE_WORDS:
        return False
    sentence_like = title.endswith((".", "?", "!")) and len(words) > 6
    return not sentence_like and block.kind != BlockKind.table_row


def segment(blocks: list[Block]) -> Segmented:
    """Split blocks into the header zone (before the first item) and items."""
    title = _find_title(blocks)
    items: list[ItemSection] = []
    header: list[Block] = []
    last_num: int | None = None
    style: str | None = None
    for block in blocks:
        hit = match_item_heading(block) if block is not title else None
        if hit and _continues_sequence(hit, last_num, style, block):
            num, text, pat = hit
            items.append(ItemSection(number=num, title=text, heading=block,
                                     calendar=is_calendar_title(text)))
            last_num, style = _ordinal(num), pat.lettered and "letter" or "number"
        elif items:
            items[-1].blocks.append(block)
        else:
            header.append(block)
    if not items:
        items, header = _items_from_headings(blocks, title)
    return Segmented(header=header, items=items, title=title)


def _ordinal(num: str) -> int:
    return int(num) if num.isdigit() else ord(num) - ord("A") + 1


def _continues_sequence(hit, last_num: int | None, style: str | None, block: Block) -> bool:
    """Items count up (gaps allowed); a municipal agenda may start at item 112 when
    its items are headings; a plain numbered line must start near 1."""
    num, _, pat = hit
    kind = "letter" if pat.lettered else "number"
    n = _ordinal(num)
    if n > 99 and block.kind != BlockKind.heading:
        return False
    if last_num is None:
        return n <= 3 or pat.name in ("punkt", "ad") or block.kind == BlockKind.heading
    if style and kind != style:
        return False
    return last_num < n <= last_num + 4


def _items_from_headings(blocks: list[Block], title: Block | None) -> tuple[list[ItemSection], list[Block]]:
    """Fallback for documents whose items are headings without numbers."""
    heads = [b for b in blocks if b.kind == BlockKind.heading and b is not title and b.level <= 2
             and not _is_dateline(b.text)]
    if len(heads) < 2:
        return [], list(blocks)
    items: list[ItemSection] = []
    header: list[Block] = []
    for b in blocks:
        if b in heads:
            items.append(ItemSection(number=str(len(items) + 1), title=b.text, heading=b,
                                     calendar=is_calendar_title(b.text)))
        elif items:
            items[-1].blocks.append(b)
        else:
            header.append(b)
    return items, header


def _find_title(blocks: list[Block]) -> Block | None:
    """The title block, a block naming the kind of document, or the first short line."""
    for b in blocks[:8]:
        if b.kind == BlockKind.title:
            return b
    words = tuple(lexicon().title_kind) + tuple(lexicon().meeting_words)
    for b in blocks[:5]:
        low = b.text.casefold()
        if len(b.text.split()) <= 14 and any(w in low for w in words) and not match_item_heading(b):
            return b
    for b in blocks[:3]:
        if len(b.text.split()) <= 14 and not _is_dateline(b.text) and b.kind != BlockKind.table_row \
                and not match_item_heading(b):
            return b
    return None


def _is_dateline(text: str) -> bool:
    words = text.lower().replace(".", " ").split()
    return any(w in MONTHS for w in words[:3]) and len(words) <= 5


def is_calendar_title(title: str) -> bool:
    t = title.lower()
    return any(re.search(rf"\b{re.escape(c)}\b", t) for c in lexicon().calendar_titles)
