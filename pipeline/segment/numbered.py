"""The numbered reading of a document: the `Numbered` state machine.

Data flow: `segment()` feeds it every block in order. It keeps numbered items in
sequence (gaps allowed, sub-items "5.2", "6a", "b)" under their item), reads agenda
tables (a header row naming a number and a title column), joins wrapped titles, and
when the numbering restarts after an agenda list it hands agenda and minutes to
`agenda.merge_agenda`. `finish()` returns (items, header blocks).
"""

from __future__ import annotations

import re

from pipeline.segment.agenda import agenda_table_columns, join_wrapped, merge_agenda, same_title
from pipeline.segment.headings import heading_hit
from pipeline.segment.patterns import BULLET, TABLE_ROW, Hit
from pipeline.segment.sections import ordinal, rest_block, section
from pipeline.segment.titles import is_calendar_title
from pipeline.types import Block, BlockKind, ItemSection

_TABLE_SUB_ROW = re.compile(r"^(?P<num>\d{1,2})\.?(?P<sub>[a-h]|\d{1,2})\)?$")  # "4a", "4.1" in a number cell
_TABLE_RULE = re.compile(r"^[\s|+=_-]+$")  # "-----+------": a text table's rule line
_LIST_MARKER = re.compile(
    r"^(?:[ivx]{1,4}|[a-z])\s*[.)]\s"
)  # "i. Formanden", "b) Hegn": a list line, not a wrapped title
CONTINUATION_MAX_WORDS = 4  # a wrapped title's second line: "kulturpulje"
MAX_START_NUMBER = 3  # a plain numbered line starts a sequence only near 1
MAX_NUMBER_GAP = 4  # items may be skipped: 3 -> 7 still continues
MAX_SUB_GAP = 2
MAX_PLAIN_NUMBER = 99  # above this only headings or "Sag nr." are items
MAX_WRAPPED_TITLE_CHARS = 300  # a title that long takes no more wrapped lines (a run of one-word pieces stays linear)
AGENDA_ITEM_MAX_BODY = 2  # lines under an agenda-list entry (a note) before it reads as minutes
_BARE_NUMBER = re.compile(r"^\d{1,2}\s*[.)]$")  # "1." alone: a page's number column apart from its title


def _numbered_title(number: str, block: Block) -> Hit | None:
    """The line after a number written alone ("2." / "Meddelelser") as that item's heading."""
    prefix = f"{number}. "
    hit = heading_hit(block.model_copy(update={"text": prefix + block.text.strip()}))
    if hit is None or hit.pattern.name != "numbered":
        return None
    lead = len(block.text) - len(block.text.lstrip())
    return Hit(hit.num, None, hit.title, hit.rest, max(hit.rest_start - len(prefix) + lead, 0), hit.pattern)


class Numbered:
    """The numbered reading of a document: items in sequence, sub-items under them,
    an agenda list replaced by the minutes that follow it."""

    def __init__(self, title: Block | None):
        self.title = title
        self.header: list[Block] = []
        self.items: list[ItemSection] = []
        self.style: str | None = None  # "number" or "letter" for the top items
        self.top: ItemSection | None = None
        self.top_ord: int | None = None
        self.first_ord: int | None = None
        self.sub_ord: int | None = None
        self.broken = False  # every item written "1." (a PDF text layer lost the numbering)
        self.agenda: list[ItemSection] | None = None  # the agenda list, once the minutes start
        self.table: tuple[int, int] | None = None  # (number column, title column) of an agenda table
        self.paused_table: tuple[int, int] | None = None  # the agenda table before the paragraphs of its last row
        self.pending_number: str | None = None  # a number alone on the line before: "1." / "Godkendelse af dagsorden"

    def feed(self, block: Block) -> None:
        number, self.pending_number = self.pending_number, None
        if self._table_block(block) or self._continues_title(block):
            return
        if block.kind in (BlockKind.paragraph, BlockKind.heading) and _BARE_NUMBER.match(block.text.strip()):
            self.pending_number = block.text.strip().rstrip(".)")  # "1." in a cell of its own, the title after it
        hit = heading_hit(block) if block is not self.title else None
        if hit is None and number is not None and block.kind in (BlockKind.paragraph, BlockKind.heading):
            hit = _numbered_title(number, block)
        if hit is None and block is not self.title:
            lenient = heading_hit(block, lenient=True)
            if (
                lenient
                and lenient.sub is None
                and lenient.pattern.kind == "number"
                and self.top_ord is not None
                and ordinal(lenient.num) == self.top_ord + 1
            ):
                hit = lenient  # the next number: a long title is still a title
        if hit and self._take(hit, block):
            return
        if self.items:
            self.items[-1].blocks.append(block)
        else:
            self.header.append(block)

    # -- agenda tables and wrapped titles
    def _table_block(self, block: Block) -> bool:
        """An agenda table: its header row names a number and a title column; each row
        with a number is an item (its other cells, an owner or a time, stay on the row);
        a row without a number continues the row above (a wrapped cell)."""
        if block.kind == BlockKind.table_row and block.cells:
            cols = agenda_table_columns(block.cells)
            if cols:
                self.table = cols
                self._append(block)
                return True
        if self.table is None and self.paused_table is not None and block.kind == BlockKind.table_row and block.cells:
            num_at, title_at = self.paused_table  # a layout table: the row's text came between its rows
            if len(block.cells) > max(num_at, title_at) and TABLE_ROW.regex.match(block.cells[num_at].strip()):
                self.table = self.paused_table
        if self.table is None:
            return False
        if block.kind != BlockKind.table_row or not block.cells:
            if _TABLE_RULE.match(block.text):
                self._append(block)
                return True
            self.table, self.paused_table = None, self.table
            return False
        num_at, title_at = self.table
        cells = block.cells
        m = TABLE_ROW.regex.match(cells[num_at].strip()) if len(cells) > max(num_at, title_at) else None
        if m and cells[title_at].strip():
            hit = Hit(m.group("num"), None, cells[title_at].strip(), "", 0, TABLE_ROW)
            if self._take_top(hit, block, "number"):
                return True
        sub = _TABLE_SUB_ROW.match(cells[num_at].strip()) if len(cells) > num_at + 1 else None
        if sub:  # "4a | Ansøgning fra ..." under "4 | 17.10 | Ungepuljen": the time cell left empty
            title = cells[title_at].strip() if len(cells) > title_at else cells[-1].strip()
            hit = Hit(sub.group("num"), sub.group("sub"), title or cells[-1].strip(), "", 0, TABLE_ROW)
            if hit.title and self._take_sub(hit, block):
                return True
        top = self.items[-1] if self.items else None
        if top is not None and top.heading.kind == BlockKind.table_row and not top.blocks and top.heading.cells:
            top.heading = top.heading.model_copy(update={"cells": join_wrapped(top.heading.cells, cells)})
            return True
        self._append(block)
        return True

    def _continues_title(self, block: Block) -> bool:
        """A title wrapped onto a short lower-case line of its own continues the title."""
        top = self.items[-1] if self.items else None
        text = block.text.strip()
        if top is None or top.blocks or block.kind != BlockKind.paragraph or top.heading.kind == BlockKind.table_row:
            return False
        if (
            not text[:1].islower()
            or len(text.split()) > CONTINUATION_MAX_WORDS
            or len(top.title) > MAX_WRAPPED_TITLE_CHARS
            or ":" in text
            or top.title.endswith((".", ":", "?", "!", ")"))
            or BULLET.match(text)
            or _LIST_MARKER.match(text)
            or heading_hit(block, lenient=True)
        ):
            return False
        top.title = f"{top.title} {text}"
        top.calendar = is_calendar_title(top.title)
        return True

    def _append(self, block: Block) -> None:
        (self.items[-1].blocks if self.items else self.header).append(block)

    # -- top items and sub-items
    def _take(self, hit: Hit, block: Block) -> bool:
        kind = hit.pattern.kind
        if kind == "sub" or hit.sub is not None:
            return self._take_sub(hit, block)
        if kind == "letter" and (self.style == "number" or not hit.num.isupper()):
            return self._take_sub(hit, block)
        return self._take_top(hit, block, "letter" if kind == "letter" else "number")

    def _take_top(self, hit: Hit, block: Block, style: str) -> bool:
        n = ordinal(hit.num)
        explicit = hit.pattern.explicit
        if n > MAX_PLAIN_NUMBER and block.kind != BlockKind.heading and hit.pattern.name != "sag":
            return False
        if self.style and style != self.style:
            return False
        if self.top_ord is None:
            if not (n <= MAX_START_NUMBER or explicit or block.kind == BlockKind.heading):
                return False
        elif not (self.top_ord < n <= self.top_ord + MAX_NUMBER_GAP):
            if self._restarts(n, hit):
                self._start_minutes()
            elif n == 1 and self.top_ord >= 1 and (self.broken or self._all_ones()):
                self.broken = True
                n = self.top_ord + 1
                hit = Hit(str(n), None, hit.title, hit.rest, hit.rest_start, hit.pattern)
            else:
                return False
        self.top = section(hit.num, hit.title, block, hit)
        self.items.append(self.top)
        self.style, self.top_ord, self.sub_ord = style, n, None
        if self.first_ord is None:
            self.first_ord = n
        return True

    def _take_sub(self, hit: Hit, block: Block) -> bool:
        if self.top is None:
            return False
        if hit.pattern.kind == "sub" or hit.sub is not None:
            if hit.num.upper() != self.top.number.upper():
                return False
            sub = hit.sub or hit.num
        else:
            sub = hit.num
        k = ordinal(sub)
        first = 1 + MAX_SUB_GAP if self.agenda is not None else 1  # the minutes may skip sub-items of the agenda
        if (
            self.sub_ord is None
            and k > first
            or self.sub_ord is not None
            and not self.sub_ord < k <= self.sub_ord + MAX_SUB_GAP
        ):
            return False
        number = f"{self.top.number}.{sub}" if sub.isdigit() else f"{self.top.number}{sub}"
        self.items.append(section(number, hit.title, block, hit))
        self.sub_ord = k
        return True

    def _all_ones(self) -> bool:
        return all(it.number == "1" for it in self.items if it.number.isdigit())

    def _restarts(self, n: int, hit: Hit) -> bool:
        """The numbering starts again after an agenda list: the minutes begin."""
        if self.agenda is not None or self.first_ord is None or self.broken:
            return False
        if hit.pattern.name in ("ad", "punkt"):
            if self.top_ord is None or n > self.top_ord:
                return False
        elif n != self.first_ord or not same_title(hit.title, self.items[0].title):
            return False
        tops = [it for it in self.items if it.number.isdigit() or len(it.number) == 1]
        if len({it.number for it in tops}) < 2:
            return False
        # the last entry may carry the text between the list and the minutes ("Fremmødt var ...")
        # when the minutes name the item they take up again ("Ad dagsordenens punkt 1: Valg af dirigent")
        named = hit.pattern.name in ("ad", "punkt") and same_title(hit.title, self._item_titled(hit.num))
        body = self.items[:-1] if named else self.items
        return all(len(it.blocks) - bool(rest_block(it)) <= AGENDA_ITEM_MAX_BODY for it in body)

    def _item_titled(self, num: str) -> str:
        return next((it.title for it in self.items if it.number == num), "")

    def _start_minutes(self) -> None:
        self.agenda = self.items
        for it in self.items:  # notes under agenda lines ("Referent: ...") join the header zone
            self.header += [b for b in it.blocks if b is not rest_block(it)]
        self.items = []
        self.top = self.top_ord = self.sub_ord = None

    def finish(self) -> tuple[list[ItemSection], list[Block]]:
        if self.agenda is None:
            return self.items, self.header
        return merge_agenda(self.agenda, self.items), self.header
