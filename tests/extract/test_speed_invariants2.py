"""Issue 12, fourth round: the faster paths give what the plain ones gave.

- the date grammar's scan cut by first character (Grammar.hits) yields what the one
  alternation's finditer yields: the same starts, ends and rule names;
- the first characters of a rule are worked out only for plain literals and ranges, else
  the plain scan is used;
- find_dates's remembered "could this hold a date" answer is the pattern's answer;
- the roster's remembered resolutions follow an edit of its names;
- the label zones' remembered kinds and bare labels answer as the plain tests do;
- a text without a digit holds no vote tally; label_key remembered per text.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from pipeline.dates import find as date_find
from pipeline.dates.grammar import _first_keys, _grammar
from pipeline.extract import names
from pipeline.extract.roster import Roster, _Resolver
from pipeline.extract.votes import votes_in
from pipeline.extract.zones import Labels
from pipeline.lexicon import lexicon
from pipeline.segment import vocab
from pipeline.types import Block, BlockKind

DATE_TEXTS = [
    "Mødet holdes tirsdag d. 4. marts 2025 kl. 17.00 i Grønnegade 3.",
    "Næste møde: 12/3-25, derefter 7.juni 23. og 2024-11-05.",
    "Frist: senest uge 14, ellers i løbet af foråret 2026 eller medio august.",
    "fra 7. til 9. marts, d. 21/4 - 17, d. 17-11 og torsdag d 2",
    "TORSDAG DEN 3. APRIL, Søndag 5/6, ſøndag 5/6, 3. Kmarts, ÅRET 2024",
    "i december, til Maj, efter påske 2025, i efteråret, 1/2 time, 50/50, sagsnr. 05.01.08",
    "Økonomi: 12 ja-stemmer. Æbler 2.3.2024 og ølejr 30. september.",
    "",
    "ingen datoer her overhovedet, kun ord",
    "3.-5. januar og 10.-13. marts 2022; uge 3-5 2024; 2. kvartal 2025; primo 2026",
]


def _spans(it):
    return [(m.start(), m.end(), m.lastgroup) for m in it]


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_hits_equal_the_combined_scan(text: str) -> None:
    g = _grammar()
    assert g.starter is not None and g.by_first is not None
    assert _spans(g.hits(text)) == _spans(g.combined.finditer(text))


def test_hits_equal_the_combined_scan_on_every_word_of_the_lexicon() -> None:
    g = _grammar()
    lx = date_find.lexicon()
    words = [*lx.months, *lx.weekdays, *lx.week_words, *lx.periods, *lx.holidays, *lx.cues]
    text = " ".join(f"{w} 3. {w.upper()} 2025, d. 4/5 {w.title()}" for w in words)
    assert _spans(g.hits(text)) == _spans(g.combined.finditer(text))


def test_first_keys_known_only_for_literals_and_ranges() -> None:
    assert _first_keys(r"(?<!\w)(?:ab|[0-2]c)", re.I) == {"a", "0", "1", "2"}
    assert _first_keys(r"(?:x)?y", re.I) == {"x", "y"}
    assert _first_keys(r"\wfoo", re.I) is None  # a category
    assert _first_keys(r".foo", re.I) is None
    assert _first_keys(r"[^a]foo", re.I) is None
    assert _first_keys(r"a?", re.I) is None  # can match ''


def test_may_hold_a_date_is_the_patterns_answer() -> None:
    for text in [*DATE_TEXTS, "Referat", "kl. 5"]:
        expected = date_find._could_hold_a_date().search(text) is not None
        assert date_find._may_hold_a_date(text) is expected
    assert date_find.find_dates("intet her", date(2025, 1, 1)) == []


def test_roster_resolution_follows_an_edit_of_the_names() -> None:
    r = Roster(names=["Stine Johansen", "Helle Bang", "Lone Winther"])
    for mention in ["Stine", "HB", "Lone W.", "Bang", "stine johansen", "Ukendt"]:
        assert r._resolve(mention) == _Resolver(list(r.names))._resolve(mention)
    assert r.resolve("Stine") == "Stine Johansen"
    r.names.append("Stine Holm")  # two Stines now: a first name alone is ambiguous
    assert r.resolve("Stine") is None
    r.names[:] = ["Stine Holm"]
    assert r.resolve("Stine") == "Stine Holm"


def _block(text: str) -> Block:
    return Block(index=0, kind=BlockKind.paragraph, text=text, start=0, end=len(text))


def test_label_kinds_remembered_answer_as_the_plain_test() -> None:
    labels = Labels()
    lx = lexicon()
    cases = [*lx.decision_labels[:5], *lx.action_labels[:5], "Indstilling og beslutning", "Beslutning i Byrådet"]
    for label in cases:
        for has_colon, text in [(True, "x"), (False, "kort"), (False, " ".join(["ord"] * 12))]:
            short = has_colon or len(text.split()) <= 8
            first = labels.kind(label, has_colon, _block(text))
            assert first == labels._kind(label.strip(" *_"), short)
            assert labels.kind(label, has_colon, _block(text)) == first
    for text in ["Beslutning Godkendt.", "Bilag A", "Indstilling Udvalget indstiller, at sagen sendes videre", "x"]:
        assert labels.bare_label(text) == labels._bare_label(text) == labels.bare_label(text)


def test_votes_need_a_digit_and_label_key_is_stable() -> None:
    assert votes_in("For stemte alle, imod stemte ingen") is None
    tally = votes_in("7 for, 2 imod, 1 undlod")
    assert tally is not None and tally.abstain == 1
    for text in ["  **Beslutning** : ", "Til stede:", "", "Dagsorden."]:
        assert vocab.label_key(text) == vocab.label_key.__wrapped__(text) == vocab.label_key(text)


def test_name_patterns_built_once() -> None:
    assert names._name_run() is names._name_run()
    assert names._role_phrase_re() is names._role_phrase_re()
    cue = sorted(lexicon().participants_absent_prose, key=len)[-1] if lexicon().participants_absent_prose else None
    if cue:
        hit = names._role_phrase(f"{cue} den afgående kasserer, som ikke kunne")
        assert hit is None or hit.name.endswith("kasserer")
