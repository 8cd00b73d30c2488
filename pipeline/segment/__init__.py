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

The modules, in the order the data meets them:

  patterns.py    the item-heading pattern table (ITEM_PATTERNS), `Hit`, shared line shapes and limits
  vocab.py       lexicon words as cached sets: field labels, document words, months, "Dagsorden:"
  titles.py      predicates on a title's text (plausible title, sentence, dateline, report item)
  headings.py    one block -> a heading `Hit`, its outcome cut off the line (`match_item_heading`)
  sections.py    building `ItemSection`s from hits, the cut outcome block
  numbered.py    the numbered reading (`Numbered`): sequence, sub-items, agenda tables
  agenda.py      an agenda list merged with the minutes; agenda tables; one-line agendas
  unnumbered.py  documents without numbered items and logbooks of dated entries
  heads.py       pruning an unnumbered document's heads: reports, appendices, elections
  subitems.py    sub-items found in an item's text, numbered lines under headings
  meta_lines.py  a portal's meta line ("Punkt 3 · Åbent punkt · Sag ...") over the title heading

`segment()` below is the driver: the numbered reading first; with too few items the
one-line agenda and the unnumbered readings; then sub-items in the items' text.
"""

from __future__ import annotations

from pipeline.lexicon import lexicon
from pipeline.segment.agenda import items_from_agenda_list
from pipeline.segment.headings import match_item_heading
from pipeline.segment.meta_lines import titles_below_meta_lines
from pipeline.segment.numbered import Numbered
from pipeline.segment.patterns import MAX_TITLE_LINE_WORDS, MIN_LOGBOOK_ENTRIES, MIN_NUMBERED_ITEMS, ItemPattern
from pipeline.segment.subitems import numbered_under_heading, sub_items_in_text
from pipeline.segment.titles import is_dateline
from pipeline.segment.unnumbered import items_from_unnumbered
from pipeline.types import Block, BlockKind, Segmented

__all__ = ["ItemPattern", "match_item_heading", "segment"]

TITLE_SEARCH_BLOCKS = 8
TITLE_KIND_SEARCH_BLOCKS = 5
TITLE_FIRST_LINES = 3


def segment(blocks: list[Block]) -> Segmented:
    """Split blocks into the header zone (before the first item) and items."""
    title = _find_title(blocks)
    reader = Numbered(title)
    for block in blocks:
        reader.feed(block)
    items, header = reader.finish()
    if len(items) < MIN_NUMBERED_ITEMS:  # one stray "Punkt 1" deep in an appendix is no agenda
        for other in (items_from_agenda_list, items_from_unnumbered):
            found, rest = other(blocks, title)
            if len(found) > len(items):
                items, header = found, rest
                break
    else:  # a logbook of dated entries with a numbered list in one entry: the entries win
        found, rest = items_from_unnumbered(blocks, title)
        numbered_at = {it.heading.index for it in items}  # "3.1 Fra skolelederen" is a sub-item, not a date
        entries = sum(not it.agenda and it.heading.index not in numbered_at for it in found)
        if entries >= MIN_LOGBOOK_ENTRIES and sum(it.agenda for it in found) > len(items):
            items, header = found, rest
        else:
            nested = numbered_under_heading(found, items)
            if nested:
                items, header = nested, rest
    return Segmented(header=header, items=sub_items_in_text(titles_below_meta_lines(items)), title=title)


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
            and not is_dateline(b.text)
            and b.kind != BlockKind.table_row
            and not match_item_heading(b)
        ):
            return b
    return None
