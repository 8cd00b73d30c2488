"""Action tables: a header row naming the task, owner and deadline columns
("Opgave | Ansvarlig | Frist"), then one action per row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.dates import find_dates
from pipeline.extract.names import owner_split_re, split_names
from pipeline.extract.roster import Roster
from pipeline.lexicon import lexicon
from pipeline.types import Action, Block, BlockKind, Provenance


@dataclass
class Columns:
    task: int
    owner: int | None
    due: int | None
    item: int | None = None  # "Pkt. | Hvad | Hvem | Hvornår": the agenda item each task comes from


def header_columns(cells: list[str]) -> Columns | None:
    lx = lexicon()
    keys = [" ".join(c.casefold().strip(" :").split()) for c in cells]

    def find(labels: list[str]) -> int | None:
        return next((i for i, k in enumerate(keys) if k in labels), None)

    owner, due, task = find(lx.action_owner_labels), find(lx.action_due_labels), find(lx.action_task_labels)
    if owner is None:  # "Hvad | Hvornår | Crew" under "Tidsplan:": a schedule, no one's tasks
        return None
    item = find(lx.minutes_table_item_columns)
    if item == task:
        item = None
    if task is None:  # the widest remaining column holds the task
        rest = [i for i in range(len(cells)) if i not in (owner, due, item)]
        if not rest:
            return None
        task = rest[0]
    return Columns(task=task, owner=owner, due=due, item=item)


def table_actions(item: str | None, blocks: Sequence[Block], roster: Roster, doc_id: str, ref: date) -> list[Action]:
    out: list[Action] = []
    cols: Columns | None = None
    for b in blocks:
        if b.kind != BlockKind.table_row or not b.cells:
            cols = None
            continue
        head = header_columns(b.cells)
        if head:
            cols = head
            continue
        if cols is None or cols.task >= len(b.cells) or not b.cells[cols.task].strip():
            continue
        out.append(_row_action(item, b, cols, roster, doc_id, ref))
    return out


_ITEM_NUMBER = re.compile(r"^\d{1,2}(?:[a-z]|\.\d{1,2})?$")  # "3", "4a", "5.2" in a task table's item column


def _cell(b: Block, i: int | None) -> str:
    cells = b.cells or []
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _row_action(item, b: Block, cols: Columns, roster: Roster, doc_id: str, ref: date) -> Action:
    task = _cell(b, cols.task)
    owner_text = _cell(b, cols.owner)
    owners = _cell_owners(owner_text, roster)
    dues = find_dates(_cell(b, cols.due), ref) if cols.due is not None else []
    start = b.start + b.text.find(task) if task in b.text else b.start
    number = _cell(b, cols.item).rstrip(".")
    return Action(
        item=number if _ITEM_NUMBER.match(number) else item,
        text=task,
        owners=owners,
        due=dues[0].range if dues else None,
        provenance=Provenance.at(b, start, start + len(task), "action.table", doc_id=doc_id),
    )


def _cell_owners(text: str, roster: Roster) -> list[str]:
    """'JT og MA' -> the listed people those initials (or first names) point to; a name the
    roster lacks as written ('Ekstern rådgiver' stays as it is)."""
    if not text:
        return []
    parts = [p for p in owner_split_re().split(text) if p.strip()]
    resolved = [roster.resolve(p.strip()) for p in parts]
    if parts and all(resolved):
        return [r for r in resolved if r]
    return [roster.resolve(n.name) or n.name for n in split_names(text)] or [text]
