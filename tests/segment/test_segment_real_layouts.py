"""Third round of real layouts (synthetic documents, invented names): the outcome
written after the title on the item's line in the ways real minutes write it,
numbered lists inside headed items, headings that are a sentence, a date, a
signature or a name, and sub-items written as plain lines."""

from __future__ import annotations

import pytest

from pipeline.extract.agenda import agenda_items
from pipeline.extract.people import Roster
from pipeline.segment import segment
from pipeline.types import RawBlock, SourceDocument


def blocks_of(lines, fmt="txt"):
    """Lines as paragraphs; a (kind, text) or (kind, level, text) tuple gives the kind."""
    raw = []
    for x in lines:
        if isinstance(x, str):
            x = ("paragraph", 0, x)
        elif len(x) == 2:
            x = (x[0], 1 if x[0] in ("heading", "list_item") else 0, x[1])
        kind, level, text = x
        raw.append(RawBlock(kind=kind, level=level, text=text, cells=text.split("\t") if kind == "table_row" else None))
    return SourceDocument.from_blocks(raw, doc_id="x", path="x", name="x", format=fmt, reader="t").blocks


def items_of(lines, fmt="txt"):
    seg = segment(blocks_of(lines, fmt))
    return [(a.number, a.title) for a in agenda_items(seg.items, Roster(names=[]), "x")]


def sections_of(lines):
    return {it.number: [b.text for b in it.blocks] for it in segment(blocks_of(lines)).items}


# --------------------------------------------------------------- the outcome on the title's line

OUTCOME_ON_LINE = [
    ("Valg af ordstyrer: Jens Mølby. Han konstaterede, at mødet var lovligt indkaldt.", "Valg af ordstyrer"),
    ("Valg til bestyrelsen:Dirigenten spurgte efter kandidater, ingen meldte sig.", "Valg til bestyrelsen"),
    (
        "Formandens beretning: Der er 40 medlemmer i foreningen. Beretningen blev taget til efterretning.",
        "Formandens beretning",
    ),
    ("Valg af revisor. Kirsten Holm, Engvej 4", "Valg af revisor"),
    ("Valg af suppleant for det kommende år. Karin ønsker genvalg.", "Valg af suppleant for det kommende år"),
    ("Tennis (inkl. Padel): Udvalget fortsætter uændret.", "Tennis (inkl. Padel)"),
    ("Svømning: Udvalget fortsætter uændret.", "Svømning"),
    ("Valg af kasserer Birgit Lund ønsker genvalg - Godkendt", "Valg af kasserer"),
    ("Valg af revisor 2 Ebbe Jensen ønsker genvalg", "Valg af revisor 2"),
    ("Valg af kassererassistent Hans Ole Dahl og Carl Berg genopstiller", "Valg af kassererassistent"),
    # titles that stay whole
    ("Forslag: Nyt hegn mod vejen", "Forslag: Nyt hegn mod vejen"),
    ("Godkendelse af referat fra mødet den 4. maj.", "Godkendelse af referat fra mødet den 4. maj."),
    ("Valg af formand for festudvalget", "Valg af formand for festudvalget"),
]


@pytest.mark.parametrize("line,title", OUTCOME_ON_LINE)
def test_outcome_written_after_the_title_is_cut(line, title):
    got = items_of(["Referat af generalforsamling", "1. Godkendelse af dagsorden", f"2. {line}", "3. Eventuelt"])
    assert (got[1][0], got[1][1].rstrip(".")) == ("2", title.rstrip("."))
    if title != line:
        rest = sections_of(["Referat", "1. Godkendelse af dagsorden", f"2. {line}", "3. Eventuelt"])["2"][0]
        assert rest and line.endswith(rest)


# --------------------------------------------------------------- numbered lists under headings


def test_numbered_lists_restarting_under_each_heading_are_sub_items_of_the_headings():
    got = items_of(
        [
            ("heading", "Årsmøde i Egebakkens Idrætsforening"),
            ("heading", 2, "Beretninger fra afdelingerne"),
            "1. Svømning: Udvalget fortsætter uændret.",
            "2. Tennis (inkl. Padel): Udvalget fortsætter med et nyt medlem.",
            ("heading", 2, "Valg til bestyrelsen"),
            "1. Valg af kasserer Birgit Lund ønsker genvalg - Godkendt",
            "2. Valg af revisor Ebbe Jensen ønsker genvalg - Godkendt",
            ("heading", 2, "Eventuelt"),
            "Intet.",
        ]
    )
    titles = [t for _, t in got]
    assert titles == [
        "Beretninger fra afdelingerne",
        "Svømning",
        "Tennis (inkl. Padel)",
        "Valg til bestyrelsen",
        "Valg af kasserer",
        "Valg af revisor",
        "Eventuelt",
    ]


def test_numbered_sentences_under_headings_are_text():
    got = items_of(
        [
            ("heading", "Referat af generalforsamling"),
            ("heading", 2, "Formandens beretning"),
            "1.",
            "2. Der er søgt midler til en ny legeplads.",
            "3. Bestyrelsen har holdt møde med kommunen om stien.",
            ("heading", 2, "Regnskab"),
            "1.",
            "2. Regnskabet blev godkendt.",
            ("heading", 2, "Eventuelt"),
        ]
    )
    assert [t for _, t in got] == ["Formandens beretning", "Regnskab", "Eventuelt"]


# --------------------------------------------------------------- headings that are no items


def test_headings_ending_in_a_stop_at_the_items_level_are_titles_and_others_are_not():
    got = items_of(
        [
            ("title", "Referat"),
            ("heading", 4, "Generalforsamling 2023"),
            ("heading", 1, "Tirsdag den 14. marts 2023 kl. 19:30 i klubhuset"),
            ("heading", 3, "Dagsordenen blev godkendt."),
            ("heading", 2, "Valg af dirigent"),
            ("heading", 3, "Poul Krogh blev valgt og konstaterede, at mødet var lovligt indkaldt."),
            ("heading", 2, "Forelæggelse af det reviderede regnskab 2022 (samt budget 2023)."),
            ("heading", 3, "Regnskabet blev godkendt."),
            ("heading", 2, "Behandling af indkomne forslag."),
            ("heading", 2, "Eventuelt"),
            ("heading", 3, "Referat ved:"),
            ("heading", 3, "Hanne Brix"),
            ("heading", 3, "Tlf. 12 34 56 78"),
        ]
    )
    assert [t.rstrip(".") for _, t in got] == [
        "Valg af dirigent",
        "Forelæggelse af det reviderede regnskab 2022 (samt budget 2023)",
        "Behandling af indkomne forslag",
        "Eventuelt",
    ]


def test_numbered_headings_with_numbered_lists_under_their_fields_stay_the_items():
    got = items_of(
        [
            ("heading", "Referat af udvalgsmøde"),
            ("heading", 1, "1. Godkendelse af dagsorden"),
            ("heading", 1, "2. Nyt klubhus"),
            ("heading", 2, "Sagsbeskrivelse"),
            "1. Byggeriet starter til foråret.",
            "2. Tegningerne er klar.",
            ("heading", 1, "3. Energitiltag"),
            ("heading", 2, "Indstilling"),
            "1. Varmen skrues ned.",
            "2. Lyset slukkes om natten.",
        ]
    )
    assert [t for _, t in got] == ["Godkendelse af dagsorden", "Nyt klubhus", "Energitiltag"]


def test_a_sentence_split_over_two_heading_lines_is_no_item():
    got = items_of(
        [
            ("heading", 1, "Referat af ekstraordinær generalforsamling i E/F Havnegade 7"),
            "Afholdt 3. juni 2021 i kælderen.",
            ("heading", 2, "Den ekstraordinære generalforsamling skulle afgøre, om E/F Havnegade"),
            ("heading", 2, "7 skal have nye altaner, og i givet fald hvilken type."),
            "Fremmødte: 20 lejligheder.",
            "Forslaget blev vedtaget.",
        ]
    )
    assert got == []
