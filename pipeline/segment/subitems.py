"""Sub-items found after the items are known.

Data flow: `segment()` ends with `sub_items_in_text` (labelled parts "Forslag 1: ..."
and short title lines inside an item's text); `numbered_under_heading` restructures a
document whose unnumbered headings hold the numbered lines as their sub-items.
"""

from __future__ import annotations

import re

from pipeline.segment.headings import heading_hit
from pipeline.segment.patterns import BULLET, ENUMERATION_END, MIN_NUMBERED_ITEMS, SENTENCE_REST_MIN_WORDS
from pipeline.segment.sections import ordinal, rest_block, section
from pipeline.segment.titles import is_report_title, not_a_title, reads_as_sentence
from pipeline.segment.vocab import field_labels, label_key
from pipeline.types import Block, BlockKind, ItemSection

_WRAPPED_END = re.compile(r"\s(?:og|eller|samt)\s*$")  # "Udskiftning af lamper på skoler og": a wrapped line
# "Eventuelt A: Forslag om ...", "Forslag 2: Hævelse af kontingent": a labelled part of the item
_LABELLED_PART = re.compile(r"^(?P<word>[A-ZÆØÅ][\w-]+)\s+(?P<num>[A-H]|\d{1,2})\s*:\s+(?P<title>\S.*)$")
MIN_TEXT_SUB_ITEMS = 2  # sub-items read from an item's text come at least in pairs
SUB_LINE_MAX_WORDS = 12


def sub_items_in_text(items: list[ItemSection]) -> list[ItemSection]:
    """Sub-items written in an item's text rather than numbered: lines labelled with the
    item's word and a letter or number ("Eventuelt A: ...", "Forslag 1: ..." under
    "Indkomne forslag"), or short title lines each followed by prose ("Ændring af
    titlen" / "Bestyrelsen foreslår ..."). Votes ("Stemmer" / "For Imod") are no titles."""
    out: list[ItemSection] = []
    for k, it in enumerate(items):
        nxt = items[k + 1].number if k + 1 < len(items) else ""
        if not it.agenda or not re.fullmatch(r"\d{1,2}|[A-H]", it.number) or nxt.startswith(it.number):
            out.append(it)
            continue
        parts = _labelled_parts(it) or _title_lines(it)
        if len(parts) < MIN_TEXT_SUB_ITEMS:
            out.append(it)
            continue
        starts = {at: (num, title) for at, num, title in parts}
        current = it.model_copy(update={"blocks": []})
        out.append(current)
        for at, b in enumerate(it.blocks):
            if at in starts:
                num, title = starts[at]
                sep = "." if num.isdigit() and it.number.isdigit() else ""
                current = ItemSection(number=f"{it.number}{sep}{num}", title=title, heading=b)
                out.append(current)
            else:
                current.blocks.append(b)
    return out


def _labelled_parts(it: ItemSection) -> list[tuple[int, str, str]]:
    """(block offset, sub number, title) of 'Eventuelt A: ...' lines counting up from A or 1."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", it.title)}
    out: list[tuple[int, str, str]] = []
    for at, b in enumerate(it.blocks):
        m = _LABELLED_PART.match(b.text.strip()) if b.kind != BlockKind.table_row else None
        if not m or m.group("word").casefold() not in words:
            continue
        if ordinal(m.group("num")) != len(out) + 1:
            return []
        out.append((at, m.group("num"), m.group("title").strip()))
    return out


def _title_lines(it: ItemSection) -> list[tuple[int, str, str]]:
    """(block offset, letter, title) of short title lines each followed by a sentence,
    each after a sentence or the heading (so no line of a wrapped paragraph)."""
    out: list[tuple[int, str, str]] = []
    blocks = it.blocks
    if any(b.kind == BlockKind.heading for b in blocks) or is_report_title(it.title):
        return []  # styled sub-headings, or a report's own sections: plain lines are text
    for at, b in enumerate(blocks):
        t = b.text.strip()
        words = t.split()
        if (
            b.kind != BlockKind.paragraph
            or not out
            and at > 0  # the item's text opens with its first sub-item's title
            or t.isupper()
            or ENUMERATION_END.search(t)
            or _WRAPPED_END.search(t)
            or at + 1 >= len(blocks)
            or not words
            or len(words) > SUB_LINE_MAX_WORDS
            or not t[:1].isupper()
            or t[-1] in ".:;,!?"
            or ":" in t
            or BULLET.match(t)
            or label_key(t) in field_labels()
            or not_a_title(t)
        ):
            continue
        before = blocks[at - 1].text.strip() if at > 0 else "."
        if not before.endswith((".", "!", "?", ")")) or not _is_sentence_block(blocks[at + 1]):
            continue
        out.append((at, chr(ord("a") + len(out)), t))
    return out


def _is_sentence_block(b: Block) -> bool:
    t = b.text.strip()
    return (
        b.kind == BlockKind.paragraph and len(t.split()) >= SENTENCE_REST_MIN_WORDS and t.endswith((".", "!", "?", ")"))
    )


def numbered_under_heading(found: list[ItemSection], numbered: list[ItemSection]) -> list[ItemSection] | None:
    """Unnumbered headings whose numbering a PDF lost, with numbered lines under one of
    them ("Valg til bestyrelsen:" / "1. Valg af formand: ..."): the headings are the items,
    the numbered lines their sub-items."""
    if len(numbered) < MIN_NUMBERED_ITEMS:
        return None
    lists = _lists_under_headings(found, numbered)
    if lists is not None:
        return lists
    if any(it.heading.kind == BlockKind.heading for it in numbered):
        return None
    at = {it.heading.index: it for it in numbered}
    hosts = [u for u in found if u.agenda and any(b.index in at for b in u.blocks)]
    if len(hosts) != 1 or sum(u.agenda for u in found) - 1 < MIN_NUMBERED_ITEMS:
        return None
    host = hosts[0]
    if sum(b.index in at for b in host.blocks) != len(numbered):
        return None
    out: list[ItemSection] = []
    for u in found:
        if u is not host:
            out.append(u)
            continue
        current = u.model_copy(update={"blocks": []})
        out.append(current)
        for b in u.blocks:
            if b.index in at:
                n = at[b.index]
                rest = rest_block(n)
                current = n.model_copy(
                    update={"number": f"{u.number}.{n.number}", "blocks": [rest] if rest is not None else []}
                )
                out.append(current)
            else:
                current.blocks.append(b)
    return out


_LIST_START = re.compile(r"^1\s*[.)](?:\s|$)")  # "1. Fodbold: ...", "1." left alone on its line


def _lists_under_headings(found: list[ItemSection], numbered: list[ItemSection]) -> list[ItemSection] | None:
    """Headed items whose text holds numbered lists that start again at 1 under each heading
    ("Beretninger" / "1. Fodbold: ..." ... "Valg til bestyrelsen" / "1. Valg af kasserer ..."):
    the headings are the items; a numbered line that reads as a title is a sub-item, a
    numbered sentence is text."""
    heads = {u.heading.index for u in found if u.agenda and u.heading.kind == BlockKind.heading}
    if (
        len(heads) < MIN_NUMBERED_ITEMS
        or sum(it.heading.kind == BlockKind.heading for it in numbered) >= MIN_NUMBERED_ITEMS
    ):
        return None  # numbered headings are the items
    hosts = [u for u in found if u.heading.index in heads and any(_LIST_START.match(b.text.strip()) for b in u.blocks)]
    if len(hosts) < MIN_NUMBERED_ITEMS:
        return None
    inside = {b.index for u in found for b in u.blocks} | heads
    if any(it.heading.index not in inside for it in numbered):
        return None
    out: list[ItemSection] = []
    for u in found:
        if u not in hosts:
            out.append(u)
            continue
        current = u.model_copy(update={"blocks": []})
        out.append(current)
        for b in u.blocks:
            hit = heading_hit(b)
            if hit is not None and hit.pattern.name == "numbered" and not reads_as_sentence(hit.title):
                current = section(f"{u.number}.{hit.num}", hit.title, b, hit)
                out.append(current)
            else:
                current.blocks.append(b)
    return out
