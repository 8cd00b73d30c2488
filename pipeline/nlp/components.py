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

import numpy
from spacy.attrs import LIKE_NUM, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

PATTERNS = Path(__file__).parent / "patterns" / "cues.jsonl"
SENTENCE_END = {".", "!", "?", "…"}
SENTENCE_OPENERS = {'"', "“", "»", "-", "–", "•"}  # a next token opening with these starts a sentence
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

    A pattern that is a fixed sequence of lower-case words ({"LOWER": w} or
    {"LOWER": {"IN": [...]}} on each token, no operator: most of them) is matched
    here on the tokens' LOWER hashes, from the positions of its first word. The
    others go to one spaCy Matcher per pattern key (label|id), run on a doc only
    when a token of the doc can be the first token of one of the key's patterns:
    its lower case is one of the first token's LOWER words, matches its LOWER
    REGEX, or it is LIKE_NUM (keys whose first token tests anything else, or is
    optional, run on every doc), and only over the tokens a match can cover.
    spaCy's Matcher tries every pattern at every token, so one matcher of all
    ~150 patterns cost ~6x what this costs; the matches, and their order (by
    start, longest first, then by key in order of first appearance in the
    patterns file), are those of the one matcher (spaCy's Matcher gives each
    (key, start, end) once, and so does this)."""

    def __init__(self, nlp: Language):
        patterns: dict[str, list[list[dict]]] = {}
        for row in load_cue_patterns():  # keys in order of first appearance, as one Matcher has them
            patterns.setdefault(f"{row['label']}|{row['id']}", []).append(row["pattern"])
        strings = nlp.vocab.strings
        self.keys: list[tuple[int, int]] = []  # per key: the hashes of its label and of its rule id
        self.matchers: list[Matcher | None] = []  # per key: a Matcher of its other patterns (None: none)
        self.always: set[int] = set()  # keys to run on every doc
        self.by_word: dict[int, list[int]] = {}  # hash of a lower-case word -> keys it can start
        self.by_regex: list[tuple[re.Pattern[str], int]] = []  # a first token's LOWER REGEX -> key
        self.by_number: set[int] = set()  # keys a LIKE_NUM token can start
        self.max_len: list[int | None] = []  # per key: the longest match its Matcher allows (None: unbounded)
        # per key: for each pattern of its Matcher, what a doc must hold for it to match (_requirements)
        self.needs: list[list[list[tuple[frozenset[int], re.Pattern[str] | None]]]] = []
        # hash of a first word -> (key, the hashes each following token's lower case may have)
        self.words: dict[int, list[tuple[int, tuple[frozenset[int], ...]]]] = {}
        for index, (key, pats) in enumerate(patterns.items()):
            label, rule = key.split("|", 1)
            self.keys.append((strings.add(label), strings.add(rule)))
            others = []
            for pattern in pats:
                words = _word_sequence(pattern)
                if words is None:
                    others.append(pattern)
                    continue
                rest = tuple(frozenset(strings.add(w) for w in ws) for ws in words[1:])
                for first in words[0]:
                    self.words.setdefault(strings.add(first), []).append((index, rest))
            matcher = None
            if others:
                matcher = Matcher(nlp.vocab)
                matcher.add(key, others)
            self.matchers.append(matcher)
            for pattern in others:
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
            lengths = [_max_length(p) for p in others]
            self.needs.append([_requirements(p, strings) for p in others])
            self.max_len.append(None if None in lengths else max((n or 0 for n in lengths), default=0))

    def active(self, doc: Doc) -> list[int]:
        """The keys that can match in `doc`, in the one matcher's order."""
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        words = {key for h in set(lowers) for key, _ in self.words.get(h, ())}
        return sorted(words | set(self._starts(doc, lowers)))

    def _starts(self, doc: Doc, lowers: list[int]) -> dict[int, list[int] | None]:
        """key -> the token positions a match of its Matcher can start at (None: anywhere);
        `lowers`: the tokens' LOWER hashes."""
        starts: dict[int, list[int] | None] = dict.fromkeys(self.always)
        where: dict[int, list[int]] = {}
        for i, word in enumerate(lowers):
            where.setdefault(word, []).append(i)
        for word, positions in where.items():
            for key in self.by_word.get(word, ()):
                if key not in starts:
                    starts[key] = list(positions)
                elif starts[key] is not None:
                    starts[key].extend(positions)  # type: ignore[union-attr]
        if self.by_regex:
            texts = [(doc.vocab.strings[w], positions) for w, positions in where.items()]
            for rx, key in self.by_regex:
                hits = [i for t, positions in texts if rx.search(t) for i in positions]
                if hits and starts.get(key, ()) is not None:
                    starts[key] = starts.get(key, []) + hits  # type: ignore[operator]
        if self.by_number:
            numbers = [i for i, n in enumerate(doc.to_array(LIKE_NUM).tolist()) if n]
            for key in self.by_number if numbers else ():
                if starts.get(key, ()) is not None:
                    starts[key] = starts.get(key, []) + numbers  # type: ignore[operator]
        return starts

    def _ranges(self, key: int, positions: list[int] | None, n: int) -> list[tuple[int, int]]:
        """Disjoint token ranges that hold every match of `key` starting at `positions`."""
        span = self.max_len[key]
        if positions is None or span is None:
            return [(min(positions), n)] if positions else [(0, n)]
        ranges: list[tuple[int, int]] = []
        for i in sorted(set(positions)):
            end = min(i + span, n)
            if ranges and i <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
            else:
                ranges.append((i, end))
        return ranges

    def __call__(self, doc: Doc) -> Doc:
        """The matches of the one matcher: the word sequences matched on the LOWER hashes,
        and each key's Matcher run only over the tokens a match of it can cover: from each
        possible first token, as far as its longest pattern reaches (spaCy's Matcher builds
        a Token and tests every pattern at every token of what it is given)."""
        n = len(doc)
        found: set[tuple[int, int, int]] = set()  # (start, end, key)
        if n:
            lowers = doc.to_array(LOWER).tolist()
            words = self.words
            for i, word in enumerate(lowers):
                for key, rest in words.get(word, ()):
                    end = i + 1 + len(rest)
                    if end <= n and all(lowers[i + 1 + k] in hashes for k, hashes in enumerate(rest)):
                        found.add((i, end, key))
            starts = self._starts(doc, lowers)
            present = _Words(doc, lowers)
            for index in starts:
                if not any(present.holds(need) for need in self.needs[index]):
                    continue  # no pattern of the key can match: a word it must have is not in the doc
                matcher = self.matchers[index]
                for a, b in self._ranges(index, starts[index], n):
                    hits = matcher(doc) if (a, b) == (0, n) else matcher(doc[a:b])  # type: ignore[misc]
                    found.update((a + start, a + end, index) for _, start, end in hits)
        keys = self.keys
        doc.spans["cues"] = [
            Span(doc, start, end, label=keys[key][0], span_id=keys[key][1])
            for start, end, key in sorted(found, key=_match_order)
        ]
        return doc


class _Words:
    """The lower-case words of a doc, as hashes (and as strings, read once when asked)."""

    def __init__(self, doc: Doc, lowers: list[int]):
        self.doc, self.hashes = doc, set(lowers)
        self.strings: list[str] | None = None

    def holds(self, need: list[tuple[frozenset[int], re.Pattern[str] | None]]) -> bool:
        """Does the doc meet every requirement of one pattern (see _requirements)?"""
        for hashes, rx in need:
            if rx is None:
                if hashes.isdisjoint(self.hashes):
                    return False
                continue
            if self.strings is None:
                self.strings = [self.doc.vocab.strings[h] for h in self.hashes]
            if not any(rx.search(w) for w in self.strings):
                return False
        return True


def _requirements(pattern: list[dict], strings: Any) -> list[tuple[frozenset[int], re.Pattern[str] | None]]:
    """What a doc must hold for `pattern` to match in it: for each token the pattern
    cannot skip (no operator, "+", or a {n,m} with n >= 1) whose lower case is tested
    against words ({"LOWER": w}, {"LOWER": {"IN": [...]}}: the hashes of the words, one
    of which the doc must have) or a regular expression ({"LOWER": {"REGEX": r}}: one of
    the doc's lower-case words must match it, as spaCy's re.search does). Other tests on
    the same token only narrow it, so these are necessary conditions, no more."""
    out: list[tuple[frozenset[int], re.Pattern[str] | None]] = []
    for spec in pattern:
        op = str(spec.get("OP", ""))
        bounds = re.fullmatch(r"\{(\d*)(?:,\d*)?\}", op)
        if not (op in ("", "+") or bounds is not None and int(bounds.group(1) or 0) >= 1):
            continue
        low = spec.get("LOWER")
        if isinstance(low, str):
            out.append((frozenset([strings.add(low)]), None))
        elif isinstance(low, dict) and len(low) == 1:
            (kind, value), *_ = low.items()
            if kind == "IN" and isinstance(value, list) and all(isinstance(w, str) for w in value):
                out.append((frozenset(strings.add(w) for w in value), None))
            elif kind == "REGEX" and isinstance(value, str):
                out.append((frozenset(), re.compile(value)))
    return out


def _match_order(match: tuple[int, int, int]) -> tuple[int, int, int]:
    start, end, key = match
    return start, -end, key


def _word_sequence(pattern: list[dict]) -> list[list[str]] | None:
    """The words each token of `pattern` may be when it is a fixed sequence of lower-case
    word tests ({"LOWER": w} or {"LOWER": {"IN": [...]}}, nothing else, no operator);
    else None."""
    out: list[list[str]] = []
    for spec in pattern:
        if set(spec) != {"LOWER"}:
            return None
        low = spec["LOWER"]
        if isinstance(low, str):
            out.append([low])
        elif (
            isinstance(low, dict)
            and set(low) == {"IN"}
            and isinstance(low["IN"], list)
            and all(isinstance(w, str) for w in low["IN"])
        ):
            out.append(list(low["IN"]))
        else:
            return None
    return out or None


def _max_length(pattern: list[dict]) -> int | None:
    """The most tokens a match of `pattern` can span (None: no bound, a * or + operator)."""
    total = 0
    for spec in pattern:
        op = spec.get("OP")
        if op in (None, "!", "?"):
            total += 1
        elif op in ("*", "+"):
            return None
        else:
            m = re.fullmatch(r"\{(\d*)(?:(,)(\d*))?\}", str(op))
            if m is None:
                return None
            low, comma, high = m.groups()
            if comma is None:
                total += int(low or 0)
            elif high:
                total += int(high)
            else:
                return None
    return total


def _first_token_test(pattern: list[dict]) -> tuple[str, Any]:
    """What a match's first token must be: ("words", lower-case words), ("regex",
    a LOWER REGEX), ("number", None) for LIKE_NUM, or ("any", None) when the first
    token tests something else. Other tests beside these (IS_SENT_START) only narrow
    the match. An optional first token ("?", "*", "{0,n}") may be skipped, so the
    match may start at the next one: when both test words, either word starts it."""
    words: set[str] = set()
    for spec in pattern:
        kind, value = _token_test(spec)
        if kind == "words" and _optional(spec):
            words |= value
            continue
        if kind == "words":
            return "words", words | value
        if kind == "any" or words or _optional(spec):
            return "any", None
        return kind, value
    return "any", None


def _optional(spec: dict) -> bool:
    op = str(spec.get("OP", ""))
    return op in ("?", "*") or op.startswith(("{0,", "{,")) or op == "{0}"


def _token_test(spec: dict) -> tuple[str, Any]:
    """One token's test of its lower case (see _first_token_test)."""
    low = spec.get("LOWER")
    if not spec or spec.get("OP") in ("!",):
        return "any", None
    if isinstance(low, str):
        return "words", {low}
    if isinstance(low, dict) and len(low) == 1:
        (op, value), *_ = low.items()
        if op == "IN" and all(isinstance(w, str) for w in value):
            return "words", set(value)
        if op == "REGEX" and isinstance(value, str):
            return "regex", value
    if low is None and spec.get("LIKE_NUM") is True:
        return "number", None
    return "any", None


@Language.component("minutes_sentencizer")
def minutes_sentencizer(doc: Doc) -> Doc:
    """Split after . ! ? when the next token starts a new sentence (capital,
    digit-led list, quote), never after a known abbreviation or an ordinal
    ("19. oktober"). A block (line, bullet) is always its own Doc, so line
    breaks need no rule here. Every token's sentence start is set (True or
    False) in one from_array call, from the token texts (no Token objects)."""
    n = len(doc)
    if not n:
        return doc
    strings = doc.vocab.strings
    texts = [strings[h] for h in doc.to_array(ORTH).tolist()]
    spaces = doc.to_array(SPACY).tolist()
    starts = [-1] * n  # -1: not a sentence start (spaCy's from_array takes it as uint64, as it writes it)
    starts[0] = 1
    ends = _END_CHARACTERS
    for i in range(n - 1):
        text = texts[i]
        if text[-1:] not in ends:  # no token can end a sentence without one of these last
            continue
        if _ends_sentence_text(text, texts[i - 1] if i else None, bool(spaces[i - 1]) if i else True):
            if _starts_sentence_text(texts[i + 1]):
                starts[i + 1] = 1
    values: Any = numpy.array(starts, dtype="int64").astype("uint64").reshape(n, 1)
    doc.from_array([SENT_START], values)
    return doc


# the last characters of the tokens _ends_sentence_text can take for a sentence end
_END_CHARACTERS = frozenset(t[-1] for t in SENTENCE_END) | {"."}


def _ends_sentence_text(text: str, prev: str | None, prev_space: bool) -> bool:
    """Does the token `text` end a sentence? `prev`: the token before (None at the start),
    `prev_space`: whether whitespace follows it."""
    if text in SENTENCE_END:
        return not (prev is not None and prev.lower().rstrip(".") in ABBREVIATIONS and not prev_space)
    if text.endswith(".") and len(text) > 1:
        stem = text[:-1].lower()
        return not (stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()))
    return False


def _starts_sentence_text(text: str) -> bool:
    return text[:1].isupper() or text[:1] in SENTENCE_OPENERS


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
