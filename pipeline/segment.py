"""Document blocks -> header zone and agenda item sections.

Item headings are recognised from the text (a pattern table, so .txt works
like .docx and .pdf), helped by heading styles where the format has them.

- Numbered items count up; sub-items ("a)", "(b)", "5.2", "6a)") are items of
  their own, numbered under their item as the document numbers them ("2a", "5.2").
- An agenda list followed by the minutes, whose numbering restarts ("Ad 1",
  "Punkt 1", "1." again): the minutes' sections are the items, matched to the
  agenda by number; the agenda lines only stand in for items the minutes skip.
- A title followed by its outcome on the same line ("1. Valg af dirigent – X blev
  valgt") is cut: the title heads the item, the outcome is its first body block.
- Documents without numbered items: headings of any level, run-in headings
  ("Kontingent:"), short lines leading a list, bullets under "Emner:"; in a
  logbook, dated headings ("16/2", "Uge 7") head sections that are not agenda
  items, and the items are the entries of their "Dagsorden" or their sub-headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.dates import lexicon as date_lexicon
from pipeline.lexicon import is_first_name, lexicon
from pipeline.types import Block, BlockKind, ItemSection, Segmented


@dataclass(frozen=True)
class ItemPattern:
    name: str
    regex: re.Pattern
    kind: str = "number"  # "number": a top item; "letter": a top item or a sub-item; "sub": "5.2", "6a"
    explicit: bool = False  # a word says it is an item ("Punkt 3", "Sag nr. 45", "Ad 2", "§ 4")


# Agenda item headings, most specific first. Test cases: tests/test_segment.py and
# tests/test_segment_layouts.py::test_pattern_table (one case per pattern at least).
ITEM_PATTERNS = (
    ItemPattern(
        "punkt",
        re.compile(
            r"^(?:(?:Dagsordenens\s+)?Punkt|Pkt\.?|Dagsordenspunkt)\s*(?P<num>\d{1,2})(?!\s*[-–/]\s*\d)\s*[.:)\-–]?\s*(?P<title>.*)$",
            re.I,
        ),
        explicit=True,
    ),
    ItemPattern(
        "sag",
        re.compile(r"^Sag(?:\s+nr\.?|\.)?\s*(?P<num>\d{1,4})\s*[.:)\-–]?\s+(?P<title>\S.*)$", re.I),
        explicit=True,
    ),
    ItemPattern(
        "ad",
        re.compile(
            r"^Ad\.?\s+(?:dagsordenens\s+)?(?:punkt\s+|pkt\.?\s*|dagsordenspunkt\s+)?(?P<num>\d{1,2}|[A-H])(?P<sub>[a-h](?![\w]))?\s*[.:)]?\s*(?P<title>.*)$",
            re.I,
        ),
        explicit=True,
    ),
    ItemPattern("paragraph", re.compile(r"^§\s*(?P<num>\d{1,3})(?![.,]\d)\s*[.:)]?\s*(?P<title>\S.*)$"), explicit=True),
    ItemPattern(
        "numbered_letter", re.compile(r"^(?P<num>\d{1,2})(?P<sub>[a-hA-H])\s*[.):]\s*(?P<title>\S.*)$"), kind="sub"
    ),
    ItemPattern("decimal", re.compile(r"^(?P<num>\d{1,2})\.(?P<sub>\d{1,2})\.?\s+(?P<title>[^\s\d].*)$"), kind="sub"),
    ItemPattern("numbered", re.compile(r"^(?P<num>\d{1,4})\s*(?:\.{1,3}|\))\s*(?P<title>[^\W\d_].*)$")),
    ItemPattern("numbered_comma", re.compile(r"^(?P<num>\d{1,2}),\s+(?P<title>[A-ZÆØÅ][a-zæøå].*)$")),  # OCR "2,"
    ItemPattern(
        "lettered",
        re.compile(r"^(?:\((?P<pnum>[A-Ha-h])\)|(?P<num>[A-Ha-h])\s*[.):])\s*(?P<title>\S.*)$"),
        kind="letter",
    ),
)
# A row of an agenda table ("Pkt. | Emne | Ansvarlig | Tid"): the number cell, read by the table reader.
TABLE_ROW = ItemPattern("table_row", re.compile(r"^(?P<num>\d{1,2})\s*[.)]?$"), explicit=True)
_TABLE_RULE = re.compile(r"^[\s|+=_-]+$")  # "-----+------": a text table's rule line
# "4. Finpuds og debug ✅", "2. Ryd op i depotet [x]": a numbered task of a checklist, not an item heading
_CHECKLIST_END = re.compile(r"(?:[\u2610-\u2612\u2705\u2713-\u2718\u274c\u274e]|\[[ xX✓]?\])\s*$")
_LIST_MARKER = re.compile(
    r"^(?:[ivx]{1,4}|[a-z])\s*[.)]\s"
)  # "i. Formanden", "b) Hegn": a list line, not a wrapped title
MAX_TITLE_WORDS = 16
CONTINUATION_MAX_WORDS = 4  # a wrapped title's second line: "kulturpulje"
MIN_NUMBERED_ITEMS = 2  # fewer numbered items than this: try the unnumbered readings
MAX_SENTENCE_TITLE_WORDS = 10  # a title ending in "." longer than this reads as a sentence
MAX_START_NUMBER = 3  # a plain numbered line starts a sequence only near 1
MAX_NUMBER_GAP = 4  # items may be skipped: 3 -> 7 still continues
MAX_SUB_GAP = 2
MAX_PLAIN_NUMBER = 99  # above this only headings or "Sag nr." are items
MAX_WRAPPED_TITLE_CHARS = 300  # a title that long takes no more wrapped lines (a run of one-word pieces stays linear)
AGENDA_ITEM_MAX_BODY = 2  # lines under an agenda-list entry (a note) before it reads as minutes
AGENDA_LIST_SEARCH_BLOCKS = 15  # an agenda written on one line stands near the top
TITLE_SEARCH_BLOCKS = 8
TITLE_KIND_SEARCH_BLOCKS = 5
TITLE_FIRST_LINES = 3
MAX_TITLE_LINE_WORDS = 14
RUN_IN_MAX_WORDS = 6
MAX_SHORT_SENTENCE_WORDS = (
    4  # a heading ending in "." longer than this is a sentence  # "Formandens beretning:" on a line of its own
)
DATELINE_MAX_WORDS = 5
DATED_HEADING_MAX_WORDS = 6
MIN_LOGBOOK_ENTRIES = 2  # dated headings that make a document a logbook of entries

_ENUMERATION_END = re.compile(r"(?:[;,]|[;,]\s+(?:og|eller|samt))\s*$")
_WRAPPED_END = re.compile(r"\s(?:og|eller|samt)\s*$")  # "Udskiftning af lamper på skoler og": a wrapped line
_SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{3})\.\s+(?=[A-ZÆØÅ][a-zæøå])")  # not after "v." or "pkt."
_SENTENCE_BREAK_ANY = re.compile(r"\.\s+(?=[A-ZÆØÅ][a-zæøå])")  # "år. Karin ...": the word before is checked
SENTENCE_REST_MIN_WORDS = 5  # a second sentence on the heading line without an outcome word
_INLINE_SEPARATOR = re.compile(r"\s+[–—-]\s+|:\s+|:(?=[A-ZÆØÅ][a-zæøå])")  # "bestyrelsen:Dirigenten"
_NAME_LIKE = re.compile(r"^[A-ZÆØÅ][\w'-]+(?:\s+(?:[A-ZÆØÅ][\w'.-]*|af|de|van|von)){1,4}\.?$")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_MARKUP = re.compile(r"^[#>*_\s]+|[*_\s]+$")
_EMPHASIS = re.compile(r"(?<![\w*_])(?P<mark>\*\*|__|\*|_)(?P<text>\S(?:.*?\S)?)(?P=mark)(?![\w*_])")  # "_(Birthe)_"
_BULLET = re.compile(r"^\s*[-•*–·▪◦]\s+")  # a list line a reader left as a paragraph


@dataclass(frozen=True)
class Hit:
    num: str  # the item's (top) number or letter as written
    sub: str | None  # the sub-item part ("a", "2") or None
    title: str
    rest: str  # an outcome written after the title on the heading line ("" if none)
    rest_start: int  # offset of `rest` in the block text
    pattern: ItemPattern

    @property
    def number(self) -> str:
        if self.sub is None:
            return self.num
        return f"{self.num}.{self.sub}" if self.sub.isdigit() else f"{self.num}{self.sub}"


# ------------------------------------------------------------------ vocabulary


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    d = date_lexicon()
    return frozenset(d.months) | frozenset(d.month_abbreviations)


@lru_cache(maxsize=1)
def _labels() -> frozenset[str]:
    """Field labels the extractors read ("Til stede:", "Beslutning:", "Referent:"):
    never a run-in item heading."""
    lx = lexicon()
    words = (
        lx.participants_present
        + lx.participants_absent
        + lx.participants_guest
        + list(lx.role_fields)
        + lx.role_words
        + lx.decision_labels
        + lx.action_labels
        + lx.action_owner_labels
        + lx.action_due_labels
        + lx.meta_fields
        + lx.date_fields
        + lx.place_fields
        + _document_words()
        + lx.agenda_labels
        + lx.not_decision_labels
        + lx.item_owner_fields
    )
    return frozenset(w.casefold() for w in words)


@lru_cache(maxsize=1)
def _heading_labels() -> frozenset[str]:
    """Labels that head a field even when styled as a heading ("## Dagsorden", "#### Referat")."""
    lx = lexicon()
    words = (
        lx.participants_present
        + lx.participants_absent
        + lx.participants_guest
        + lx.decision_labels
        + _document_words()
        + lx.agenda_labels
        + lx.date_fields
        + lx.place_fields
    )
    return frozenset(w.casefold() for w in words)


def _document_words() -> list[str]:
    """'Referat', 'Dagsorden': words naming minutes or an agenda (not 'Beretning', an item)."""
    return [w for w, kind in lexicon().title_kind.items() if kind in ("minutes", "agenda")]


def _label_key(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).casefold().rstrip(" :.").split())


def _is_agenda_label(text: str) -> str | None:
    """'Dagsorden:', 'med følgende dagsorden:', 'Emner: Budget' -> the text after the label ('' if none)."""
    head, sep, value = text.partition(":")
    key = _label_key(head)
    if not key:
        return None
    for label in lexicon().agenda_labels:
        if key == label or (sep and not value.strip() and key.endswith(" " + label)):
            return value.strip()
    return None


# ------------------------------------------------------------------ headings


def match_item_heading(block: Block) -> tuple[str, str, ItemPattern] | None:
    """(number, title, pattern) when the block reads as an agenda item heading."""
    hit = _heading(block)
    return (hit.number, hit.title, hit.pattern) if hit else None


def _heading(block: Block, lenient: bool = False) -> Hit | None:
    text = block.text.strip()
    if _CHECKLIST_END.search(text):
        return None
    lead = len(block.text) - len(block.text.lstrip())
    for pat in ITEM_PATTERNS:
        m = pat.regex.match(text)
        if not m:
            continue
        groups = m.groupdict()
        num = groups.get("num") or groups.get("pnum") or ""
        if pat.kind != "letter":
            num = num.upper()
        sub = groups.get("sub")
        raw_title = m.group("title")
        title_start = lead + m.start("title")
        title, rest, rest_at = _split_inline(raw_title)
        title = _EMPHASIS.sub(r"\g<text>", title).strip(" :–-\t")
        if not title and pat.explicit:
            return Hit(num, sub, text, "", 0, pat)
        if _plausible_title(title, block, lenient or pat.explicit):
            return Hit(num, sub, title, rest, title_start + rest_at, pat)
        return None
    return None


def _split_inline(title: str) -> tuple[str, str, int]:
    """(title, outcome, offset of the outcome): "Valg af dirigent – Knud Holm blev valgt",
    "Valg af referent: Sanne Krogh", "Beretning. Beretningen blev godkendt.", "Valg af
    revisor. Ole Lund, Engvej 4", "Kontingent: Der er 40 medlemmer. ...", "Valg af kasserer
    Ole Lund ønsker genvalg - Godkendt". The earliest cut that reads as an outcome wins."""
    cuts: list[int] = []
    for m in _SENTENCE_BREAK_ANY.finditer(title):
        if _inside_parentheses(title, m.start()):  # "Badminton (inkl. Volley)"
            continue
        rest = title[m.end() :].strip()
        word = re.findall(r"[^\W\d_]+$", title[: m.start()])
        if not word or len(word[0]) < 2:
            continue
        if (
            _starts_with_person(rest)
            or len(word[0]) >= 3
            and (_has_outcome(rest) and len(rest.split()) >= 2 or len(rest.split()) >= SENTENCE_REST_MIN_WORDS)
        ):
            cuts.append(m.start() + 1)
            break
    for m in _INLINE_SEPARATOR.finditer(title):
        if m.start() == 0 or _inside_parentheses(title, m.start()):
            continue
        rest = title[m.end() :].strip()
        if (
            _has_outcome(rest)
            or _NAME_LIKE.match(rest)
            or _NAME_LIKE.match(_first_clause(rest))
            or m.group().strip() == ":"
            and _is_sentence(rest)  # "Kontingent: Der er 40 medlemmer. ..."
            or len(rest.split()) >= 2
            and (_starts_with_person(rest) or _starts_with_body(rest))
        ):
            cuts.append(m.start())
            break
    at = _election_name_cut(title)
    if at is not None:
        cuts.append(at)
    if not cuts:
        return title, "", len(title)
    cut = min(cuts)
    rest_at = cut + len(title[cut:]) - len(title[cut:].lstrip(" .:–—-\t"))
    return title[:cut], title[rest_at:].strip(), rest_at


def _inside_parentheses(text: str, at: int) -> bool:
    return text.count("(", 0, at) > text.count(")", 0, at)


def _first_clause(text: str) -> str:
    """'Ole Lund, Engvej 4' -> 'Ole Lund'; 'Ole Lund. Han ...' -> 'Ole Lund'."""
    return re.split(r",\s|\.\s|\.$", text, maxsplit=1)[0].strip()


def _is_sentence(text: str) -> bool:
    """'Der er 40 medlemmer i foreningen. Beretningen ...': prose after a run-in title, not a subtitle."""
    return len(text.split()) >= SENTENCE_REST_MIN_WORDS and bool(re.search(r"[.!?]$|[.!?]\s+[A-ZÆØÅ]", text))


def _starts_with_person(text: str) -> bool:
    """'Karin ønsker genvalg.', 'Ole Lund, Engvej 4': the text opens with a person's first name."""
    words = text.split()
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].strip(".,:;")
    return is_first_name(first) and first.casefold() not in lexicon().not_first_names


def _starts_with_body(text: str) -> bool:
    """'Udvalget fortsætter uændret.': the text opens with a body as the subject of a sentence."""
    words = text.split()
    lx = lexicon()
    return bool(words) and words[0].casefold().strip(".,:;") in set(lx.collective_subjects) | set(lx.owner_bodies)


def _election_name_cut(title: str) -> int | None:
    """'Valg af kasserer Ole Lund ønsker genvalg - Godkendt' -> the offset of 'Ole': in an
    election item a person's name after the post begins the outcome."""
    low = title.casefold()
    if not any(low.startswith(e + " ") for e in lexicon().election_labels):
        return None
    marks = set(lexicon().item_owner_fields) | set(lexicon().referring_words)
    words = list(re.finditer(r"\S+", title))
    for k in range(2, len(words)):
        w, prev = words[k].group(), words[k - 1].group()
        if prev.casefold() in marks or prev[:1].isupper() and not prev[:1].isdigit():
            continue
        nxt = words[k + 1].group() if k + 1 < len(words) else ""
        if _starts_with_person(w) and (nxt[:1].isupper() or nxt[:1].islower()):
            return words[k].start() - 1
    return None


def _has_outcome(text: str) -> bool:
    words = {w.casefold().strip(".,;:!") for w in text.split()}
    return bool(words & set(lexicon().inline_outcome_words))


def _plausible_title(title: str, block: Block, lenient: bool = False) -> bool:
    words = title.split()
    if not words:
        return False
    if words[0].casefold().rstrip(".") in _months():  # "17. september 2020" is a date line
        return False
    if _ENUMERATION_END.search(title):  # "(a) Ida Brun;" "C. Bo Vibe; og": a list of names
        return False
    if block.kind == BlockKind.heading or lenient:
        return len(words) <= 2 * MAX_TITLE_WORDS and block.kind != BlockKind.table_row
    if len(words) > MAX_TITLE_WORDS:
        return False
    sentence_like = title.endswith((".", "?", "!")) and (
        len(words) > MAX_SENTENCE_TITLE_WORDS or ("," in title and len(words) > 6)
    )
    return not sentence_like and block.kind != BlockKind.table_row


def _ordinal(num: str) -> int:
    return int(num) if num.isdigit() else ord(num.upper()) - ord("A") + 1


def _sub_block(block: Block, offset: int, text: str) -> Block:
    return block.model_copy(
        update={"text": text, "start": block.start + offset, "end": block.start + offset + len(text), "cells": None}
    )


def _section(number: str, title: str, heading: Block, hit: Hit | None = None, agenda: bool = True) -> ItemSection:
    """An item: its heading cut to the title when an outcome follows it on the line."""
    sec = ItemSection(number=number, title=title, heading=heading, calendar=is_calendar_title(title), agenda=agenda)
    if hit is not None and hit.rest:
        at = heading.text.find(hit.rest, hit.rest_start - 1 if hit.rest_start else 0)
        if at >= 0:
            sec.blocks.append(_sub_block(heading, at, hit.rest))
    return sec


# ------------------------------------------------------------------ numbered documents

_BARE_NUMBER = re.compile(r"^\d{1,2}\s*[.)]$")  # "1." alone: a page's number column apart from its title


def _numbered_title(number: str, block: Block) -> Hit | None:
    """The line after a number written alone ("2." / "Meddelelser") as that item's heading."""
    prefix = f"{number}. "
    hit = _heading(block.model_copy(update={"text": prefix + block.text.strip()}))
    if hit is None or hit.pattern.name != "numbered":
        return None
    lead = len(block.text) - len(block.text.lstrip())
    return Hit(hit.num, None, hit.title, hit.rest, max(hit.rest_start - len(prefix) + lead, 0), hit.pattern)


class _Numbered:
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
        hit = _heading(block) if block is not self.title else None
        if hit is None and number is not None and block.kind in (BlockKind.paragraph, BlockKind.heading):
            hit = _numbered_title(number, block)
        if hit is None and block is not self.title:
            lenient = _heading(block, lenient=True)
            if (
                lenient
                and lenient.sub is None
                and lenient.pattern.kind == "number"
                and self.top_ord is not None
                and _ordinal(lenient.num) == self.top_ord + 1
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
            cols = _agenda_table_columns(block.cells)
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
        top = self.items[-1] if self.items else None
        if top is not None and top.heading.kind == BlockKind.table_row and not top.blocks and top.heading.cells:
            top.heading = top.heading.model_copy(update={"cells": _join_wrapped(top.heading.cells, cells)})
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
            or _BULLET.match(text)
            or _LIST_MARKER.match(text)
            or _heading(block, lenient=True)
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
        n = _ordinal(hit.num)
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
        self.top = _section(hit.num, hit.title, block, hit)
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
        k = _ordinal(sub)
        first = 1 + MAX_SUB_GAP if self.agenda is not None else 1  # the minutes may skip sub-items of the agenda
        if (
            self.sub_ord is None
            and k > first
            or self.sub_ord is not None
            and not self.sub_ord < k <= self.sub_ord + MAX_SUB_GAP
        ):
            return False
        number = f"{self.top.number}.{sub}" if sub.isdigit() else f"{self.top.number}{sub}"
        self.items.append(_section(number, hit.title, block, hit))
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
        elif n != self.first_ord or not _same_title(hit.title, self.items[0].title):
            return False
        tops = [it for it in self.items if it.number.isdigit() or len(it.number) == 1]
        if len({it.number for it in tops}) < 2:
            return False
        # the last entry may carry the text between the list and the minutes ("Fremmødt var ...")
        # when the minutes name the item they take up again ("Ad dagsordenens punkt 1: Valg af dirigent")
        named = hit.pattern.name in ("ad", "punkt") and _same_title(hit.title, self._item_titled(hit.num))
        body = self.items[:-1] if named else self.items
        return all(len(it.blocks) - bool(_rest_block(it)) <= AGENDA_ITEM_MAX_BODY for it in body)

    def _item_titled(self, num: str) -> str:
        return next((it.title for it in self.items if it.number == num), "")

    def _start_minutes(self) -> None:
        self.agenda = self.items
        for it in self.items:  # notes under agenda lines ("Referent: ...") join the header zone
            self.header += [b for b in it.blocks if b is not _rest_block(it)]
        self.items = []
        self.top = self.top_ord = self.sub_ord = None

    def finish(self) -> tuple[list[ItemSection], list[Block]]:
        if self.agenda is None:
            return self.items, self.header
        return _merge_agenda(self.agenda, self.items), self.header


def _same_title(a: str, b: str) -> bool:
    """The minutes repeat the agenda's title, perhaps with the outcome after it."""
    ka, kb = _key(a), _key(b)
    return bool(ka and kb) and (ka.startswith(kb) or kb.startswith(ka))


def _rest_block(it: ItemSection) -> Block | None:
    """The outcome cut from the heading line, when there is one."""
    if it.blocks and it.blocks[0].index == it.heading.index and it.blocks[0].start > it.heading.start:
        return it.blocks[0]
    return None


def _merge_agenda(agenda: list[ItemSection], minutes: list[ItemSection]) -> list[ItemSection]:
    """The minutes' sections are the items; an agenda line stands in for an item the
    minutes skip. The agenda's title is the item's title; what the minutes' heading
    adds after it is body text."""
    by_number = {it.number.casefold(): it for it in minutes}
    out: list[ItemSection] = []
    used: set[str] = set()
    for a in agenda:
        m = by_number.get(a.number.casefold())
        if m is None:
            out.append(a.model_copy(update={"blocks": [b for b in a.blocks if b is _rest_block(a)]}))
            continue
        used.add(m.number.casefold())
        blocks = list(m.blocks)
        if m.title != a.title and _key(m.title).startswith(_key(a.title)) and m.heading.text.strip() != a.title:
            extra = m.title[len(a.title) :].strip(" .:–-")
            if extra and _rest_block(m) is None:
                blocks.insert(0, _sub_block(m.heading, max(m.heading.text.find(extra), 0), extra))
        elif not _same_title(m.title, a.title) and m.title != m.heading.text.strip():
            at = m.heading.text.find(m.title)  # "Ad 3: Oprykningen holdes ...": the heading line is minutes text
            if at > 0:
                whole, rest = _sub_block(m.heading, at, m.heading.text[at:]), _rest_block(m)
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


def _agenda_table_columns(cells: list[str]) -> tuple[int, int] | None:
    """(number column, title column) when a header row reads as an agenda table's."""
    table = lexicon().agenda_table_columns
    kinds = [table.get(_label_key(c)) for c in cells]
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


def _join_wrapped(cells: list[str], more: list[str]) -> list[str]:
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
        return (_ordinal(number[0]) if number else 0, "")
    return (int(m.group(1)), m.group(2).casefold())


# ------------------------------------------------------------------ segment


def segment(blocks: list[Block]) -> Segmented:
    """Split blocks into the header zone (before the first item) and items."""
    title = _find_title(blocks)
    reader = _Numbered(title)
    for block in blocks:
        reader.feed(block)
    items, header = reader.finish()
    if len(items) < MIN_NUMBERED_ITEMS:  # one stray "Punkt 1" deep in an appendix is no agenda
        for other in (_items_from_agenda_list, _items_from_unnumbered):
            found, rest = other(blocks, title)
            if len(found) > len(items):
                items, header = found, rest
                break
    else:  # a logbook of dated entries with a numbered list in one entry: the entries win
        found, rest = _items_from_unnumbered(blocks, title)
        numbered_at = {it.heading.index for it in items}  # "3.1 Fra skolelederen" is a sub-item, not a date
        entries = sum(not it.agenda and it.heading.index not in numbered_at for it in found)
        if entries >= MIN_LOGBOOK_ENTRIES and sum(it.agenda for it in found) > len(items):
            items, header = found, rest
        else:
            nested = _numbered_under_heading(found, items)
            if nested:
                items, header = nested, rest
    return Segmented(header=header, items=_sub_items_in_text(items), title=title)


# "Eventuelt A: Forslag om ...", "Forslag 2: Hævelse af kontingent": a labelled part of the item
_LABELLED_PART = re.compile(r"^(?P<word>[A-ZÆØÅ][\w-]+)\s+(?P<num>[A-H]|\d{1,2})\s*:\s+(?P<title>\S.*)$")
MIN_TEXT_SUB_ITEMS = 2  # sub-items read from an item's text come at least in pairs
SUB_LINE_MAX_WORDS = 12


def _sub_items_in_text(items: list[ItemSection]) -> list[ItemSection]:
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
        if _ordinal(m.group("num")) != len(out) + 1:
            return []
        out.append((at, m.group("num"), m.group("title").strip()))
    return out


def _title_lines(it: ItemSection) -> list[tuple[int, str, str]]:
    """(block offset, letter, title) of short title lines each followed by a sentence,
    each after a sentence or the heading (so no line of a wrapped paragraph)."""
    out: list[tuple[int, str, str]] = []
    blocks = it.blocks
    if any(b.kind == BlockKind.heading for b in blocks) or _is_report_title(it.title):
        return []  # styled sub-headings, or a report's own sections: plain lines are text
    for at, b in enumerate(blocks):
        t = b.text.strip()
        words = t.split()
        if (
            b.kind != BlockKind.paragraph
            or not out
            and at > 0  # the item's text opens with its first sub-item's title
            or t.isupper()
            or _ENUMERATION_END.search(t)
            or _WRAPPED_END.search(t)
            or at + 1 >= len(blocks)
            or not words
            or len(words) > SUB_LINE_MAX_WORDS
            or not t[:1].isupper()
            or t[-1] in ".:;,!?"
            or ":" in t
            or _BULLET.match(t)
            or _label_key(t) in _labels()
            or _not_a_title(t)
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


def _numbered_under_heading(found: list[ItemSection], numbered: list[ItemSection]) -> list[ItemSection] | None:
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
                rest = _rest_block(n)
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
            hit = _heading(b)
            if hit is not None and hit.pattern.name == "numbered" and not _reads_as_sentence(hit.title):
                current = _section(f"{u.number}.{hit.num}", hit.title, b, hit)
                out.append(current)
            else:
                current.blocks.append(b)
    return out


def _reads_as_sentence(title: str) -> bool:
    """'Der søges stadig midler', 'Bestyrelsen har været i dialog ...': a numbered line of text."""
    if _opens_with_subject(title) or _has_outcome(title) and title.endswith("."):
        return True
    return title.endswith(".") and len(title.split()) > MAX_SHORT_SENTENCE_WORDS


def _opens_with_subject(text: str) -> bool:
    """'Der søges ...', 'Vi har ...', 'Udvalget fortsætter ...': a sentence, not a title."""
    words = text.split()
    lx = lexicon()
    subjects = set(lx.not_first_names) | set(lx.collective_subjects) | set(lx.owner_bodies) | set(lx.non_owner_subjects)
    return not words or words[0].casefold() in subjects


# "Dagsorden: 1) Siden sidst, 2) Regnskab 2024 og budget 2025, 3) Eventuelt"
AGENDA_LIST_ENTRY = re.compile(
    r"(?:^|[,;]\s*|\s+)(?P<num>\d{1,2})\s*[.)]\s+(?P<title>.+?)(?=[,;]?\s+\d{1,2}\s*[.)]\s|[.;,]?\s*$)"
)


def _agenda_list(block: Block) -> list[tuple[str, str, int]]:
    """(number, title, offset in the block) of an agenda written on one line."""
    head, sep, rest = block.text.partition(":")
    if not sep or _is_agenda_label(head + ":") is None:
        return []
    start = len(head) + 1
    out = [
        (m.group("num"), m.group("title").strip(), start + m.start("title")) for m in AGENDA_LIST_ENTRY.finditer(rest)
    ]
    numbers = [int(n) for n, _, _ in out]
    return out if len(out) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))) else []


def _items_from_agenda_list(blocks: list[Block], title: Block | None) -> tuple[list[ItemSection], list[Block]]:
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
        if len(heads) < 2:
            continue
        found = {num for num, _ in heads.values()}
        items: list[ItemSection] = []
        for num, text, offset in entries:  # items never reached in the text keep the agenda line as source
            if num not in found:
                items.append(ItemSection(number=num, title=text, heading=_sub_block(block, offset, text)))
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


# ------------------------------------------------------------------ unnumbered documents


def _clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _is_dated_heading(text: str) -> bool:
    """'16/2', '## 12/03', 'Uge 7', 'Logbog uge 37', 'Tirsdag d. 11/02', '4. marts'."""
    t = _clean(text)
    words = t.casefold().replace(",", " ").split()
    if not words or len(words) > DATED_HEADING_MAX_WORDS:
        return False
    d = date_lexicon()
    if _NUMERIC_DATE.fullmatch(t) or words[0].rstrip(".") in d.weekdays:
        return True
    weeks = {w.split()[0] for w in d.week_words}
    if (
        any(w in weeks and k + 1 < len(words) and words[k + 1].isdigit() for k, w in enumerate(words))
        and len(words) <= 3
    ):
        return True
    if _is_dateline(t) or (bool(_NUMERIC_DATE.search(t)) and len(words) <= 3):
        return True
    return _names_dated_meeting(words, t)


def _names_dated_meeting(words: list[str], text: str) -> bool:
    """'Referat fra vejledermøde 30/09/2025', 'Gruppemøde d. 17-11': an entry naming the meeting
    and its date ('Godkendelse af referat fra mødet den 14.3.' is an item: 'mødet' refers back)."""
    m = _NUMERIC_DATE.search(text)
    if not m or any(p.regex.match(text) for p in ITEM_PATTERNS):
        return False
    kinds = {w for w, k in lexicon().title_kind.items() if k == "minutes"}
    before = [w.strip(".,:–-") for w in text[: m.start()].casefold().split()]
    leads = {w.strip(".") for w in date_lexicon().day_prefixes}
    before = [w for w in before if w and w not in leads]
    meeting = [w for w in lexicon().meeting_words if len(w) >= 4 and not w.endswith("t")]
    return bool(before) and (
        before[0] in kinds or before[0].endswith(tuple(meeting)) or before[-1].endswith(tuple(meeting))
    )


def _heading_like(text: str) -> bool:
    """A heading style on a sentence (some PDF text layers) is body text, not an item."""
    words = text.split()
    if len(words) > MAX_TITLE_WORDS or _SENTENCE_BREAK.search(text):
        return False
    return not (text.endswith((".", "!", "?")) and (len(words) > MAX_SHORT_SENTENCE_WORDS or _has_outcome(text)))


def _run_in(block: Block) -> str | None:
    """'Formandens beretning:' alone on a line -> its title; labels the extractors read are not."""
    if block.kind not in (BlockKind.paragraph, BlockKind.heading):
        return None
    t = _clean(block.text)
    if not t.endswith(":") or ":" in t[:-1]:
        return None
    words = t[:-1].split()
    if not words or len(words) > RUN_IN_MAX_WORDS or not words[0][:1].isupper() or _label_key(t) in _labels():
        return None
    return t[:-1].strip()


def _lead_in(blocks: list[Block], i: int) -> str | None:
    """A short line without end punctuation leading a list: 'Punkter drøftet' / '- ...'."""
    b = blocks[i]
    if b.kind != BlockKind.paragraph or i + 1 >= len(blocks) or blocks[i + 1].kind != BlockKind.list_item:
        return None
    t = _clean(b.text)
    words = t.split()
    if (
        not words
        or len(words) > RUN_IN_MAX_WORDS
        or t[-1] in ".:;,!?"
        or not t[0].isupper()
        or _label_key(t) in _labels()
        or _is_dated_heading(t)
    ):
        return None
    return t


def _items_from_unnumbered(blocks: list[Block], title: Block | None) -> tuple[list[ItemSection], list[Block]]:
    """Documents whose items are headings without numbers (any level), run-in headings,
    lines leading a list, or topics under 'Emner:'; logbooks of dated entries."""
    heads: dict[int, tuple[str, bool]] = {}  # block index -> (title, is an agenda item)
    rests: dict[int, tuple[str, int]] = {}  # block index -> (outcome after the title, its offset)
    stops: dict[int, str] = {}  # headings that end in "." but read as titles
    for i, b in enumerate(blocks):
        if b is title or b.kind != BlockKind.heading:
            continue
        text = _clean(b.text).rstrip(":").strip()
        hit = _heading(b, lenient=True) if not _is_dated_heading(b.text) else None
        if hit is not None and hit.title != b.text.strip():  # "6. Eventuelt", "a. Valg af formand. X vælges."
            if _heading_like(hit.title.rstrip(".")) and _label_key(hit.title) not in _heading_labels():
                heads[i] = (hit.title.rstrip(":").strip(), True)
                if hit.rest:
                    rests[i] = (hit.rest, b.text.find(hit.rest, max(hit.rest_start - 1, 0)))
            continue
        if _is_dated_heading(b.text):
            heads[i] = (text, False)
        elif not text or _label_key(text) in _heading_labels() or _not_a_title(b.text):
            continue
        elif _heading_like(text):
            heads[i] = (text, True)
        elif _stop_title(text):
            stops[i] = text.rstrip(".")
    _drop_meeting_title(blocks, heads)
    levels = [blocks[i].level for i, (_, agenda) in heads.items() if agenda]
    for i, text in stops.items():  # "Behandling af indkomne forslag." at the level of the items is a title
        if levels and blocks[i].level <= min(levels):
            heads[i] = (text, True)
    first = min((i for i, (_, a) in heads.items() if a and levels and blocks[i].level == min(levels)), default=None)
    for i in [i for i in heads if first is not None and i < first]:  # "Dagsordenen følges herefter." above the items
        if blocks[i].level > min(levels) and _clean(blocks[i].text).endswith("."):
            del heads[i]
    heads = dict(sorted(heads.items()))
    if sum(not agenda for _, agenda in heads.values()) < MIN_LOGBOOK_ENTRIES:  # one dated heading is no logbook
        heads = {i: (t, True) for i, (t, a) in heads.items()}
    logbook = any(not a for _, a in heads.values())  # dated entries (an appendix after the items is none)
    heads = _outline(blocks, heads)
    if sum(agenda for _, agenda in heads.values()) < 2 and not logbook:
        for i, b in enumerate(blocks):
            if b is title:
                continue
            t = _run_in(b) if b.kind != BlockKind.heading else None
            t = t or _lead_in(blocks, i)
            if t:
                heads[i] = (t, True)
        _drop_post_labels(blocks, heads)
        for i, (t, at) in _valued_items_before(blocks, heads).items():
            heads[i] = (t, True)
            rests[i] = (blocks[i].text[at:].strip(), at)
    elif logbook:  # inside dated entries, label lines leading a list ("Sensorenhed:", "Mail til X:") are topics
        headed = dict(heads)  # the entries and their headed topics, before lines are added
        for i, b in enumerate(blocks):
            if b is title or i in heads or b.kind == BlockKind.heading:
                continue
            if i < min(headed):  # before the first entry: only under a title heading that opens the first one
                if title is None or title.kind != BlockKind.heading or i < title.index:
                    continue
            t = _run_in(b) if i + 1 < len(blocks) and blocks[i + 1].kind == BlockKind.list_item else None
            t = (
                t
                or _lead_in(blocks, i)
                or (_topic_bullet(blocks, i) if i < min(headed) and not _entry_has_topics(headed, i) else None)
            )
            if t and not _names_meeting(t):
                heads[i] = (t, True)
    items: list[ItemSection] = []
    header: list[Block] = []
    entry: ItemSection | None = None  # the dated entry the blocks belong to
    entry_has_agenda = False
    topics: list[ItemSection] | None = None  # items from an agenda list being read
    topic_level = 0

    def new(title_: str, b: Block, agenda: bool, rest: tuple[str, int] | None = None) -> ItemSection:
        sec = ItemSection(
            number=str(len(items) + 1), title=title_, heading=b, calendar=is_calendar_title(title_), agenda=agenda
        )
        if rest:
            sec.blocks.append(_sub_block(b, rest[1], rest[0]))
        items.append(sec)
        return sec

    current: ItemSection | None = None
    for i, b in enumerate(blocks):
        if b is title:
            continue
        if topics is not None:  # the entries of "Dagsorden:" / "Emner:"
            if _is_bullet(b) and b.level <= topic_level:
                t, rest, at = _split_inline(_clean(_BULLET.sub("", b.text)))
                if ":" in t and not rest:
                    head, _, value = t.partition(":")
                    if value.strip() and len(head.split()) <= RUN_IN_MAX_WORDS:
                        t, rest, at = head, value.strip(), b.text.find(value.strip())
                at = b.text.find(rest) if rest else -1
                topics.append(new(t.strip(" :"), b, True, (rest, at) if rest and at >= 0 else None))
                current = topics[-1]
                continue
            if _is_bullet(b) and topics:
                topics[-1].blocks.append(b)
                continue
            topics = None
            current = entry
        label_value = _is_agenda_label(_clean(b.text)) if b.kind != BlockKind.list_item else None
        if label_value is not None and (i + 1 < len(blocks) and _is_bullet(blocks[i + 1]) or label_value):
            (current.blocks if current else header).append(b)
            if entry is not None:
                entry_has_agenda = True
            if label_value:
                at = b.text.find(label_value)
                topic = new(label_value, _sub_block(b, at, label_value), True)
                current = entry if entry is not None else topic
                continue
            topics, topic_level = [], blocks[i + 1].level
            continue
        if i in heads:
            text, agenda = heads[i]
            if not agenda:
                entry = current = new(text, b, False)
                entry_has_agenda = _entry_has_agenda(blocks, i, heads)
                continue
            if not entry_has_agenda:
                cut = rests.get(i)
                current = new(text, b, True, cut if cut and cut[1] >= 0 else None)
                continue
        if current is not None:
            current.blocks.append(b)
        else:
            header.append(b)
    if sum(it.agenda for it in items) < 1 or len(items) < 2:
        return [], list(blocks)
    return items, header


def _entry_has_topics(heads: dict[int, tuple[str, bool]], i: int) -> bool:
    """The dated entry around block i has headed topics of its own: its bullets are their text."""
    starts = [j for j, (_, a) in heads.items() if not a]
    start = max((j for j in starts if j < i), default=-1)
    end = min((j for j in starts if j > i), default=len(heads) + i + 1)
    return any(a and start < j < end for j, (_, a) in heads.items())


def _topic_bullet(blocks: list[Block], i: int) -> str | None:
    """A short top-level bullet with bullets under it ('- Udkast til projektplan' / '  - ...'): a topic."""
    b = blocks[i]
    if b.kind != BlockKind.list_item or b.level > 1 or i + 1 >= len(blocks):
        return None
    nxt = blocks[i + 1]
    if nxt.kind != BlockKind.list_item or nxt.level <= b.level:
        return None
    t = _clean(b.text).rstrip(":").strip()
    words = t.split()
    if (
        not words
        or len(words) > RUN_IN_MAX_WORDS
        or t[-1] in ".;,!?"
        or not t[0].isupper()
        or _label_key(re.sub(r"\s*\([^()]*\)$", "", t)) in _labels()  # "Til næste møde (fredag d. 3/10)"
        or _names_meeting(t)
    ):
        return None
    return t


def _is_election_title(text: str) -> bool:
    low = text.casefold()
    return any(low.startswith(e + " ") or low == e for e in lexicon().election_labels)


def _names_a_person(blocks: list[Block], i: int, ahead: int = 3) -> bool:
    """A capitalised first name in the few lines after block i ('Genvalgt for 2 år Ole Lund')."""
    for b in blocks[i + 1 : i + 1 + ahead]:
        if any(w[:1].isupper() and _starts_with_person(w) for w in b.text.split()):
            return True
    return False


def _drop_post_labels(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> None:
    """Under a run-in election item ('Valg af bestyrelse:'), one-word labels of posts
    followed by names ('Bestyrelsesmedlemmer:' / 'Genvalgt ... Ole Lund') are its text."""
    election = False
    for i in sorted(heads):
        text = heads[i][0]
        if _is_election_title(text) or _is_closing_title(text):
            election = _is_election_title(text)
            continue
        if election and len(text.split()) == 1 and _names_a_person(blocks, i):
            del heads[i]
        else:
            election = False


def _valued_items_before(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> dict[int, tuple[str, int]]:
    """'Valg af dirigent: Ole Lund' / 'Stemmetællere: X og Y' right before the first run-in
    item ('Formandens beretning:'): items written with their outcome on the line. The run
    must open with an election item; labels the extractors read are not items."""
    if not heads:
        return {}
    run: dict[int, tuple[str, int]] = {}
    for i in range(min(heads) - 1, -1, -1):
        b = blocks[i]
        head, sep, value = b.text.partition(":")
        words = _clean(head).split()
        if (
            b.kind != BlockKind.paragraph
            or not sep
            or not value.strip()
            or not words
            or len(words) > RUN_IN_MAX_WORDS
            or not words[0][:1].isupper()
            or _label_key(head) in _labels()
        ):
            break
        run[i] = (_clean(head), len(head) + 1 + len(value) - len(value.lstrip()))
    while run and not _is_election_title(run[min(run)][0]):
        del run[min(run)]
    return run


def _stop_title(text: str) -> bool:
    """'Behandling af indkomne forslag.': a title ending in a stop, not a sentence (no subject
    opening it, no clause after a comma, a capital first)."""
    words = text.split()
    return (
        _heading_like(text.rstrip("."))
        and text[:1].isupper()
        and not _opens_with_subject(text)
        and not ("," in text and len(words) > 6)
    )


def _not_a_title(text: str) -> bool:
    """A styled line that is no item: a person's name or a signature lead ('Referat ved:'),
    a contact line ('Tlf. 23 45 67 89'), a dateline ('Onsdag den 19. maj 2021 kl. 19 i hallen')."""
    from pipeline.extract.people import looks_like_name

    t = _clean(text)
    core = t.rstrip(":. ")
    words = core.split()
    if not words:
        return True
    if looks_like_name(core, strict=True):
        return True
    if sum(ch.isdigit() for ch in t) > sum(ch.isalpha() for ch in t):
        return True
    if t.endswith(":") and words[-1].casefold() in lexicon().item_owner_fields and len(words) <= RUN_IN_MAX_WORDS:
        return True  # "Referat ved:" leads the name under it
    d = date_lexicon()
    has_year = bool(re.search(r"\b(?:19|20)\d\d\b", t))
    return words[0].casefold().rstrip(".,") in d.weekdays and has_year


def _drop_meeting_title(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> None:
    """Headings before the first item that name the meeting ('Generalforsamling 2021') are the header."""
    kinds = set(_document_words()) | set(lexicon().meeting_words)
    for i in sorted(heads):
        words = {w.casefold().strip(".,:") for w in _clean(blocks[i].text).split()}
        if not heads[i][1] or not words & kinds or len(words) > MAX_TITLE_LINE_WORDS:
            return
        del heads[i]


def _outline(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> dict[int, tuple[str, bool]]:
    """Under a report item ("Aflæggelse af beretninger"), a report given by someone ("Håndbold
    ved X") and the headings inside it ("Tak til") are its text. An appendix heading ("Bilag", "Bilag A") no deeper
    than the items ends the agenda: what follows is one section that is no agenda item."""
    out: dict[int, tuple[str, bool]] = {}
    report_level: int | None = None  # the level of a report item
    report_at: int | None = None  # the level of the report being read under it ("Fodbold ved X")
    item_level: int | None = None
    closed = False  # the closing item ("Eventuelt") has been seen
    styled = {i for i, b in enumerate(blocks) if b.kind == BlockKind.heading}
    for i in sorted(set(heads) | styled):
        b = blocks[i]
        text, agenda = heads.get(i, (_clean(b.text), False))
        if i not in heads:  # a sentence styled as a heading: only a report's presenter counts
            if report_level is not None and b.level > report_level and _names_presenter(text):
                report_at = b.level
            continue
        if item_level is not None and _is_appendix_heading(text) and b.level <= item_level:
            out[i] = (text, False)
            return out
        if closed and agenda and _is_report_title(text):  # "Årsberetning ..." after "Eventuelt": appended reports
            out[i] = (text, False)
            return out
        if report_level is not None and b.level > report_level:
            if _names_presenter(text):
                report_at = b.level
                continue
            if report_at is not None and b.level > report_at:
                continue
        elif report_level is not None:
            report_level = None
        out[i] = (text, agenda)
        if agenda and b.level:
            item_level = b.level if item_level is None else min(item_level, b.level)
            if _is_report_title(text):
                report_level, report_at = b.level, None
            closed = closed or _is_closing_title(text)
    return out


def _names_presenter(text: str) -> bool:
    """'Fodbold ved Mona Holm.': a report given by someone ('ved', 'v.' of the item owner fields)."""
    words = text.split()
    marks = set(lexicon().item_owner_fields)
    return any(w.casefold() in marks and len(w) <= 3 and nxt[:1].isupper() for w, nxt in zip(words, words[1:]))


def _is_report_title(text: str) -> bool:
    """'Aflæggelse af beretninger', 'Formandens beretning': an item of reports."""
    words = [w.strip(".,:;()").casefold() for w in text.split()]
    return any(w.startswith(r) for w in words for r in lexicon().report_item_titles)


def _is_closing_title(text: str) -> bool:
    """'Eventuelt', 'Evt.': the item that closes an agenda."""
    words = _label_key(text).split()
    return bool(words) and words[0].rstrip(".") in lexicon().closing_item_titles


def _is_appendix_heading(text: str) -> bool:
    """'Bilag', 'Bilag A', 'Bilag 1: Budget', 'Appendiks'."""
    words = _label_key(text).split(":")[0].split()
    return (
        bool(words)
        and words[0] in lexicon().appendix_headings
        and (len(words) == 1 or len(words) == 2 and len(words[1]) <= 2)
    )


def _names_meeting(text: str) -> bool:
    """'Vejledermøde:', 'Møde:': the kind of meeting an entry records, not a topic."""
    words = text.casefold().split()
    return bool(words) and any(words[-1].endswith(w) for w in lexicon().meeting_words if len(w) >= 4)


def _is_bullet(b: Block) -> bool:
    return b.kind == BlockKind.list_item or b.kind == BlockKind.paragraph and bool(_BULLET.match(b.text))


def _entry_has_agenda(blocks: list[Block], i: int, heads: dict[int, tuple[str, bool]]) -> bool:
    """A dated entry with its own 'Dagsorden': its entries are the items, its sub-headings fields."""
    for j in range(i + 1, len(blocks)):
        if j in heads and not heads[j][1]:
            return False
        if blocks[j].kind != BlockKind.list_item and _is_agenda_label(_clean(blocks[j].text)) is not None:
            return True
    return False


def _find_title(blocks: list[Block]) -> Block | None:
    """The title block, a block naming the kind of document, or the first short line."""
    for b in blocks[:TITLE_SEARCH_BLOCKS]:
        if b.kind == BlockKind.title:
            return b
    words = tuple(lexicon().title_kind) + tuple(lexicon().meeting_words)
    for b in blocks[:TITLE_KIND_SEARCH_BLOCKS]:
        low = b.text.casefold()
        if len(b.text.split()) <= MAX_TITLE_LINE_WORDS and any(w in low for w in words) and not match_item_heading(b):
            return b
    for b in blocks[:TITLE_FIRST_LINES]:
        if (
            len(b.text.split()) <= MAX_TITLE_LINE_WORDS
            and not _is_dateline(b.text)
            and b.kind != BlockKind.table_row
            and not match_item_heading(b)
        ):
            return b
    return None


def _is_dateline(text: str) -> bool:
    words = text.lower().replace(".", " ").split()
    return any(w in _months() for w in words[:3]) and len(words) <= DATELINE_MAX_WORDS


def is_calendar_title(title: str) -> bool:
    t = title.lower()
    return any(re.search(rf"\b{re.escape(c)}\b", t) for c in lexicon().calendar_titles)
