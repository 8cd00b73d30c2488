"""The built-in scorer on small hand-made cases (no ../shared needed)."""

from __future__ import annotations

from pipeline.evaluate import score_pair, token_f1

GOLD = {
    "meeting": {"date": "2023-03-03", "kind": "minutes"},
    "attendees": ["Leif Hansen", "Mette Lund"],
    "absentees": ["Jonas Berg"],
    "agenda_items": [
        {"number": "1", "title": "Velkomst", "owner": None},
        {"number": "2", "title": "Budget 2024", "owner": "Brian Olsen"},
    ],
    "decisions": [{"item": "2", "text": "Budgettet blev godkendt."}],
    "actions": [
        {"item": "2", "text": "Leif undersøger priser.", "owners": ["Leif Hansen"], "due": {"start": "2023-04-01"}}
    ],
    "events": [{"date": "2023-05-01", "text": "Sommerfest"}],
}


def test_perfect_prediction_scores_one():
    assert score_pair(GOLD, GOLD).macro_f1 == 1.0


def test_empty_prediction_scores_zero_but_date():
    s = score_pair(GOLD, {})
    assert s.f1("attendees") == 0.0 and s.f1("decisions") == 0.0 and s.macro_f1 == 0.0


def test_names_fold_case_and_space_and_texts_match_on_overlap():
    pred = dict(
        GOLD,
        attendees=["leif  hansen", "Mette Lund", "Per Ek"],
        decisions=[{"item": "2", "text": "Budgettet blev godkendt af bestyrelsen."}],
    )
    s = score_pair(GOLD, pred)
    assert (s.fields["attendees"].tp, s.fields["attendees"].fp) == (2, 1)
    assert s.fields["decisions"].tp == 1


def test_token_f1():
    assert token_f1("a b c", "a b c") == 1.0
    assert token_f1("a b", "c d") == 0.0
    assert round(token_f1("a b c d", "a b"), 3) == 0.667
