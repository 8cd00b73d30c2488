"""Agenda lists and tables: merging an agenda list with the minutes' sections, reading
an agenda table's columns, and agendas written on one line ("Dagsorden: 1) ..., 2) ...").

Data flow: `merge_agenda` and `agenda_table_columns` serve the numbered reader;
`items_from_agenda_list` is a reading of its own, tried by `segment()` when the
numbered reading finds too few items.
"""

from __future__ import annotations

import re

from pipeline.lexicon import lexicon
from pipeline.segment.sections import ordinal, rest_block, sub_block
from pipeline.segment.titles import is_calendar_title
from pipeline.segment.vocab import is_agenda_label, label_key
from pipeline.types import Block, BlockKind, ItemSection

AGENDA_LIST_SEARCH_BLOCKS = 15  # an agenda written on one line stands near the top
MIN_AGENDA_LIST_ENTRIES = 2  # entries of a one-line agenda, and of its titles found as lines


def same_title(a: str, b: str) -> bool:
    """The minutes repeat the agenda's title, perhaps with the outcome after it."""
    ka, kb = _key(a), _key(b)
    return bool(ka and kb) and (ka.startswith(kb) or kb.startswith(ka))


def merge_agenda(agenda: list[ItemSection], minutes: list[ItemSection]) -> list[ItemSection]:
    """The minutes' sections are the items; an agenda line stands in for an item the
    minutes skip. The agenda's title is the item's title; what the minutes' heading
    adds after it is body text."""
    by_number = {it.number.casefold(): it for it in minutes}
    out: list[ItemSection] = []
    used: set[str] = set()
    for a in agenda:
        m = by_number.get(a.number.casefold())
        if m is None:
            out.append(a.model_copy(update={"blocks": [b for b in a.blocks if b is rest_block(a)]}))
            continue
        used.add(m.number.casefold())
        blocks = list(m.blocks)
        if m.title != a.title and _key(m.title).startswith(_key(a.title)) and m.heading.text.strip() != a.title:
            extra = m.title[len(a.title) :].strip(" .:–-")
            if extra and rest_block(m) is None:
                blocks.insert(0, sub_block(m.heading, max(m.heading.text.find(extra), 0), extra))
        elif not same_title(m.title, a.title) and m.title != m.heading.text.strip():
            at = m.heading.text.find(m.title)  # "Ad 3: Oprykningen holdes ...": the heading line is minutes text
            if at > 0:
                whole, rest = sub_block(m.heading, at, m.heading.text[at:]), rest_block(m)
                if rest is not None:
                    blocks[blocks.index(rest)] = whole
                else:
                    blocks.insert(0, whole)
        title = a.title if a.title else m.title
        update = {"title": title, "blocks": blocks, "calendar": is_calendar_title(title)}
        if a.heading.kind == BlockKind.table_row:  # the agenda table's row keeps its cells (owner, time)
            update["heading"] = a.heading
        out.append(m.model_copy(update=update))
    order: dict[int, float] = {id(it): float(k) for k, it in enumerate(out)}
    used_or_agenda = {a.number.casefold() for a in agenda}
    for it in minutes:  # minutes' items the agenda did not list: after the item before them
        if it.number.casefold() not in used:
            key = _number_key(it.number)
            before = [order[id(o)] for o in out if _number_key(o.number) <= key]
            after = [order[id(o)] for o in out if _number_key(o.number) > key and o.number.casefold() in used_or_agenda]
            low = max(before) if before else -1.0
            high = min((x for x in after if x > low), default=low + 1.0)
            order[id(it)] = (low + high) / 2  # "3.2" after "3.1", before "4"
            out.append(it)
    return sorted(out, key=lambda it: order[id(it)])


def agenda_table_columns(cells: list[str]) -> tuple[int, int] | None:
    """(number column, title column) when a header row reads as an agenda table's."""
    table = lexicon().agenda_table_columns
    kinds = [table.get(label_key(c)) for c in cells]
    if "title" not in kinds:
        return None
    title_at = kinds.index("title")
    if "number" not in kinds and kinds.count("title") >= 2:  # "Punkt | Emne | ...": the first is the number
        return title_at, kinds.index("title", title_at + 1)
    if "number" in kinds:
        return kinds.index("number"), title_at
    if title_at > 0 and not cells[0].strip():  # "| | Emne | Ansvarlig |": an unnamed number column
        return 0, title_at
    return None


def join_wrapped(cells: list[str], more: list[str]) -> list[str]:
    """A row without a number continues the cell above that breaks off ("Bo Lund," / "Eva Dam")."""
    out = list(cells)
    text = " ".join(c.strip() for c in more if c.strip())
    if not text:
        return out
    for k in range(len(out) - 1, -1, -1):
        if out[k].rstrip().endswith((",", " og", "&", "-")):
            out[k] = f"{out[k].rstrip()} {text}"
            return out
    return out


def _number_key(number: str) -> tuple:
    m = re.match(r"(\d+)\.?(\w*)", number)
    if not m:
        return (ordinal(number[0]) if number else 0, "")
    return (int(m.group(1)), m.group(2).casefold())


# "Dagsorden: 1) Siden sidst, 2) Regnskab 2024 og budget 2025, 3) Eventuelt"
AGENDA_LIST_ENTRY = re.compile(
    r"(?:^|[,;]\s*|\s+)(?P<num>\d{1,2})\s*[.)]\s+(?P<title>.+?)(?=[,;]?\s+\d{1,2}\s*[.)]\s|[.;,]?\s*$)"
)


def _agenda_list(block: Block) -> list[tuple[str, str, int]]:
    """(number, title, offset in the block) of an agenda written on one line."""
    head, sep, rest = block.text.partition(":")
    if not sep or is_agenda_label(head + ":") is None:
        return []
    start = len(head) + 1
    out = [
        (m.group("num"), m.group("title").strip(), start + m.start("title")) for m in AGENDA_LIST_ENTRY.finditer(rest)
    ]
    numbers = [int(n) for n, _, _ in out]
    return (
        out
        if len(out) >= MIN_AGENDA_LIST_ENTRIES and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        else []
    )


def items_from_agenda_list(blocks: list[Block], title: Block | None) -> tuple[list[ItemSection], list[Block]]:
    """Prose minutes that list the agenda on one line and then head each part with
    the item's title, unnumbered: the titles found as lines become the sections."""
    for k, block in enumerate(blocks[:AGENDA_LIST_SEARCH_BLOCKS]):
        entries = _agenda_list(block)
        if not entries:
            continue
        wanted = {_key(t): (num, t) for num, t, _ in entries}
        heads: dict[int, tuple[str, str]] = {}
        for i, b in enumerate(blocks[k + 1 :], start=k + 1):  # the first line with each title
            if _key(b.text) in wanted and b is not title and wanted[_key(b.text)] not in heads.values():
                heads[i] = wanted[_key(b.text)]
        if len(heads) < MIN_AGENDA_LIST_ENTRIES:
            continue
        found = {num for num, _ in heads.values()}
        items: list[ItemSection] = []
        for num, text, offset in entries:  # items never reached in the text keep the agenda line as source
            if num not in found:
                items.append(ItemSection(number=num, title=text, heading=sub_block(block, offset, text)))
        header = list(blocks[: min(heads)])
        for i, b in enumerate(blocks[min(heads) :], start=min(heads)):
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
