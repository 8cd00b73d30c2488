"""The item-heading pattern table and the line shapes and limits several readers share.

Data flow: first stop of `segment()`. `headings.heading_hit` matches a block against
ITEM_PATTERNS and returns a `Hit`; every reader (numbered, agenda, unnumbered,
subitems) works with `Hit`s. A regex or limit used by one module only lives in that
module; one used by several lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemPattern:
    name: str
    regex: re.Pattern
    kind: str = "number"  # "number": a top item; "letter": a top item or a sub-item; "sub": "5.2", "6a"
    explicit: bool = False  # a word says it is an item ("Punkt 3", "Sag nr. 45", "Ad 2", "§ 4")


# Agenda item headings, most specific first. Test cases: tests/segment/test_segment.py and
# tests/segment/test_segment_layouts.py::test_pattern_table (one case per pattern at least).
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
    ItemPattern(  # "3.a Havevandring", "3 b Hække og ukrudt": the letter after a dot or a space, a title after
        "numbered_letter_spaced",
        re.compile(r"^(?P<num>\d{1,2})(?:\.|\s)(?P<sub>[a-h])\s+(?P<title>[A-ZÆØÅ][^\s.]*(?:\s.*)?)$"),
        kind="sub",
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


MIN_NUMBERED_ITEMS = 2  # fewer numbered items than this: try the unnumbered readings
MAX_TITLE_LINE_WORDS = 14
RUN_IN_MAX_WORDS = 6
MIN_LOGBOOK_ENTRIES = 2  # dated headings that make a document a logbook of entries
ENUMERATION_END = re.compile(r"(?:[;,]|[;,]\s+(?:og|eller|samt))\s*$")
SENTENCE_REST_MIN_WORDS = 5  # a second sentence on the heading line without an outcome word
BULLET = re.compile(r"^\s*[-•*–·▪◦]\s+")  # a list line a reader left as a paragraph


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
