"""Participants tables and the short forms a document explains, for the finder
(participants.py): a table of names with a status column or ticks ("Navn | Mødt |
Ikke mødt"), columns of names under participant labels ("Til stede | Afbud"), and the
legends of initials and handles ("AB = Anna Bøgh", "PWI | Pia Winther", "@madsk")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from pipeline.extract.names import NameMention, _mostly_names, looks_like_name, split_names
from pipeline.extract.participant_labels import Roll, _cells, _cue_status
from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind

# a short form: initials ("PWI", "HNK") or a chat handle ("@madsk")
_SHORT = re.compile(r"@[\w.-]{2,20}|[A-ZÆØÅ]{2,4}")
# "AB = Anna Bøgh", "HNK: Henrik Nørskov" in a legend line
_LEGEND = re.compile(
    r"(?<![\w@])(?P<short>@[\w.-]{2,20}|[A-ZÆØÅ]{2,4})\s*(?:=|:)\s*"
    r"(?P<name>[A-ZÆØÅ][a-zæøå]+(?:[ -][A-ZÆØÅ][a-zæøå]+){1,3})"
)


def _abbreviates(short: str, name: str) -> bool:
    """'PWI' for 'Pia Winther', 'SIV' for 'Signe Vinther' (the name's first letter, then the
    others in order); '@madsk' for anyone; never 'SF' for 'Karen Holm' (a party's letters)."""
    if short.startswith("@"):
        return True
    parts = name.split()
    if len(parts) < 2 or len(short) < 2 or short[0].casefold() != parts[0][0].casefold():
        return False
    letters = iter("".join(parts).casefold())  # the short form's letters in order: "SIV" in "Signe Vinther"
    return all(ch in letters for ch in short[1:].casefold())


class ParticipantTables:
    """The finder's table rows and legends (a mixin of ParticipantFinder, which holds the state)."""

    aliases: dict[str, str]
    _add_mention: Callable[[Block, NameMention, int, Roll], None]
    _add_names: Callable[[Block, str, int, Roll], None]

    def _legends(self, blocks: list[Block]) -> None:
        """'Initialer: AB = Anna Bøgh (formand) · KL = Karsten Lund', '@madsk | Mads Holm Kjær':
        the short forms a document explains, for owners written with them."""
        for b in blocks:
            for m in _LEGEND.finditer(b.text):
                if looks_like_name(m.group("name"), strict=True) and _abbreviates(m.group("short"), m.group("name")):
                    self.aliases.setdefault(m.group("short"), m.group("name"))
            cells = [c.strip() for c in b.cells or []]
            if b.kind == BlockKind.table_row and len(cells) >= 2 and _SHORT.fullmatch(cells[0]):
                if looks_like_name(cells[1], strict=True) and _abbreviates(cells[0], cells[1]):
                    self.aliases.setdefault(cells[0], cells[1])

    @staticmethod
    def _names_row(cells: list[str], table: dict[str, int]) -> bool:
        """The row names a person in the table's name column: a row of it, whatever its other cells say."""
        at = table["name"]
        return at < len(cells) and looks_like_name(cells[at].strip())

    def _label_column_row(self, b: Block, text: str, columns: list[Roll | None]) -> bool:
        """A row under "Til stede | Afbud": each cell's names take the status of its column."""
        cells = [(cell, coff) for cell, coff in _cells(text) if cell.strip()]
        if not cells or not all(_mostly_names(cell) for cell, _ in cells):
            return False
        starts, at = [], 0
        for cell in b.cells or []:
            starts.append(text.find(cell, at) if cell else at)
            at = starts[-1] + len(cell)
        for i, cell in enumerate(b.cells or []):
            status = columns[i] if i < len(columns) else None
            if status and cell.strip():
                self._add_names(b, cell, max(starts[i], 0), status)
        return True

    def _table_row(self, b: Block, table: dict[str, int], default: Roll | None = None) -> bool:
        """A row of a participants table ("Karina Holm | formand | KH | Ja"); a table
        with no status column takes the status of the label above it (`default`)."""
        cells = b.cells or []
        if table["name"] >= len(cells):
            return False
        cells = cells + [""] * (max(table.values()) + 1 - len(cells))  # empty cells at the row's end
        name = cells[table["name"]].strip()
        if "status" in table:
            status = cast("Roll | None", _table_value(cells[table["status"]]))
        else:
            status = default
        if "absent_mark" in table and table["absent_mark"] < len(cells):
            # "Navn | Mødt | Ikke mødt": a tick in the column of the absent
            if _table_value(cells[table["absent_mark"]]) == "present":
                status = "absent"
            elif status is None and "status" in table and not cells[table["status"]].strip():
                return False
        if not status:
            return False
        start = b.text.find(name)
        if looks_like_name(name):
            self._add_mention(b, NameMention(name, start, start + len(name), None), 0, status)
            return True
        mentions = split_names(name, in_list=True)  # "Helle Munch (A), formand": the name and its notes
        if not mentions:
            return False
        self._add_mention(b, mentions[0], start, status)
        return True


def _label_columns(cells: list[str]) -> list[Roll | None] | None:
    """'Til stede | Afbud', 'DELTAGERE | FRAVÆRENDE': a row whose cells are participant labels
    alone (two or more) heads columns of names; the status of each column."""
    heads = [_cue_status(c.strip(" :")) if c.strip() else None for c in cells]
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or sum(h is not None for h in heads) != len(filled):
        return None
    return cast("list[Roll | None]", heads)


def _table_value(cell: str) -> str | None:
    """The status a participants table's cell gives ("Ja", "✓", ":x: afbud", ":heavy_check_mark:
    (Discord)"): the whole cell, else without its note in parentheses, else its first word."""
    values = lexicon().participant_table_values
    key = cell.strip(" .").casefold()
    bare = re.sub(r"\([^)]*\)", " ", key).strip(" .")
    first = bare.split()[0].strip(" .,;") if bare.split() else ""
    return values.get(key) or values.get(bare) or values.get(first)
