"""Field rows and item rows: two-cell table rows that are lines of the minutes.

Municipal portals and Word templates lay out a case's fields as a table of two
columns ("Beslutning | Dagsordenen blev godkendt.", "Sagsansvarlig | Hanne Brix",
"Fraværende: | Birgitte Holm"). Such a row says what the line "Beslutning:
Dagsordenen blev godkendt." says, so it is read as that paragraph, whatever the
reader (HTML, .docx, .odt, PDF). The labels are the lexicon's field labels (participants,
item owners, meeting fields, decision/action/case-text labels); other rows stay rows.

Club and association pages lay out their minutes as a table of two columns,
the numbered item in the left cell and what was said and decided in the right
("1. Godkendelse af dagsorden | Godkendt."). Such a row is the item's heading
line followed by its text, so it is read as those two paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon import lexicon
from pipeline.types import BlockKind, RawBlock

# The lexicon lists whose entries, as a row's first cell, make the row a field line.
FIELD_LABEL_LISTS = (
    "participants_present",
    "participants_absent",
    "participants_guest",
    "participants_members",
    "item_owner_fields",
    "date_fields",
    "place_fields",
    "decision_labels",
    "action_labels",
    "action_owner_labels",
    "action_due_labels",
    "not_decision_labels",
)


# A cell of a layout table's row that is text, not a field of the row: a sentence,
# a long cell, or a cell with its own label ("Dato: 3/4-17").
SENTENCE_ENDS = (".", "!", "?")
MAX_ROW_CELL_WORDS = 12
NUMBERED_TITLE = re.compile(
    r"^\s*(?:(?:ad|pkt\.?|punkt)\s*[0-9]{1,2}[a-z]?[.):]?|\(?[0-9]{1,2}[a-z]?[.):])\s+\S", re.I
)  # "1. Godkendelse", "Pkt. 4 Baner"
OWN_LABEL = re.compile(r"^[^\W\d][\w /.()-]{0,40}?:\s+\S")


def is_text_cell(text: str) -> bool:
    """'Godkendt.', 'Rikke melder tilbage om rekrutteringen', 'Dato: 3/4-17': a layout
    row's cell read as its own paragraph; short bare cells ('4', 'Sponsorater', 'MB')
    stay together as the row."""
    text = text.strip()
    return text.endswith(SENTENCE_ENDS) or len(text.split()) > MAX_ROW_CELL_WORDS or bool(OWN_LABEL.match(text))


@cache
def field_labels() -> frozenset[str]:
    lx = lexicon()
    return frozenset(label for name in FIELD_LABEL_LISTS for label in getattr(lx, name))


@cache
def participant_labels() -> frozenset[str]:
    """The participant labels ("til stede", "afbud", "deltagere", "fraværende")."""
    lx = lexicon()
    return frozenset(w.casefold() for w in (*lx.participants_present, *lx.participants_absent, *lx.participants_guest))


def label_key(cell: str) -> str:
    return " ".join(cell.casefold().strip(" :*_").split())


def field_rows(blocks: list[RawBlock]) -> list[RawBlock]:
    """Each 'label | value' table row as the paragraph 'label: value', each
    'numbered item | its text' row as the item's line and its text, and the rows of
    minutes written as one table as their items' lines."""
    labels = field_labels()
    out: list[RawBlock] = []
    table: MinutesColumns | None = None
    for k, b in enumerate(blocks):
        if b.kind == BlockKind.table_row and b.cells:
            head = minutes_columns(b.cells)
            if head is not None and _rows_fill(blocks, k, head):
                table = head
                continue
            if table is not None:
                out += minutes_row(b, table)
                continue
        table = None
        cells = [c.strip() for c in b.cells or [] if c.strip()]
        if (
            b.kind == BlockKind.table_row
            and len(cells) == 2
            and label_key(cells[0]) in labels
            and not _heads_a_data_table(blocks, k, labels)
        ):
            label, value = cells
            text = f"{label} {value}" if label.endswith(":") else f"{label}: {value}"
            b = b.model_copy(update={"kind": BlockKind.paragraph, "text": text, "cells": None})
        elif b.kind == BlockKind.table_row and len(cells) == 2 and is_item_row(*cells):
            for cell in cells:
                out.append(b.model_copy(update={"kind": BlockKind.paragraph, "text": cell, "cells": None}))
            continue
        out.append(b)
    return out


@dataclass(frozen=True)
class MinutesColumns:
    """The columns of minutes written as one table: 'Punkt | Drøftelse | Beslutning |
    Ansvarlig | Frist' (their header texts by index)."""

    item: int
    title: int | None  # "Nr. | Emne | ...": a title column beside a number column
    text: list[int]
    labelled: list[int]  # decision, owner and due columns: their cells read "Header: value"
    heads: list[str]


def minutes_columns(cells: list[str]) -> MinutesColumns | None:
    """The header row of minutes written as a table: an item column and a column of what was
    said or decided (an action table, 'Opgave | Ansvarlig | Frist', has neither)."""
    lx = lexicon()
    keys = [label_key(c) for c in cells]
    items = [i for i, k in enumerate(keys) if k in lx.minutes_table_item_columns]
    text = [i for i, k in enumerate(keys) if k in lx.minutes_table_text_columns]
    decision = [i for i, k in enumerate(keys) if k in lx.decision_labels]
    if not items or items[0] > 1 or not (text or decision):
        return None
    owner_due = [i for i, k in enumerate(keys) if k in (*lx.action_owner_labels, *lx.action_due_labels)]
    title = items[1] if len(items) > 1 and items[1] == items[0] + 1 else None
    return MinutesColumns(
        item=items[0],
        title=title,
        text=text,
        labelled=sorted(decision + owner_due),
        heads=[c.strip(" :") for c in cells],
    )


def _rows_fill(blocks: list[RawBlock], k: int, cols: MinutesColumns) -> bool:
    """The rows under the header fill its text or decision columns (an agenda table 'Punkt |
    Emne | Ansvarlig | Beslutning' whose decisions are written between its rows does not)."""
    said = [*cols.text, *(i for i in cols.labelled if label_key(cols.heads[i]) in lexicon().decision_labels)]
    for b in blocks[k + 1 :]:
        if b.kind != BlockKind.table_row or not b.cells:
            return False
        if any(i < len(b.cells) and b.cells[i].strip() for i in said):
            return True
    return False


def minutes_row(b: RawBlock, cols: MinutesColumns) -> list[RawBlock]:
    """A row of minutes written as a table: the item's line (number and title), what was said,
    then "Beslutning: ...", "Ansvarlig: ...", "Frist: ..." as the minutes' field lines."""
    cells = [c.strip() for c in b.cells or []]

    def cell(i: int | None) -> str:
        return cells[i] if i is not None and i < len(cells) else ""

    title = " ".join(t for t in (cell(cols.item), cell(cols.title)) if t)
    if cols.title is not None and cell(cols.item).rstrip(".").isdigit():
        title = f"{cell(cols.item).rstrip('.')}. {cell(cols.title)}"
    lines = [(BlockKind.heading, title)] if title else []
    lines += [(BlockKind.paragraph, cell(i)) for i in cols.text if cell(i)]
    lines += [(BlockKind.paragraph, f"{cols.heads[i]}: {cell(i)}") for i in cols.labelled if cell(i)]
    return [
        b.model_copy(update={"kind": kind, "text": text, "cells": None, "level": 2 if kind == BlockKind.heading else 0})
        for kind, text in lines
    ]


def _heads_a_data_table(blocks: list[RawBlock], k: int, labels: frozenset[str]) -> bool:
    """'Dato | Møde' over '3/4 | Bestyrelsesmøde': the header row of a data table, whose
    next row is a row of the same width that does not start with a label."""
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    if nxt is None or nxt.kind != BlockKind.table_row or not nxt.cells:
        return False
    cells = [c for c in nxt.cells if c.strip()]
    return len(cells) == 2 and label_key(cells[0]) not in labels


def is_item_row(left: str, right: str) -> bool:
    """'1. Godkendelse af dagsorden | Godkendt.': a numbered title beside its text."""
    return bool(NUMBERED_TITLE.match(left)) and len(left.split()) <= MAX_ROW_CELL_WORDS and is_text_cell(right)
