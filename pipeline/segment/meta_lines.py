"""Items whose numbered line is a meta line: "Punkt 3 · Åbent punkt · Sag 25/03318" (or
"Punkt 3" alone) over the title set as a heading of its own, the way municipal and
regional portals print their cases. The heading under it is the item's title; the meta
line stays the item's first block (its "Sagsansvarlig: X" names the owner).

Data flow: after the numbered reading (segment/__init__.py), before sub-items.
"""

from __future__ import annotations

import re

from pipeline.lexicon import lexicon
from pipeline.types import BlockKind, ItemSection

# what a meta line's title is: nothing, the item word and number again, or fields after a separator
_META_TITLE = re.compile(r"^\s*(?:[·•|]\s*.*)?$")
MAX_TITLE_WORDS = 16
MAX_FIELD_LINES = 3
_FIELD_LINE = re.compile(
    r"^[^:\s][^:]{1,30}:\s+\S"
)  # "Sagsansvarlig: Bo Thygesen"  # a title under a meta line is a short line, not prose


def _item_label(title: str) -> bool:
    """'Punkt 3', 'Pkt. 3': the item's word and number, no title."""
    words = title.casefold().split()
    return len(words) == 2 and words[0] in lexicon().minutes_table_item_columns and words[1].rstrip(".:").isdigit()


def titles_below_meta_lines(items: list[ItemSection]) -> list[ItemSection]:
    out = []
    for it in items:
        title = it.title.strip()
        bare = not title or _META_TITLE.match(title) or _item_label(title)
        rest = [b for b in it.blocks if b.index != it.heading.index]  # not the heading line's own pieces
        fields = 0  # "Sagsansvarlig: X" split off the meta line stands between it and the title
        while fields < len(rest) and fields < MAX_FIELD_LINES and _FIELD_LINE.match(rest[fields].text):
            fields += 1
        nxt = rest[fields] if fields < len(rest) else None
        if (
            bare
            and nxt is not None
            and nxt.kind in (BlockKind.heading, BlockKind.paragraph)
            and 0 < len(nxt.text.split()) <= MAX_TITLE_WORDS
            and (nxt.kind == BlockKind.heading or not nxt.text.rstrip().endswith((".", ":")))
        ):
            meta = it.heading.model_copy(update={"kind": BlockKind.heading})  # the item's line, no context
            blocks = [meta, *rest[:fields], *rest[fields + 1 :]]
            it = it.model_copy(update={"title": nxt.text.strip(), "heading": nxt, "blocks": blocks})
        out.append(it)
    return out
