"""The lexicon words the segmenter reacts to, as cached sets, and label keys.

Data flow: read by every other module of the package. Field labels ("Til stede:",
"Beslutning:") are never item headings; document words ("Referat", "Dagsorden") name
the document; `is_agenda_label` finds "Dagsorden:" lines that lead an agenda.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.dates import lexicon as date_lexicon
from pipeline.lexicon import lexicon

_MARKUP = re.compile(r"^[#>*_\s]+|[*_\s]+$")


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    d = date_lexicon()
    return frozenset(d.months) | frozenset(d.month_abbreviations)


@lru_cache(maxsize=1)
def field_labels() -> frozenset[str]:
    """Field labels the extractors read ("Til stede:", "Beslutning:", "Referent:"):
    never a run-in item heading."""
    lx = lexicon()
    words = (
        lx.participants_present
        + lx.participants_absent
        + lx.participants_guest
        + list(lx.role_fields)
        + lx.role_words
        + lx.decision_labels
        + lx.action_labels
        + lx.action_owner_labels
        + lx.action_due_labels
        + lx.meta_fields
        + lx.date_fields
        + lx.place_fields
        + document_words()
        + lx.agenda_labels
        + lx.not_decision_labels
        + lx.item_owner_fields
    )
    return frozenset(w.casefold() for w in words)


@lru_cache(maxsize=1)
def heading_labels() -> frozenset[str]:
    """Labels that head a field even when styled as a heading ("## Dagsorden", "#### Referat")."""
    lx = lexicon()
    words = (
        lx.participants_present
        + lx.participants_absent
        + lx.participants_guest
        + lx.decision_labels
        + document_words()
        + lx.agenda_labels
        + lx.date_fields
        + lx.place_fields
    )
    return frozenset(w.casefold() for w in words)


def document_words() -> list[str]:
    """'Referat', 'Dagsorden': words naming minutes or an agenda (not 'Beretning', an item)."""
    return [w for w, kind in lexicon().title_kind.items() if kind in ("minutes", "agenda")]


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).casefold().rstrip(" :.").split())


def is_agenda_label(text: str) -> str | None:
    """'Dagsorden:', 'med følgende dagsorden:', 'Emner: Budget' -> the text after the label ('' if none)."""
    head, sep, value = text.partition(":")
    key = label_key(head)
    if not key:
        return None
    for label in lexicon().agenda_labels:
        if key == label or (sep and not value.strip() and key.endswith(" " + label)):
            return value.strip()
    return None


def clean(text: str) -> str:
    return _MARKUP.sub("", text).strip()
