"""Layouts of real minutes the segmenter must read (synthetic documents, invented names):
sub-items, titles ending in '.', inline outcomes, an agenda followed by the minutes,
documents without numbered items, logbooks of dated entries, broken numbering."""

from __future__ import annotations

import pytest

from pipeline.segment import match_item_heading, segment
from pipeline.types import RawBlock, SourceDocument


def blocks_of(lines, fmt="txt"):
    """Lines as paragraphs; a (kind, text) or (kind, level, text) tuple gives the kind."""
    raw = []
    for x in lines:
        if isinstance(x, str):
            raw.append(RawBlock(kind="paragraph", text=x))
        elif len(x) == 2:
            raw.append(RawBlock(kind=x[0], text=x[1], level=1 if x[0] in ("heading", "list_item") else 0))
        else:
            raw.append(RawBlock(kind=x[0], level=x[1], text=x[2]))
    return SourceDocument.from_blocks(raw, doc_id="x", path="x", name="x", format=fmt, reader="t").blocks


def numbers_titles(seg):
    return [(it.number, it.title) for it in seg.items if it.agenda]


def body(seg, number):
    return [b.text for it in seg.items if it.number == number for b in it.blocks]


# --------------------------------------------------------------- the pattern table


@pytest.mark.parametrize(
    "text,number,title",
    [
        ("1. Valg af ordstyrer", "1", "Valg af ordstyrer"),  # numbered
        ("1 ) Valg af ordstyrer", "1", "Valg af ordstyrer"),  # numbered, spaced
        ("1.Valg af ordstyrer.", "1", "Valg af ordstyrer."),  # numbered, no space
        ("4... Fuldmagt", "4", "Fuldmagt"),  # numbered, OCR dots
        ("3. Godkendelse af referat fra mødet den 4. maj.", "3", "Godkendelse af referat fra mødet den 4. maj."),
        ("Punkt 2 Regnskab", "2", "Regnskab"),  # punkt
        ("Sag nr. 12 – Vejplan", "12", "Vejplan"),  # sag
        ("Ad pkt. 3 Kontingent", "3", "Kontingent"),  # ad
        ("Ad 2", "2", "Ad 2"),  # ad, no title
        ("§ 4 Valg af kasserer.", "4", "Valg af kasserer."),  # paragraph sign
        ("§1 Til stede:", "1", "Til stede"),
        ("6a) Valg af suppleant", "6a", "Valg af suppleant"),  # number + letter
        ("3.a Havevandring", "3a", "Havevandring"),  # number, dot, letter
        ("3 b Hække og ukrudt", "3b", "Hække og ukrudt"),  # number, space, letter
        ("5.2 Forslag om hegn", "5.2", "Forslag om hegn"),  # decimal
        ("B. Kassererens beretning", "B", "Kassererens beretning"),  # lettered
        ("A: Valg af ordstyrer.", "A", "Valg af ordstyrer."),
        ("b) Valg af revisor", "b", "Valg af revisor"),
        ("a ) Valg af revisor", "a", "Valg af revisor"),
        ("(c) Valg af kasserer.", "c", "Valg af kasserer."),
    ],
)
def test_pattern_table(text, number, title):
    hit = match_item_heading(blocks_of([text])[0])
    assert hit is not None and (hit[0], hit[1]) == (number, title)


@pytest.mark.parametrize(
    "text",
    [
        "(a) Ida Holmgaard Brun;",  # an enumeration of names, not a heading
        "C. Jonas Vibe; og",
        "Punkt 2-5 er næsten ens og kan slås sammen",  # a range of items, in prose
        "12. marts 2024",
    ],
)
def test_not_headings(text):
    assert match_item_heading(blocks_of([text])[0]) is None


def test_a_time_is_not_a_decimal_sub_item():
    seg = segment(blocks_of(["Program", "1. Velkomst", "19.30 Kaffe", "2. Eventuelt"]))
    assert [n for n, _ in numbers_titles(seg)] == ["1", "2"]


# --------------------------------------------------------------- sub-items and styles


def test_lettered_sub_items_are_numbered_under_their_item():
    seg = segment(
        blocks_of(
            [
                "Referat af generalforsamling",
                "1. Valg af ordstyrer",
                "Gitte Lund blev valgt.",
                "2. Indkomne forslag",
                "a) Forslag om ny bænk",
                "Vedtaget.",
                "b) Forslag om flagstang",
                "Forkastet.",
                "3. Eventuelt",
                "Intet.",
            ]
        )
    )
    assert numbers_titles(seg) == [
        ("1", "Valg af ordstyrer"),
        ("2", "Indkomne forslag"),
        ("2a", "Forslag om ny bænk"),
        ("2b", "Forslag om flagstang"),
        ("3", "Eventuelt"),
    ]
    assert body(seg, "2b") == ["Forkastet."]


def test_decimal_and_letter_number_sub_items():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "1. Budget",
                "Godkendt.",
                "2. Forslag",
                "2.1 Hegn mod vejen",
                "Vedtaget.",
                "2.2 Ny belysning",
                "Udsat.",
                "3. Valg",
                "3a) Valg af suppleant",
                "Ole Vang blev valgt.",
                "4. Evt.",
            ]
        )
    )
    assert [n for n, _ in numbers_titles(seg)] == ["1", "2", "2.1", "2.2", "3", "3a", "4"]
    assert body(seg, "2.1") == ["Vedtaget."]


def test_parenthesised_names_are_not_sub_items_but_parenthesised_titles_are():
    seg = segment(
        blocks_of(
            [
                "Referat af generalforsamling",
                "§1 Til stede:",
                "(a) Ida Holmgaard Brun;",
                "(b) Jonas Vibe; og",
                "(c) Lærke Sand.",
                "§2 Valg af dirigent.",
                "Ida Holmgaard Brun stiller op. Enstemmigt vedtaget.",
                "§3 Valg af bestyrelse.",
                "(a) Valg af formand.",
                "Jonas Vibe genopstiller.",
                "(b) Valg af kasserer.",
                "Lærke Sand stiller op.",
            ]
        )
    )
    assert numbers_titles(seg) == [
        ("1", "Til stede"),
        ("2", "Valg af dirigent."),
        ("3", "Valg af bestyrelse."),
        ("3a", "Valg af formand."),
        ("3b", "Valg af kasserer."),
    ]
    assert body(seg, "1") == ["(a) Ida Holmgaard Brun;", "(b) Jonas Vibe; og", "(c) Lærke Sand."]


def test_letter_colon_items():
    seg = segment(blocks_of(["Referat", "A: Valg af dirigent.", "Per Friis.", "B: Beretning.", "Godkendt."]))
    assert numbers_titles(seg) == [("A", "Valg af dirigent."), ("B", "Beretning.")]


def test_inline_outcome_after_the_title_stays_as_body_text():
    seg = segment(
        blocks_of(
            [
                "Referat af generalforsamling",
                "1. Valg af dirigent – Knud Engholm blev valgt",
                "2. Valg af referent: Sanne Krogh",
                "3. Beretning. Beretningen blev godkendt uden bemærkninger.",
                "4. Lukket: Salg af grund",
            ]
        )
    )
    assert numbers_titles(seg) == [
        ("1", "Valg af dirigent"),
        ("2", "Valg af referent"),
        ("3", "Beretning."),
        ("4", "Lukket: Salg af grund"),
    ]
    assert body(seg, "1") == ["Knud Engholm blev valgt"]
    assert body(seg, "2") == ["Sanne Krogh"]
    assert body(seg, "3") == ["Beretningen blev godkendt uden bemærkninger."]
    first = seg.items[0].blocks[0]
    assert first.text == first.model_dump()["text"] and first.end - first.start == len(first.text)


# --------------------------------------------------------------- agenda, then minutes


@pytest.mark.parametrize("minutes_heading", ["Ad {n}", "Ad pkt. {n}", "Punkt {n}", "{n}. {t}", "Ad {n}. {t}"])
def test_agenda_then_minutes_sections_are_the_items(minutes_heading):
    titles = ["Valg af dirigent", "Beretning", "Eventuelt"]
    lines = ["Referat af generalforsamling", "Dagsorden:"] + [f"{i}. {t}" for i, t in enumerate(titles, 1)]
    lines += ["Referent: Mona Klit"]
    bodies = ["Finn Dal blev valgt.", "Beretningen blev godkendt.", "Intet."]
    for i, (t, b) in enumerate(zip(titles, bodies), 1):
        lines += [minutes_heading.format(n=i, t=t), b]
    seg = segment(blocks_of(lines))
    assert numbers_titles(seg) == [("1", "Valg af dirigent"), ("2", "Beretning"), ("3", "Eventuelt")]
    assert [body(seg, str(i)) for i in (1, 2, 3)] == [[b] for b in bodies]
    assert "Referent: Mona Klit" in [b.text for b in seg.header]


def test_agenda_with_sub_items_then_minutes_with_sub_items():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "1. Valg af dirigent",
                "2. Valg til bestyrelsen",
                "a) Valg af kasserer. Bo ønsker ikke genvalg.",
                "b) Valg af suppleant",
                "3. Eventuelt",
                "1. Valg af dirigent",
                "Eva Holt blev valgt.",
                "2. Valg til bestyrelsen",
                "a) Valg af kasserer",
                "Lars Bro blev valgt.",
                "b) Valg af suppleant",
                "Tina Ry blev valgt.",
                "3. Eventuelt",
                "Intet.",
            ]
        )
    )
    assert [n for n, _ in numbers_titles(seg)] == ["1", "2", "2a", "2b", "3"]
    assert body(seg, "2a") == ["Lars Bro blev valgt."]
    assert body(seg, "3") == ["Intet."]


def test_agenda_items_missing_in_the_minutes_keep_the_agenda_line():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "Dagsorden",
                "1. Velkomst",
                "2. Regnskab",
                "3. Eventuelt",
                "Ad 2",
                "Regnskabet blev godkendt.",
                "Ad 3",
                "Intet.",
            ]
        )
    )
    assert numbers_titles(seg) == [("1", "Velkomst"), ("2", "Regnskab"), ("3", "Eventuelt")]
    assert body(seg, "2") == ["Regnskabet blev godkendt."]


def test_minutes_heading_repeating_the_title_with_an_outcome():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "1. Valg af dirigent",
                "2. Eventuelt",
                "1. Valg af dirigent: Hans Bæk",
                "2. Eventuelt",
                "Intet.",
            ]
        )
    )
    assert numbers_titles(seg) == [("1", "Valg af dirigent"), ("2", "Eventuelt")]
    assert body(seg, "1") == ["Hans Bæk"]


def test_a_numbered_list_in_an_item_body_is_not_a_restart():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "1. Velkomst",
                "Formanden bød velkommen.",
                "2. Økonomi",
                "1. Regnskabet er sendt ud.",
                "2. Budgettet følger.",
                "3. Eventuelt",
            ]
        )
    )
    assert [n for n, _ in numbers_titles(seg)] == ["1", "2", "3"]
    assert body(seg, "2") == ["1. Regnskabet er sendt ud.", "2. Budgettet følger."]


def test_invitation_with_following_agenda():
    seg = segment(
        blocks_of(
            [
                "Indkaldelse",
                "Der indkaldes til generalforsamling med følgende dagsorden:",
                "1. Valg af dirigent",
                "2. Beretning",
                "3. Eventuelt",
            ]
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Valg af dirigent", "Beretning", "Eventuelt"]


def test_broken_numbering_every_item_one():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "Dagsorden",
                "1. Valg af dirigent: Ib Holm",
                "1. Valg af referent: Eva Mose",
                "1. Beretning",
                "Godkendt.",
                "1. Eventuelt",
                "Intet.",
            ]
        )
    )
    assert numbers_titles(seg) == [
        ("1", "Valg af dirigent"),
        ("2", "Valg af referent"),
        ("3", "Beretning"),
        ("4", "Eventuelt"),
    ]
    assert body(seg, "3") == ["Godkendt."]


# --------------------------------------------------------------- no numbered items


def test_run_in_headings_ending_in_a_colon():
    seg = segment(
        blocks_of(
            [
                "Årsmøde",
                "den 3. april 2025 i klubhuset",
                "Valg af dirigent:",
                "Bo Sand blev valgt.",
                "Formandens beretning:",
                "Året har været godt.",
                "Beretningen blev godkendt.",
                "Kontingent:",
                "Uændret. Det blev vedtaget.",
                "Eventuelt:",
                "Intet.",
            ]
        )
    )
    assert [t for _, t in numbers_titles(seg)] == [
        "Valg af dirigent",
        "Formandens beretning",
        "Kontingent",
        "Eventuelt",
    ]
    assert body(seg, "3") == ["Uændret. Det blev vedtaget."]


def test_labels_are_not_run_in_headings():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "Til stede:",
                "Eva Holm",
                "Afbud:",
                "Bo Lund",
                "Budget:",
                "Godkendt.",
                "Beslutning:",
                "Budgettet vedtages.",
                "Eventuelt:",
                "Intet.",
            ]
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Budget", "Eventuelt"]
    assert body(seg, "1") == ["Godkendt.", "Beslutning:", "Budgettet vedtages."]


def test_short_lines_leading_lists_are_headings():
    seg = segment(
        blocks_of(
            [
                "Referat af bestyrelsesmøde den 2. maj",
                "Tilstede:",
                ("list_item", "Eva Holm"),
                "Konstituering",
                ("list_item", "Formand: Eva Holm"),
                "Punkter drøftet",
                ("list_item", "Det besluttes at male skuret."),
                "Eventuelt",
                "Intet.",
            ]
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Konstituering", "Punkter drøftet"]


def test_bullets_as_topics_under_emner():
    seg = segment(
        blocks_of(
            [
                "Referat af møde i festudvalget",
                "Emner:",
                ("list_item", "Sommerfest"),
                ("list_item", "Juletræ: Bo køber træet."),
                ("list_item", "Eventuelt"),
            ]
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Sommerfest", "Juletræ", "Eventuelt"]
    assert body(seg, "2") == ["Bo køber træet."]


def test_bold_headings_of_any_level_without_numbers():
    seg = segment(
        blocks_of(
            [
                ("title", 0, "Referat"),
                ("heading", 2, "Velkomst"),
                "Bo bød velkommen.",
                ("heading", 3, "Økonomi"),
                "Godkendt.",
                ("heading", 3, "Eventuelt"),
                "Intet.",
            ],
            "docx",
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Velkomst", "Økonomi", "Eventuelt"]


# --------------------------------------------------------------- logbooks of dated entries


def test_dated_entries_are_sections_not_agenda_items():
    seg = segment(
        blocks_of(
            [
                ("title", 0, "Logbog"),
                ("heading", 1, "Uge 9"),
                ("heading", 2, "24/02"),
                "Mads kigger på motoren.",
                ("heading", 3, "Sensorer"),
                "Sensoren virker.",
                ("heading", 2, "## 27/02"),
                "Vi har afleveret rapporten.",
            ],
            "md",
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Sensorer"]
    sections = [it for it in seg.items if not it.agenda]
    assert [it.title for it in sections] == ["Uge 9", "24/02", "27/02"]
    assert [b.text for b in sections[1].blocks] == ["Mads kigger på motoren."]
    assert [b.text for b in sections[2].blocks] == ["Vi har afleveret rapporten."]
    assert len({it.number for it in seg.items}) == len(seg.items)


def test_logbook_entries_with_an_agenda_list_give_its_entries():
    seg = segment(
        blocks_of(
            [
                ("title", 0, "Logbog"),
                ("heading", 2, "Tirsdag d. 3/03"),
                "Sted: Lokale 4",
                ("heading", 4, "Dagsorden"),
                ("list_item", "Gennemgå kravene"),
                ("list_item", "Plan for sprint 2"),
                ("heading", 4, "Referat af gruppemøde"),
                ("list_item", "Kravene blev gennemgået."),
                ("heading", 2, "Torsdag d. 5/03"),
                "Dagsorden: Skriv rapporten",
                ("heading", 4, "Referat"),
                "Vi skrev.",
            ],
            "md",
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Gennemgå kravene", "Plan for sprint 2", "Skriv rapporten"]
    entry = [it for it in seg.items if not it.agenda][0]
    assert "Kravene blev gennemgået." in [b.text for b in entry.blocks]


def test_a_numbered_list_inside_a_logbook_entry_does_not_hide_the_entries():
    seg = segment(
        blocks_of(
            [
                ("title", 0, "Logbog"),
                ("heading", 2, "Tirsdag d. 3/03"),
                ("heading", 4, "Dagsorden"),
                ("list_item", "Gennemgå kravene"),
                ("list_item", "Plan for sprint 2"),
                ("list_item", "Aftal roller"),
                ("heading", 4, "Spørgsmål"),
                ("list_item", "1. Må vi bruge en database?"),
                ("list_item", "2. Hvem er brugeren?"),
                ("heading", 2, "Torsdag d. 5/03"),
                "Dagsorden: Skriv rapporten",
            ],
            "md",
        )
    )
    assert [t for _, t in numbers_titles(seg)] == [
        "Gennemgå kravene",
        "Plan for sprint 2",
        "Aftal roller",
        "Skriv rapporten",
    ]


def test_sentences_styled_as_headings_are_body_text():
    seg = segment(
        blocks_of(
            [
                ("title", 0, "Referat"),
                ("heading", 2, "Valg af dirigent"),
                ("heading", 3, "Ole Bak blev valgt. Dirigenten konstaterede, at mødet var lovligt."),
                ("heading", 2, "Beretning"),
                ("heading", 3, "Beretningen blev godkendt uden ændringer."),
                ("heading", 3, "Fodboldskole uge 26"),
                "Der var 80 børn.",
            ],
            "pdf",
        )
    )
    assert [t for _, t in numbers_titles(seg)] == ["Valg af dirigent", "Beretning", "Fodboldskole uge 26"]
    assert body(seg, "1") == ["Ole Bak blev valgt. Dirigenten konstaterede, at mødet var lovligt."]
