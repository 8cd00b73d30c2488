"""Small builders of `ItemSection`s shared by the readers.

Data flow: the readers (numbered, agenda, unnumbered, subitems) build their items
with `section` (a heading, its outcome cut into the first body block by `sub_block`)
and find that cut block again with `rest_block`; `ordinal` turns "3" / "C" into 3.
"""

from __future__ import annotations

from pipeline.segment.patterns import Hit
from pipeline.segment.titles import is_calendar_title
from pipeline.types import Block, ItemSection


def ordinal(num: str) -> int:
    return int(num) if num.isdigit() else ord(num.upper()) - ord("A") + 1


def sub_block(block: Block, offset: int, text: str) -> Block:
    return block.model_copy(
        update={"text": text, "start": block.start + offset, "end": block.start + offset + len(text), "cells": None}
    )


def section(number: str, title: str, heading: Block, hit: Hit | None = None, agenda: bool = True) -> ItemSection:
    """An item: its heading cut to the title when an outcome follows it on the line."""
    sec = ItemSection(number=number, title=title, heading=heading, calendar=is_calendar_title(title), agenda=agenda)
    if hit is not None and hit.rest:
        at = heading.text.find(hit.rest, hit.rest_start - 1 if hit.rest_start else 0)
        if at >= 0:
            sec.blocks.append(sub_block(heading, at, hit.rest))
    return sec


def rest_block(it: ItemSection) -> Block | None:
    """The outcome cut from the heading line, when there is one."""
    if it.blocks and it.blocks[0].index == it.heading.index and it.blocks[0].start > it.heading.start:
        return it.blocks[0]
    return None
