"""Sentence predicates the statement rules share: the cues of a sentence, and
whether it is vetoed, a question, a recommendation point or a report of an outcome."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Span

from pipeline.extract.zones import Zone
from pipeline.nlp.components import CueLabel

# List markers before a sentence: "1)", "a.", "(ii)", "2." -- numbering, not words.
ENUMERATOR = re.compile(r"^\s*(?:\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivx]{1,4}\))\s+")


def cues_in(sent: Span) -> list[Span]:
    spans = [c for c in sent.doc.spans.get("cues", []) if c.start >= sent.start and c.end <= sent.end]
    blocked = [c for c in spans if c.label_ == CueLabel.NOT_DECISION]
    return [
        c
        for c in spans
        if c.label_ not in (CueLabel.NOT_DECISION, CueLabel.VETO)
        and not any(b.start <= c.start < b.end or c.start <= b.start < c.end for b in blocked)
    ]


def in_case_text(zone: Zone) -> bool:
    """Inside a case presentation opened by a heading ('Fremstilling', 'Sagsbeskrivelse'),
    whatever paragraph labels ('Baggrund') stand in it."""
    z: Zone | None = zone
    while z is not None:
        if z.kind == "no_decision" and z.level:
            return True
        z = z.parent
    return False


def vetoed(sent: Span) -> bool:
    """A recommendation ('Det indstilles, at ...'), a condition ('Hvis ...'), a decision
    still to be made ('Byrådet skal beslutte, om ...') or the history of one ('tidligere
    godkendt'): the sentence records no outcome of this meeting."""
    return any(
        c.label_ == CueLabel.VETO and c.start >= sent.start and c.end <= sent.end
        for c in sent.doc.spans.get("cues", [])
    )


def is_question(sent: Span) -> bool:
    toks = [t for t in sent if not t.is_space]
    return bool(toks) and toks[-1].text == "?"


def recommendation_point(sent: Span) -> bool:
    """'1) at den nye model godkendes og': a point of a recommendation, not its outcome."""
    text = ENUMERATOR.sub("", sent.text.lstrip(), count=1)
    return text[:3].casefold() == "at "


def strip_number(text: str) -> str:
    """'3. Valg af dirigent' -> 'Valg af dirigent'."""
    return re.sub(r"^\s*(?:ad\s+)?(?:punkt\s+|pkt\.?\s*)?[0-9]{1,2}[a-z]?\s*[.):]?\s+", "", text, flags=re.I)


def has_decision_cue(nlp: Language, text: str) -> bool:
    """Does a decision cue fire in this short line?"""
    doc = nlp(text)
    return any(c.label_ in (CueLabel.DECISION, CueLabel.POSTPONE) for c in cues_in(doc[:]))


def reported(sent: Span, cue: Span, cues: list[Span]) -> bool:
    """'Formanden orienterede om, at budgettet er godkendt', 'Flere gav udtryk for,
    at kontingentet bør fastholdes': an outcome inside what someone reported."""
    doc = sent.doc
    for r in cues:
        if (
            r.label_ == CueLabel.REPORT
            and r.end <= cue.start
            and any(doc[i].lower_ in ("at", "om") for i in range(r.end, cue.start))
        ):
            return True
    return False
