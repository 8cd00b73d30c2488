"""Decisions in layouts of real minutes, fourth round (issue 10): field labels without a
colon ('Beslutning Godkendt.' from a two-column PDF table), the municipal decision heading
with body and date and the fields under it, tallies with party lists, outcome sentences
the cues missed, and what is not a meeting decision (closing lines, the approval of the
minutes document itself, a proposal withdrawn by its proposer, a bare tally before its
outcome). Synthetic cases, one per class."""

from __future__ import annotations

import pytest

from helpers.statements import ROSTER, record, texts
from pipeline.extract.votes import votes_in


def test_label_without_colon_starts_its_zone_with_its_own_text(nlp):
    """'Beslutning Godkendt.': the label of a two-column field table, its text on the same
    line; the closing line after it is no decision."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 31. Godkendelse af dagsorden",
            "Beslutning Godkendt.",
            "# 32. Valg af nyt medlem til Kulturudvalget",
            "Resumé: Et medlem er udtrådt af byrådet.",
            "Beslutning Som nyt medlem valgtes Sofie Krag (B), og som stedfortræder valgtes Emil Lunde (B).",
            "# 33. Ny skolestruktur",
            "Indstilling Kulturudvalget indstiller, at forslaget godkendes.",
            "Beslutning Sagen blev sendt tilbage til Kulturudvalget med henblik på en ny vurdering af økonomien.",
            "# 34. Salg af grund",
            "Beslutning Godkendt med den ændring, at prisen hæves til 2 mio. kr.",
            "Mødet hævet kl. 21.15.",
        ],
    )
    assert texts(rec.decisions) == [
        "Godkendt.",
        "Som nyt medlem valgtes Sofie Krag (B), og som stedfortræder valgtes Emil Lunde (B).",
        "Sagen blev sendt tilbage til Kulturudvalget med henblik på en ny vurdering af økonomien.",
        "Godkendt med den ændring, at prisen hæves til 2 mio. kr.",
    ]


def test_label_word_with_a_letter_is_no_field():
    """'Bilag A', 'Forslag B': a designation, not a label with text."""
    from pipeline.extract.zones import Labels

    labels = Labels()
    assert labels.bare_label("Bilag A") is None
    assert labels.bare_label("beslutning godkendt.") is None  # a label is capitalised
    assert labels.bare_label("Beslutning Godkendt.") == ("decision", 11)


def test_closing_line_is_no_decision(nlp):
    rec = record(nlp, ROSTER + ["# 5. Eventuelt", "Beslutning:", "Mødet sluttede kl. 21.00."])
    assert texts(rec.decisions) == []


def test_callout_label_opens_the_zone(nlp):
    """A Markdown callout '[!success] Beslutning' is the label of the line under it."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 4. Sommerfesten",
            "Vi stemte om tema: Cirkus fik 7 stemmer, Pirater 4.",
            "[!success] Beslutning",
            "Temaet bliver Cirkus.",
        ],
    )
    assert texts(rec.decisions) == ["Temaet bliver Cirkus."]


def test_municipal_decision_heading_and_its_fields(nlp):
    """'Beslutning i <udvalg> den <dato>' heads the decision field: its paragraphs are the
    decision ('Udvalget ønsker, at ...' too), 'Fraværende: X' and 'Ingen bemærkninger.' are not."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 1. Godkendelse af dagsorden",
            "## Beslutning i Plan- og Boligudvalget den 04-02-2026",
            "Godkendt.",
            "Fraværende: Jonas Berg",
            "# 2. Cykelstier",
            "## Indstilling",
            "Forvaltningen indstiller, at planen godkendes.",
            "## Beslutning i Plan- og Boligudvalget den 04-02-2026",
            "Indstillingen blev godkendt.",
            "Udvalget ønsker, at forvaltningen inddrager grundejerforeningerne i arbejdet.",
            "Fraværende: Jonas Berg",
            "# 3. Meddelelser",
            "## Beslutning i Plan- og Boligudvalget den 04-02-2026",
            "Ingen bemærkninger.",
            "Fraværende: Jonas Berg",
            "# 4. Anlægsbevilling",
            "## Beslutning i Plan- og Boligudvalget den 04-02-2026",
            "Anbefales med 6 stemmer for (A, V, C, F) og 2 imod (Ø).",
        ],
    )
    assert texts(rec.decisions) == [
        "Godkendt.",
        "Indstillingen blev godkendt.",
        "Udvalget ønsker, at forvaltningen inddrager grundejerforeningerne i arbejdet.",
        "Anbefales med 6 stemmer for (A, V, C, F) og 2 imod (Ø).",
    ]
    assert rec.decisions[-1].votes is not None and rec.decisions[-1].votes.against == 2


@pytest.mark.parametrize(
    "text,tally",
    [
        ("Godkendt med 19 stemmer for (A, V, F, C), 4 imod (Ø, O) og 2 undlod (B).", (19, 4, 2)),
        ("Anbefales med 6 stemmer for (A, V, C, F) og 2 imod (Ø).", (6, 2, 0)),
        ("Vedtaget med 7 for, 2 imod.", (7, 2, 0)),
    ],
)
def test_tally_with_party_lists(text, tally):
    v = votes_in(text)
    assert v is not None and (v.for_, v.against, v.abstain) == tally


@pytest.mark.parametrize(
    "sentence",
    [
        "Der indkaldes derfor til ekstraordinær generalforsamling tirsdag den 3. marts kl. 19.30.",
        "Forslaget blev vedtaget med stort flertal.",
        "Bestyrelsen blev bedt om at søge kommunens pulje inden 1. maj.",
        "Sagen blev sendt tilbage til Vejudvalget med henblik på en ny plan.",
    ],
)
def test_outcome_sentences(nlp, sentence):
    rec = record(nlp, ROSTER + ["# 3. Diverse", sentence])
    assert texts(rec.decisions) == [sentence]


def test_decision_under_an_item_titled_like_a_case_field(nlp):
    """A club's item '2. Økonomi' is no case presentation: its outcomes are decisions."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 2. Økonomi",
            "Birthe: vi har 80 betalende medlemmer. Bestyrelsen besluttede, at restancer opkræves med gebyr.",
        ],
    )
    assert texts(rec.decisions) == ["Bestyrelsen besluttede, at restancer opkræves med gebyr."]


def test_meeting_functions_under_the_dirigent_item(nlp):
    """'Stemmeudvalg: X og Y' under 'Valg af dirigent, referent og stemmeudvalg' is elected."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 1. Valg af dirigent, referent og stemmeudvalg",
            "Dirigent: Knud Engholm",
            "Stemmeudvalg: Lise Bang og Ole Brandt",
        ],
    )
    assert texts(rec.decisions) == ["Dirigent: Knud Engholm", "Stemmeudvalg: Lise Bang og Ole Brandt"]


@pytest.mark.parametrize(
    "line",
    [
        "Referatet er godkendt pr. mail af bestyrelsen.",
        "Referat af mødet 4.3.2026 – godkendt af dirigenten 10.03.2026",
        "Godkendt d. 14/3-2026",
        "Forslagsstilleren trak forslaget tilbage efter debatten.",
    ],
)
def test_not_meeting_decisions(nlp, line):
    """The approval of the minutes document (by mail, by the dirigent, the signature date)
    and a proposal its proposer withdrew are no decisions of the meeting."""
    rec = record(nlp, ROSTER + ["# 7. Eventuelt", "Næste møde holdes i klubhuset.", line])
    assert texts(rec.decisions) == []


def test_body_withdrawing_its_proposal_is_a_decision(nlp):
    rec = record(nlp, ROSTER + ["# 4. Forslag", "Bestyrelsen trækker forslaget tilbage."])
    assert texts(rec.decisions) == ["Bestyrelsen trækker forslaget tilbage."]


def test_tally_before_its_outcome_is_not_a_decision_of_its_own(nlp):
    """'Resultatet blev 30 stemmer for X, 9 stemmer for Y. X blev dermed valgt.': the outcome
    is the decision, the tally its votes."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 3. Valg af leverandør",
            "Resultatet blev 30 stemmer for Nordlys, 9 stemmer for Vestnet. Nordlys blev dermed valgt som leverandør.",
        ],
    )
    assert texts(rec.decisions) == ["Nordlys blev dermed valgt som leverandør."]


def test_bare_outcome_after_a_line_ending_in_colon_keeps_it(nlp):
    """'Lise Bang og Ole Brandt genopstiller:' / 'Begge blev valgt': one decision."""
    rec = record(
        nlp,
        ROSTER + ["5. Valg af revisorer", "Lise Bang og Ole Brandt genopstiller:", "Begge blev valgt", "6. Eventuelt"],
    )
    assert texts(rec.decisions) == ["Lise Bang og Ole Brandt genopstiller: Begge blev valgt"]


def test_consequence_sentence_joins_the_decision(nlp):
    rec = record(
        nlp,
        ROSTER
        + ["# 4. Vedtægter", "Ændringsforslaget blev vedtaget. Det betyder, at regnskabsåret følger kalenderåret."],
    )
    assert texts(rec.decisions) == [
        "Ændringsforslaget blev vedtaget. Det betyder, at regnskabsåret følger kalenderåret."
    ]


def test_forecast_after_the_decision_under_its_label(nlp):
    rec = record(
        nlp,
        ROSTER + ["# 3. Skolestruktur", "Beslutning Godkendt. Sagen forventes genoptaget på mødet i januar."],
    )
    assert texts(rec.decisions) == ["Godkendt."]
