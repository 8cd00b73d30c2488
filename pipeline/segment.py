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
    ItemPattern("sag", re.compile(r"^Sag(?:\s+nr\.?|\.)?\s*(?P<num>\d{1,4})\s*[.:)\-–]?\s+(?P<title>\S.*)$", re.I)),
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
        items, header = _items_from_agenda_list(blocks, title)
    if not items:
        items, header = _items_from_headings(blocks, title)
    return Segmented(header=header, items=items, title=title)


# "Dagsorden: 1) Siden sidst, 2) Regnskab 2024 og budget 2025, 3) Eventuelt"
AGENDA_LIST_LABEL = re.compile(r"^(?:Dagsorden|Dagsordenen|Program|Punkter)\s*:\s*", re.I)
AGENDA_LIST_ENTRY = re.compile(r"(?:^|[,;]\s*|\s+)(?P<num>\d{1,2})\s*[.)]\s+(?P<title>.+?)(?=[,;]?\s+\d{1,2}\s*[.)]\s|[.;,]?\s*$)")


def _agenda_list(block: Block) -> list[tuple[str, str, int]]:
    """(number, title, offset in the block) of an agenda written on one line."""
    label = AGENDA_LIST_LABEL.match(block.text)
    if not label:
        return []
    rest = block.text[label.end():]
    out = [(m.group("num"), m.group("title").strip(), label.end() + m.start("title"))
           for m in AGENDA_LIST_ENTRY.finditer(rest)]
    numbers = [int(n) for n, _, _ in out]
    return out if len(out) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))) else []


def _items_from_agenda_list(blocks: list[Block], title: Block | None) -> tuple[list[ItemSection], list[Block]]:
    """Prose minutes that list the agenda on one line and then head each part with
    the item's title, unnumbered: the titles found as lines become the sections."""
    for k, block in enumerate(blocks[:15]):
        entries = _agenda_list(block)
        if not entries:
            continue
        wanted = {_key(t): (num, t) for num, t, _ in entries}
        heads: dict[int, tuple[str, str]] = {}
        for i, b in enumerate(blocks[k + 1:], start=k + 1):  # the first line with each title
            if _key(b.text) in wanted and b is not title and wanted[_key(b.text)] not in heads.values():
                heads[i] = wanted[_key(b.text)]
        if len(heads) < 2:
            continue
        found = {num for num, _ in heads.values()}
        items: list[ItemSection] = []
        for num, text, offset in entries:  # items never reached in the text keep the agenda line as source
            if num not in found:
                items.append(ItemSection(number=num, title=text, heading=_sub_block(block, offset, text)))
        header = list(blocks[:min(heads)])
        for i, b in enumerate(blocks[min(heads):], start=min(heads)):
            if i in heads:
                num, text = heads[i]
                items.append(ItemSection(number=num, title=text, heading=b, calendar=is_calendar_title(text)))
            else:
                items[-1].blocks.append(b)
        items.sort(key=lambda it: int(it.number))
        return items, header
    return [], list(blocks)


def _key(text: str) -> str:
    return " ".join(text.casefold().strip(" .:").split())


def _sub_block(block: Block, offset: int, text: str) -> Block:
    return block.model_copy(update={"text": text, "start": block.start + offset,
                                    "end": block.start + offset + len(text), "cells": None})


def _ordinal(num: str) -> int:
    return int(num) if num.isdigit() else ord(num) - ord("A") + 1


def _continues_sequence(hit, last_num: int | None, style: str | None, block: Block) -> bool:
    """Items count up (gaps allowed); a municipal agenda may start at item 112 when
    its items are headings; a plain numbered line must start near 1."""
    num, _, pat = hit
    kind = "letter" if pat.lettered else "number"
    n = _ordinal(num)
    explicit = pat.name in ("punkt", "sag", "ad")  # the word says it is an item: "Sag nr. 112"
    if n > 99 and block.kind != BlockKind.heading and pat.name != "sag":
        return False
    if last_num is None:
        return n <= 3 or explicit or block.kind == BlockKind.heading
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
