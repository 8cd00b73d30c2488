"""Predicates on a candidate title's text: is it a plausible item title, a sentence, a
name, a dateline, a report or calendar item?

Data flow: no reading of its own; `headings` asks `plausible_title` before accepting a
match, and the unnumbered, heads and subitems readers ask the others.
"""

from __future__ import annotations

import re

from pipeline.dates import lexicon as date_lexicon
from pipeline.lexicon import is_first_name, lexicon
from pipeline.segment.patterns import ENUMERATION_END, RUN_IN_MAX_WORDS
from pipeline.segment.vocab import clean, month_words
from pipeline.types import Block, BlockKind

MAX_TITLE_WORDS = 16
MAX_SENTENCE_TITLE_WORDS = 10  # a title ending in "." longer than this reads as a sentence
MAX_SHORT_SENTENCE_WORDS = 4  # a heading ending in "." longer than this is a sentence
MAX_COMMA_TITLE_WORDS = 6  # a title with a comma and more words than this reads as a clause
DATELINE_MONTH_WORDS = 3  # a dateline names its month among its first words
DATELINE_MAX_WORDS = 5
_SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{3})\.\s+(?=[A-ZÆØÅ][a-zæøå])")  # not after "v." or "pkt."


def starts_with_person(text: str) -> bool:
    """'Karin ønsker genvalg.', 'Ole Lund, Engvej 4': the text opens with a person's first name."""
    words = text.split()
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].strip(".,:;")
    return is_first_name(first) and first.casefold() not in lexicon().not_first_names


def has_outcome(text: str) -> bool:
    words = {w.casefold().strip(".,;:!") for w in text.split()}
    return bool(words & set(lexicon().inline_outcome_words))


def plausible_title(title: str, block: Block, lenient: bool = False) -> bool:
    words = title.split()
    if not words:
        return False
    if words[0].casefold().rstrip(".") in month_words():  # "17. september 2020" is a date line
        return False
    if ENUMERATION_END.search(title):  # "(a) Ida Brun;" "C. Bo Vibe; og": a list of names
        return False
    if block.kind == BlockKind.heading or lenient:
        return len(words) <= 2 * MAX_TITLE_WORDS and block.kind != BlockKind.table_row
    if len(words) > MAX_TITLE_WORDS:
        return False
    sentence_like = title.endswith((".", "?", "!")) and (
        len(words) > MAX_SENTENCE_TITLE_WORDS or ("," in title and len(words) > MAX_COMMA_TITLE_WORDS)
    )
    return not sentence_like and block.kind != BlockKind.table_row


def reads_as_sentence(title: str) -> bool:
    """'Der søges stadig midler', 'Bestyrelsen har været i dialog ...': a numbered line of text."""
    if _opens_with_subject(title) or has_outcome(title) and title.endswith("."):
        return True
    return title.endswith(".") and len(title.split()) > MAX_SHORT_SENTENCE_WORDS


def _opens_with_subject(text: str) -> bool:
    """'Der søges ...', 'Vi har ...', 'Udvalget fortsætter ...': a sentence, not a title."""
    words = text.split()
    lx = lexicon()
    subjects = set(lx.not_first_names) | set(lx.collective_subjects) | set(lx.owner_bodies) | set(lx.non_owner_subjects)
    return not words or words[0].casefold() in subjects


def heading_like(text: str) -> bool:
    """A heading style on a sentence (some PDF text layers) is body text, not an item."""
    words = text.split()
    if len(words) > MAX_TITLE_WORDS or _SENTENCE_BREAK.search(text):
        return False
    return not (text.endswith((".", "!", "?")) and (len(words) > MAX_SHORT_SENTENCE_WORDS or has_outcome(text)))


def stop_title(text: str) -> bool:
    """'Behandling af indkomne forslag.': a title ending in a stop, not a sentence (no subject
    opening it, no clause after a comma, a capital first)."""
    words = text.split()
    return (
        heading_like(text.rstrip("."))
        and text[:1].isupper()
        and not _opens_with_subject(text)
        and not ("," in text and len(words) > MAX_COMMA_TITLE_WORDS)
    )


def not_a_title(text: str) -> bool:
    """A styled line that is no item: a person's name or a signature lead ('Referat ved:'),
    a contact line ('Tlf. 23 45 67 89'), a dateline ('Onsdag den 19. maj 2021 kl. 19 i hallen')."""
    from pipeline.extract.people import looks_like_name

    t = clean(text)
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


def is_report_title(text: str) -> bool:
    """'Aflæggelse af beretninger', 'Formandens beretning': an item of reports."""
    words = [w.strip(".,:;()").casefold() for w in text.split()]
    return any(w.startswith(r) for w in words for r in lexicon().report_item_titles)


def is_dateline(text: str) -> bool:
    words = text.lower().replace(".", " ").split()
    return any(w in month_words() for w in words[:DATELINE_MONTH_WORDS]) and len(words) <= DATELINE_MAX_WORDS


def is_calendar_title(title: str) -> bool:
    t = title.lower()
    return any(re.search(rf"\b{re.escape(c)}\b", t) for c in lexicon().calendar_titles)
