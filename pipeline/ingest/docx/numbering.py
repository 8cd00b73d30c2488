"""Automatic numbers from numbering.xml ("3.", "b)", "iv."), counted in document
order, and the numbering a paragraph has (its own, else its style's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional

from pipeline.ingest.docx.ooxml import W, _int, _val
from pipeline.ingest.docx.styles import StyleInfo

NUMBER_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "ordinal": str,
    "lowerLetter": lambda n: _letters(n),
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}
MAX_LEVELS = 9


@dataclass(frozen=True)
class Level:
    fmt: str  # numFmt: decimal, lowerLetter, bullet ...
    text: str  # lvlText, e.g. "%1." or "%1.%2"
    start: int = 1


class Numbering:
    """Automatic numbers of list paragraphs, counted in document order.

    Counters belong to the abstract numbering a w:num points to (so lists that
    share it continue), or to the w:num itself when it restarts a level."""

    def __init__(self, root) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, list[Optional[int]]] = {}
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for abstract in root.iterchildren(f"{W}abstractNum"):
            self.abstracts[abstract.get(f"{W}abstractNumId")] = {
                _int(lvl.get(f"{W}ilvl")): Level(
                    _val(lvl.find(f"{W}numFmt")) or "decimal",
                    _val(lvl.find(f"{W}lvlText")) or "",
                    _int(_val(lvl.find(f"{W}start")), 1),
                )
                for lvl in abstract.iterchildren(f"{W}lvl")
            }
        for num in root.iterchildren(f"{W}num"):
            overrides = {
                _int(o.get(f"{W}ilvl")): _int(_val(o.find(f"{W}startOverride")), 1)
                for o in num.iterchildren(f"{W}lvlOverride")
                if o.find(f"{W}startOverride") is not None
            }
            self.nums[num.get(f"{W}numId")] = (_val(num.find(f"{W}abstractNumId")) or "", overrides)

    def label(self, num_id: str, ilvl: int) -> Optional[str]:
        """Advance the counter of (num_id, ilvl) and return the number text ("3.", "b)"),
        or None for bullets and unknown numberings."""
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        levels = self.abstracts.get(abstract_id, {})
        if ilvl not in levels or levels[ilvl].fmt not in NUMBER_FORMATS:
            return None
        key = f"num:{num_id}" if overrides else f"abstract:{abstract_id}"
        counts = self.counters.setdefault(key, [None] * MAX_LEVELS)
        start = overrides.get(ilvl, levels[ilvl].start)
        current = counts[ilvl]
        counts[ilvl] = start if current is None else current + 1
        counts[ilvl + 1 :] = [None] * (MAX_LEVELS - ilvl - 1)
        return self._format(levels, counts, overrides) or None

    @staticmethod
    def _format(levels: dict[int, Level], counts: list[Optional[int]], overrides: dict[int, int]) -> str:
        text = levels[max(i for i, c in enumerate(counts) if c is not None)].text
        for i in range(MAX_LEVELS):
            if f"%{i + 1}" in text:
                level = levels.get(i, Level("decimal", ""))
                count = counts[i]
                value = count if count is not None else overrides.get(i, level.start)
                text = text.replace(f"%{i + 1}", NUMBER_FORMATS.get(level.fmt, str)(value))
        return text.strip()


def _numbering_root(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):  # a document without numbering.xml
        return None


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _numbering_of(p, style: StyleInfo) -> tuple[Optional[str], int]:
    """(numId, ilvl) of a paragraph: its own numPr, else its style's; numId 0 means none."""
    num = p.find(f"{W}pPr/{W}numPr")
    num_id, ilvl = style.num_id, style.ilvl
    if num is not None:
        num_id = _val(num.find(f"{W}numId")) or num_id
        ilvl = _int(_val(num.find(f"{W}ilvl")), ilvl)
    return (None, 0) if num_id in (None, "0") else (num_id, min(max(ilvl, 0), MAX_LEVELS - 1))
