"""Action layouts of association minutes, round three (synthetic cases, invented names and wording).

Each test is one class of layout: a task in a relative clause under "Beslutning:" (the
sentence stays a decision); a future passive of a task verb ("Der vil blive udsendt ...",
owned by the one who announced it); a passive request ("Kontingentet bedes indbetalt");
"Det er op til X at", "X arbejder sammen med Y på at", "X får ansvaret for at", "X
bemyndigede Y til at"; and, for precision, a relative clause that describes ("to spørgsmål
der skal besvares"), joining this meeting ("deltager nu i mødet") and a general appeal
("opfordrer kraftigt til, at ...") are no tasks.
"""

from __future__ import annotations

import pytest

from helpers.records import extract_lines as _run


def _texts(rec: dict, field: str) -> list[str]:
    return [r["text"] for r in rec[field]]


def _action(rec: dict, text: str) -> dict:
    hits = [a for a in rec["actions"] if text in a["text"]]
    assert hits, f"{text!r} not in {_texts(rec, 'actions')}"
    return hits[0]


def test_a_task_in_a_relative_clause_under_beslutning_stays_a_decision(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde i Egeskov Vandlaug 4. marts 2025",
            ("h", "1. Sommerfesten"),
            "Beslutning: Der var enighed om at holde festen lørdag den 14. juni 2025. "
            "Der nedsættes en arbejdsgruppe bestående af Karen Vinther og Ole Brask, som udarbejder "
            "et budget til mødet den 2. april.",
        ],
    )
    assert any("Der nedsættes en arbejdsgruppe" in t for t in _texts(rec, "decisions"))
    assert set(_action(rec, "arbejdsgruppe")["owners"]) == {"Karen Vinther", "Ole Brask"}


def test_a_plain_task_after_the_first_sentence_under_beslutning_is_no_decision(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde i Egeskov Vandlaug 4. marts 2025",
            ("h", "1. Sommerfesten"),
            "Beslutning: Festen holdes lørdag den 14. juni 2025. Karen Vinther kontakter spejderne om teltet.",
        ],
    )
    assert not any("spejderne" in t for t in _texts(rec, "decisions"))
    assert _action(rec, "spejderne")["owners"] == ["Karen Vinther"]


HEAD = ["Referat af generalforsamling i Grundejerforeningen Solhøj 12. marts 2025", ("h", "3. Eventuelt")]


@pytest.mark.parametrize(
    "sentence, owners",
    [
        (
            "Kaj Lund fra Boligselskabet Nord oplyste, at der vil blive udsendt en skrivelse til alle beboere.",
            ["Kaj Lund"],
        ),
        ("Der vil blive afholdt et loppemarked en lørdag i maj.", []),
        (
            "Byggefirmaet Nordvest ApS v/Kaj Lund oplyste, at der vil blive udsendt en skrivelse.",
            ["Byggefirmaet Nordvest ApS"],
        ),
        ("Kontingentet bedes indbetalt på foreningens konto senest 1. april.", []),
        ("Det er op til festudvalget at finde en dato for sommerfesten.", ["festudvalget"]),
        ("Bestyrelsen arbejder sammen med kommunen på at få lagt ny asfalt på stien.", ["bestyrelsen"]),
        ("Der arbejdes fortsat på at finde en ny træner til juniorholdet.", []),
        ("Kassereren får ansvaret for at opdatere medlemslisten.", ["kassereren"]),
        ("Generalforsamlingen bemyndigede Jens Krogh til at anmelde ændringerne.", ["Jens Krogh"]),
    ],
)
def test_more_task_constructions(nlp, sentence, owners):
    rec = _run(nlp, [*HEAD, sentence])
    got = _action(rec, sentence[:25])
    assert [o.casefold() for o in got["owners"]] == [o.casefold() for o in owners]


@pytest.mark.parametrize(
    "sentence",
    [
        "Der er to spørgsmål der skal besvares før næste møde.",
        "Det er et stort projekt hvor der skal samles mange midler.",
        "Mette Dahl og Ole Brask deltager nu i mødet.",
        "Bestyrelsen opfordrer kraftigt til, at alle kører langsomt på vejen.",
    ],
)
def test_descriptions_attendance_and_appeals_are_no_tasks(nlp, sentence):
    rec = _run(nlp, [*HEAD, sentence])
    assert not rec["actions"], rec["actions"]


@pytest.mark.parametrize(
    "sentence",
    ["Der skal laves en ny folder til nye medlemmer.", "Vi holder loppemarked, og der skal findes hjælpere."],
)
def test_an_expletive_der_task_stays_a_task(nlp, sentence):
    rec = _run(nlp, [*HEAD, sentence])
    assert _action(rec, sentence[:20])["owners"] == []
