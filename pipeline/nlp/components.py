"""Rule components for minutes: a sentence splitter and the cue matcher.

Cue patterns are data (patterns/cues.jsonl): {"label", "id", "pattern"} rows
for a spaCy Matcher. Matches land in doc.spans["cues"] with the label and the
pattern id (span.id_) so extractors can say which rule fired.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

PATTERNS = Path(__file__).parent / "patterns" / "cues.jsonl"
SENTENCE_END = {".", "!", "?", "…"}
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "ca",
    "pga",
    "bl.a",
    "vedr",
    "ifm",
    "mht",
    "dvs",
    "f.eks",
    "evt",
    "inkl",
    "ekskl",
    "jf",
    "kl",
    "d",
    "nr",
    "pkt",
    "stk",
    "mv",
    "m.v",
    "osv",
    "hhv",
    "iht",
    "ang",
    "tlf",
    "att",
    "ds",
    "ift",
    "mfl",
    "m.fl",
    "etc",
    "bl",
    "a",
    "jan",
    "feb",
    "febr",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dec",
    "ca.",
    "incl",
}


@lru_cache(maxsize=1)
def load_cue_patterns() -> tuple[dict, ...]:
    rows = [json.loads(line) for line in PATTERNS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(rows)


@Language.factory("minutes_cues")
def make_cue_matcher(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp)


class CueMatcher:
    """Marks decision/action/report cues as labelled spans in doc.spans['cues']."""

    def __init__(self, nlp: Language):
        self.matcher = Matcher(nlp.vocab)
        for row in load_cue_patterns():
            self.matcher.add(f"{row['label']}|{row['id']}", [row["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label, rule = doc.vocab.strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=label, span_id=rule))
        doc.spans["cues"] = sorted(spans, key=lambda s: (s.start, -s.end))
        return doc


@Language.component("minutes_sentencizer")
def minutes_sentencizer(doc: Doc) -> Doc:
    """Split after . ! ? when the next token starts a new sentence (capital,
    digit-led list, quote), never after a known abbreviation or an ordinal
    ("19. oktober"). A block (line, bullet) is always its own Doc, so line
    breaks need no rule here."""
    for i, tok in enumerate(doc):
        tok.is_sent_start = i == 0
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if _ends_sentence(tok, doc[i - 1] if i else None) and _starts_sentence(nxt):
            nxt.is_sent_start = True
    return doc


def _ends_sentence(tok, prev) -> bool:
    text = tok.text
    if text in SENTENCE_END:
        return not (prev is not None and prev.text.lower().rstrip(".") in ABBREVIATIONS and prev.whitespace_ == "")
    if text.endswith(".") and len(text) > 1:
        stem = text[:-1].lower()
        return not (stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()))
    return False


def _starts_sentence(tok) -> bool:
    t = tok.text
    return t[:1].isupper() or t[:1] in {'"', "“", "»", "-", "–", "•"}


@Language.component("minutes_entity_filter")
def minutes_entity_filter(doc: Doc) -> Doc:
    """Drop a statistical PER entity that is an ordinary Danish word and no
    known name ("Aktion:", "Kommunikation", "Punkt"): the small model, trained
    on news text, takes many capitalised words of minutes (labels, headings,
    departments) for people. An entity with a known first, middle or last name
    stays, and so does a word the Danish lemma table does not know (a foreign
    name): the name lists are a snapshot, never the only test."""
    if not doc.ents:
        return doc
    words = _danish_words()
    kept = [e for e in doc.ents if e.label_ != "PER" or not _ordinary_words(e, words)]
    if len(kept) != len(doc.ents):
        doc.set_ents(kept, default="outside")
    return doc


def _ordinary_words(ent: Span, words) -> bool:
    from pipeline.lexicon import is_first_name, is_surname

    if any(is_first_name(t.text) or is_surname(t.text) for t in ent if t.is_alpha):
        return False
    return not ent[0].is_alpha or ent[0].text.casefold() in words


@lru_cache(maxsize=1)
def _danish_words():
    """spacy-lookups-data's Danish lemma table (word forms; `in` takes a string), or an empty set."""
    try:
        from spacy.lookups import load_lookups

        return load_lookups("da", ["lemma_lookup"]).get_table("lemma_lookup")
    except (ValueError, OSError, ImportError, KeyError):
        return frozenset()
