"""Action layouts of real minutes (synthetic cases, invented names and wording).

Each test is one class of layout: a checklist of tasks marked with a tick, a pronoun
that points back to the person just named, a passive task with its doer after "af",
the task constructions "kommer med et forslag" and "skal huske", and a list of
responsibilities ("Haven: Bodil Krogh") under a heading such as "Ansvarsområder".
"""

from __future__ import annotations

import pytest

from helpers.records import extract_lines as _run


class RawLine(tuple):
    """(kind, text, level): a list item nested deeper."""

    def __new__(cls, kind: str, text: str, level: int):
        return super().__new__(cls, (kind, text, level))


def _action(rec: dict, text: str) -> dict:
    hits = [a for a in rec["actions"] if text in a["text"]]
    assert hits, f"{text!r} not in {[a['text'] for a in rec['actions']]}"
    return hits[0]


def test_ticked_checklist_lines_are_tasks(nlp):
    rec = _run(
        nlp,
        [
            "Referat af gruppemøde 3. marts 2025",
            ("h", "Plan for næste iteration"),
            "1. Skriv indledningen ✅",
            "2. Nyt sekvensdiagram ✅",
            "3. Rapportskrivning ☐",
            "4. Korrektur på afsnit 2 ☑",
            ("h", "Gruppens liste"),
            ("li", "Opdater tidsplanen ✅"),
            ("li", "Kildeliste ☐"),
        ],
    )
    for text in ("Skriv indledningen", "Nyt sekvensdiagram", "Rapportskrivning", "Korrektur på afsnit 2", "Kildeliste"):
        assert _action(rec, text)["owners"] == []


def test_a_tick_inside_a_sentence_is_no_checklist(nlp):
    rec = _run(nlp, ["Referat af gruppemøde 3. marts 2025", ("h", "Status"), "Vi så på ✅-ikonet i appen i går."])
    assert not rec["actions"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Torvald gør opmærksom på en ny affaldsordning. Han undersøger priserne.",
        "Torvald oplyste, at han arbejder på et tilbud til klubhuset.",
    ],
)
def test_a_pronoun_subject_is_the_person_just_named(nlp, sentence):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Torvald Brink, Gunhild Sand",
            ("h", "1. Klubhuset"),
            sentence,
        ],
    )
    owners = [o for a in rec["actions"] for o in a["owners"]]
    assert owners == ["Torvald Brink"]
    assert rec["actions"][0]["text"].startswith("Torvald")  # the sentence naming him is kept


def test_a_pronoun_with_two_people_before_it_gives_no_owner(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Torvald Brink, Gunhild Sand",
            ("h", "1. Klubhuset"),
            "Torvald og Gunhild var uenige om taget. Han undersøger priserne.",
        ],
    )
    assert [o for a in rec["actions"] for o in a["owners"]] == []


@pytest.mark.parametrize(
    "sentence, owner",
    [
        ("Forslaget om nye bænke behandles af bestyrelsen i april.", "bestyrelsen"),
        ("Punktet om hegnet tages op af bestyrelsen, når tilbuddet er kommet.", "bestyrelsen"),
        ("Ansøgningen gennemgås af Gunhild inden fristen.", "Gunhild Sand"),
    ],
)
def test_a_passive_task_with_its_doer_after_af(nlp, sentence, owner):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Torvald Brink, Gunhild Sand",
            ("h", "1. Haven"),
            sentence,
        ],
    )
    assert _action(rec, sentence[:20])["owners"] == [owner]


def test_a_passive_decision_with_af_is_no_task(nlp):
    rec = _run(
        nlp,
        [
            "Referat af generalforsamling 3. marts 2025",
            ("h", "1. Regnskab"),
            "Regnskabet blev godkendt af forsamlingen.",
        ],
    )
    assert not rec["actions"]


@pytest.mark.parametrize(
    "sentence, owner",
    [
        ("Torvald kommer med et forslag til en ny bålplads.", "Torvald Brink"),
        ("Gunhild skal huske nøglerne til skuret.", "Gunhild Sand"),
    ],
)
def test_more_task_constructions(nlp, sentence, owner):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Torvald Brink, Gunhild Sand",
            ("h", "1. Haven"),
            sentence,
        ],
    )
    assert _action(rec, sentence[:20])["owners"] == [owner]


def test_a_list_of_responsibilities_gives_each_area_its_owner(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Torvald Brink, Gunhild Sand, Bodil",
            ("h", "1. Ansvarsområder"),
            ("li", "Haven: Gunhild Sand"),
            ("li", "Snerydning: Bodil"),
            ("li", "Legeplads og sandkasse: Torvald"),
            ("h", "2. Eventuelt"),
            "Intet.",
        ],
    )
    assert _action(rec, "Haven: Gunhild Sand")["owners"] == ["Gunhild Sand"]
    assert _action(rec, "Snerydning: Bodil")["owners"] == ["Bodil"]
    assert _action(rec, "Legeplads og sandkasse")["owners"] == ["Torvald Brink"]


def test_sub_items_of_a_listed_task_are_its_parts(nlp):
    rec = _run(
        nlp,
        [
            "Referat af gruppemøde 3. marts 2025",
            ("h", "Status"),
            "Til næste møde:",
            ("li", "Læs kommentarerne fra vejlederen igennem"),
            RawLine("li", "Noter spørgsmål til mødet", 2),
            ("li", "Færdiggør tidsplanen"),
        ],
    )
    texts = [a["text"] for a in rec["actions"]]
    assert "Læs kommentarerne fra vejlederen igennem - Noter spørgsmål til mødet" in texts
    assert "Færdiggør tidsplanen" in texts
    assert len(texts) == 2


def test_a_signature_after_a_labelled_task_is_no_responsibility(nlp):
    rec = _run(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2025",
            "Til stede: Gunhild Sand",
            ("h", "1. Eventuelt"),
            "Aktion: Gunhild undersøger priser på en ny grill.",
            "Ref.: Gunhild Sand",
        ],
    )
    assert [a["text"] for a in rec["actions"]] == ["Gunhild undersøger priser på en ny grill."]
