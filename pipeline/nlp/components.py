"""Rule components for minutes: a sentence splitter and the cue matcher.

Cue patterns are data (patterns/cues.jsonl): {"label", "id", "pattern"} rows
for a spaCy Matcher. Matches land in doc.spans["cues"] with the label and the
pattern id (span.id_) so extractors can say which rule fired.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.attrs import LIKE_NUM, LOWER
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


class CueLabel(str, Enum):
    """The labels of doc.spans["cues"], one per kind of cue in patterns/cues.jsonl."""

    DECISION = "DECISION"  # an outcome whatever the subject ("vedtog", "godkendt")
    DECISION_COLLECTIVE = "DECISION_COLLECTIVE"  # an outcome when a collective is the subject ("ønsker")
    POSTPONE = "POSTPONE"  # "udsat", "tages op igen"
    ACTION = "ACTION"  # a task verb
    REPORT = "REPORT"  # "orienterede om": what follows was reported, not decided
    NOT_DECISION = "NOT_DECISION"  # blocks the cues it overlaps ("skal aftales")
    VETO = "VETO"  # the sentence records no outcome of this meeting ("Det indstilles, at ...")
    NO_TASK = "NO_TASK"  # the sentence gives no task ("deltager nu i mødet", "opfordres til")


@lru_cache(maxsize=1)
def load_cue_patterns() -> tuple[dict, ...]:
    rows = [json.loads(line) for line in PATTERNS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(rows)


@Language.factory("minutes_cues")
def make_cue_matcher(nlp: Language, name: str) -> CueMatcher:
    return CueMatcher(nlp)


class CueMatcher:
    """Marks decision/action/report cues as labelled spans in doc.spans['cues'].

    One spaCy Matcher per pattern key (label|id), run on a doc only when a token
    of the doc can be the first token of one of the key's patterns: its lower
    case is one of the first token's LOWER words, matches its LOWER REGEX, or
    it is LIKE_NUM (keys whose first token tests anything else, or is optional,
    run on every doc). spaCy's Matcher tries every pattern at every token, so
    one matcher of all ~100 patterns cost ~3x what the few keys a block can fire
    cost; the matches, and their order, are those of the one matcher."""

    def __init__(self, nlp: Language):
        patterns: dict[str, list[list[dict]]] = {}
        for row in load_cue_patterns():  # keys in order of first appearance, as one Matcher has them
            patterns.setdefault(f"{row['label']}|{row['id']}", []).append(row["pattern"])
        strings = nlp.vocab.strings
        self.matchers: list[Matcher] = []
        self.always: set[int] = set()  # keys to run on every doc
        self.by_word: dict[int, list[int]] = {}  # hash of a lower-case word -> keys it can start
        self.by_regex: list[tuple[re.Pattern[str], int]] = []  # a first token's LOWER REGEX -> key
        self.by_number: set[int] = set()  # keys a LIKE_NUM token can start
        for index, (key, pats) in enumerate(patterns.items()):
            matcher = Matcher(nlp.vocab)
            matcher.add(key, pats)
            self.matchers.append(matcher)
            for pattern in pats:
                kind, value = _first_token_test(pattern)
                if kind == "words":
                    for word in value:
                        self.by_word.setdefault(strings.add(word), []).append(index)
                elif kind == "regex":
                    self.by_regex.append((re.compile(value), index))
                elif kind == "number":
                    self.by_number.add(index)
                else:
                    self.always.add(index)

    def active(self, doc: Doc) -> list[int]:
        """The keys that can match in `doc`, in the one matcher's order."""
        keys = set(self.always)
        words = set(doc.to_array(LOWER).tolist())
        for word in words:
            keys.update(self.by_word.get(word, ()))
        if self.by_regex:
            texts = [doc.vocab.strings[w] for w in words]
            keys.update(i for rx, i in self.by_regex if i not in keys and any(rx.search(t) for t in texts))
        if self.by_number - keys and doc.to_array(LIKE_NUM).any():
            keys |= self.by_number
        return sorted(keys)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for index in self.active(doc) if len(doc) else ():
            for match_id, start, end in self.matchers[index](doc):
                label, rule = doc.vocab.strings[match_id].split("|", 1)
                spans.append(Span(doc, start, end, label=label, span_id=rule))
        doc.spans["cues"] = sorted(spans, key=lambda s: (s.start, -s.end))
        return doc


def _first_token_test(pattern: list[dict]) -> tuple[str, Any]:
    """What a match's first token must be: ("words", lower-case words), ("regex",
    a LOWER REGEX), ("number", None) for LIKE_NUM, or ("any", None) when the first
    token is optional (the match may start at the next one) or tests something else.
    Other tests beside these (IS_SENT_START) only narrow the match."""
    first = pattern[0] if pattern else {}
    low = first.get("LOWER")
    if "OP" in first or not first:
        return "any", None
    if isinstance(low, str):
        return "words", {low}
    if isinstance(low, dict) and len(low) == 1:
        (op, value), *_ = low.items()
        if op == "IN" and all(isinstance(w, str) for w in value):
            return "words", set(value)
        if op == "REGEX" and isinstance(value, str):
            return "regex", value
    if low is None and first.get("LIKE_NUM") is True:
        return "number", None
    return "any", None


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
