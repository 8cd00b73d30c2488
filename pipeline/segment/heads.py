"""Pruning the candidate heads of an unnumbered document.

Data flow: `unnumbered.items_from_unnumbered` collects candidate heads (block index ->
(title, is an agenda item)); these functions drop the meeting's own title, keep reports
and their sub-headings as one item (`outline`), end the agenda at an appendix, keep post
labels under an election item as its text, and find items written with their outcome on
the line before the first run-in item.
"""

from __future__ import annotations

from pipeline.lexicon import lexicon
from pipeline.segment.patterns import MAX_TITLE_LINE_WORDS, RUN_IN_MAX_WORDS
from pipeline.segment.titles import is_report_title, starts_with_person
from pipeline.segment.vocab import clean, document_words, field_labels, label_key
from pipeline.types import Block, BlockKind

NAME_LOOKAHEAD_BLOCKS = 3  # lines after a post label searched for the name of the person elected
PRESENTER_MARK_MAX_CHARS = 3  # "ved", "v.": the short owner words that name who gives a report
APPENDIX_MARK_MAX_CHARS = 2
PERSON_LEAD_WORDS = 2  # "Årets træner Bo Lind": the words before the name of an award's winner  # "Bilag A", "Bilag 12": the appendix's letter or number


def _is_election_title(text: str) -> bool:
    low = text.casefold()
    return any(low.startswith(e + " ") or low == e for e in lexicon().election_labels)


def _names_a_person(blocks: list[Block], i: int, ahead: int = NAME_LOOKAHEAD_BLOCKS) -> bool:
    """A capitalised first name in the few lines after block i ('Genvalgt for 2 år Ole Lund')."""
    for b in blocks[i + 1 : i + 1 + ahead]:
        if any(w[:1].isupper() and starts_with_person(w) for w in b.text.split()):
            return True
    return False


def drop_post_labels(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> None:
    """Under a run-in election item ('Valg af bestyrelse:'), one-word labels of posts
    followed by names ('Bestyrelsesmedlemmer:' / 'Genvalgt ... Ole Lund') are its text."""
    election = False
    for i in sorted(heads):
        text = heads[i][0]
        if _is_election_title(text) or is_closing_title(text):
            election = _is_election_title(text)
            continue
        if election and len(text.split()) == 1 and _names_a_person(blocks, i):
            del heads[i]
        else:
            election = False


def valued_items_before(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> dict[int, tuple[str, int]]:
    """'Valg af dirigent: Ole Lund' / 'Stemmetællere: X og Y' right before the first run-in
    item ('Formandens beretning:'): items written with their outcome on the line. The run
    must open with an election item; labels the extractors read are not items."""
    if not heads:
        return {}
    run: dict[int, tuple[str, int]] = {}
    for i in range(min(heads) - 1, -1, -1):
        b = blocks[i]
        head, sep, value = b.text.partition(":")
        words = clean(head).split()
        if (
            b.kind != BlockKind.paragraph
            or not sep
            or not value.strip()
            or not words
            or len(words) > RUN_IN_MAX_WORDS
            or not words[0][:1].isupper()
            or label_key(head) in field_labels()
        ):
            break
        run[i] = (clean(head), len(head) + 1 + len(value) - len(value.lstrip()))
    while run and not _is_election_title(run[min(run)][0]):
        del run[min(run)]
    return run


def drop_meeting_title(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> None:
    """Headings before the first item that name the meeting ('Generalforsamling 2021') are the header."""
    kinds = set(document_words()) | set(lexicon().meeting_words)
    for i in sorted(heads):
        words = {w.casefold().strip(".,:") for w in clean(blocks[i].text).split()}
        if not heads[i][1] or not words & kinds or len(words) > MAX_TITLE_LINE_WORDS:
            return
        del heads[i]


def outline(blocks: list[Block], heads: dict[int, tuple[str, bool]]) -> dict[int, tuple[str, bool]]:
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
        text, agenda = heads.get(i, (clean(b.text), False))
        if i not in heads:  # a sentence styled as a heading: only a report's presenter counts
            if report_level is not None and b.level > report_level and _names_presenter(text):
                report_at = b.level
            continue
        if item_level is not None and _is_appendix_heading(text) and b.level <= item_level:
            out[i] = (text, False)
            return out
        if closed and agenda and is_report_title(text):  # "Årsberetning ..." after "Eventuelt": appended reports
            out[i] = (text, False)
            return out
        if closed and agenda and b.kind == BlockKind.heading and _names_winner(text):
            continue  # "Ida Holm (Tennis) - Vinder" under the awards after "Eventuelt": text
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
            if is_report_title(text):
                report_level, report_at = b.level, None
        closed = closed or agenda and is_closing_title(text)  # also a run-in "Eventuelt: Intet"
    return out


def _names_winner(text: str) -> bool:
    """'Ida Marie Holm (Tennis) - Vinder', 'Årets træner Bo Lind': a person's full name among
    the first words of a heading."""
    words = text.split()
    return any(
        starts_with_person(" ".join(words[k:])) and k + 1 < len(words) and words[k + 1][:1].isupper()
        for k in range(min(len(words), PERSON_LEAD_WORDS + 1))
    )


def _names_presenter(text: str) -> bool:
    """'Fodbold ved Mona Holm.': a report given by someone ('ved', 'v.' of the item owner fields)."""
    words = text.split()
    marks = set(lexicon().item_owner_fields)
    return any(
        w.casefold() in marks and len(w) <= PRESENTER_MARK_MAX_CHARS and nxt[:1].isupper()
        for w, nxt in zip(words, words[1:])
    )


def is_closing_title(text: str) -> bool:
    """'Eventuelt', 'Evt.': the item that closes an agenda."""
    words = label_key(text).split()
    return bool(words) and words[0].rstrip(".") in lexicon().closing_item_titles


def _is_appendix_heading(text: str) -> bool:
    """'Bilag', 'Bilag A', 'Bilag 1: Budget', 'Appendiks'."""
    words = label_key(text).split(":")[0].split()
    return (
        bool(words)
        and words[0] in lexicon().appendix_headings
        and (len(words) == 1 or len(words) == 2 and len(words[1]) <= APPENDIX_MARK_MAX_CHARS)
    )
