"""Second round of real layouts (synthetic documents, invented names): agenda tables,
owners of agenda items written in the many ways real agendas write them, titles
wrapped onto a second line, and the end of the agenda before appended reports."""

from __future__ import annotations

from pipeline.extract.agenda import agenda_items
from pipeline.extract.people import Roster
from pipeline.segment import segment
from pipeline.types import RawBlock, SourceDocument


def blocks_of(lines, fmt="txt"):
    """Lines as paragraphs; a (kind, text) or (kind, level, text) tuple gives the kind;
    a table_row's text is split on tabs into its cells."""
    raw = []
    for x in lines:
        if isinstance(x, str):
            x = ("paragraph", 0, x)
        elif len(x) == 2:
            x = (x[0], 1 if x[0] in ("heading", "list_item") else 0, x[1])
        kind, level, text = x
        cells = text.split("\t") if kind == "table_row" else None
        raw.append(RawBlock(kind=kind, level=level, text=text, cells=cells))
    return SourceDocument.from_blocks(raw, doc_id="x", path="x", name="x", format=fmt, reader="t").blocks


ROSTER = Roster(names=["Sanne Holt", "Peter Vang", "Lone Birk", "Emil Krag", "Tine Maj"])


def items_of(lines, roster=ROSTER, fmt="txt"):
    seg = segment(blocks_of(lines, fmt))
    return [(a.number, a.title, a.owner) for a in agenda_items(seg.items, roster, "x")]


# --------------------------------------------------------------- an agenda table


def test_agenda_table_rows_are_items_with_their_owner_column():
    got = items_of(
        [
            "Dagsorden til ledermøde",
            "Hvor: Hytten",
            ("table_row", "Pkt.\tEmne\tAnsvarlig\tTid"),
            ("table_row", "1\tGodkendelse af dagsorden\tSanne Holt\t5 min"),
            ("table_row", "2\tSommerlejr\tPeter Vang,\t20 min"),
            ("table_row", "Lone Birk"),
            ("table_row", "3\tEvt.\t5 min"),
            "Bemærkninger",
            "Ad 2: Lejren holdes i uge 28. Peter booker bussen.",
        ]
    )
    assert got == [
        ("1", "Godkendelse af dagsorden", "Sanne Holt"),
        ("2", "Sommerlejr", "Peter Vang, Lone Birk"),
        ("3", "Evt.", None),
    ]


def test_agenda_table_sections_after_it_hold_the_text():
    seg = segment(
        blocks_of(
            [
                "Dagsorden",
                ("table_row", "Nr.\tPunkt\tTovholder"),
                ("table_row", "1\tBudget\tEmil Krag"),
                ("table_row", "2\tHjemmeside\tTine Maj"),
                "Ad 1: Budgettet blev gennemgået.",
                "Ad 2: Tine opdaterer siden.",
            ]
        )
    )
    assert [(it.number, it.title) for it in seg.items] == [("1", "Budget"), ("2", "Hjemmeside")]
    assert [b.text for b in seg.items[1].blocks] == [
        "Ad 2: Tine opdaterer siden."
    ] or "Tine opdaterer siden." in " ".join(b.text for b in seg.items[1].blocks)


def test_a_data_table_is_not_an_agenda_table():
    got = items_of(
        [
            "Referat",
            "1. Regnskab",
            ("table_row", "Post\tBeløb"),
            ("table_row", "1\t200 kr."),
            ("table_row", "2\t300 kr."),
            "2. Eventuelt",
        ]
    )
    assert [n for n, _, _ in got] == ["1", "2"]


# --------------------------------------------------------------- owners


def test_owner_in_parentheses_in_the_agenda_line_by_initials():
    got = items_of(
        ["Referat", "Dagsorden", "1. Budget (ansvarlig: EK)", "2. Hjemmesiden (oplæg ved TM)", "3. Eventuelt"]
    )
    assert got == [("1", "Budget", "Emil Krag"), ("2", "Hjemmesiden", "Tine Maj"), ("3", "Eventuelt", None)]


def test_two_owners_on_an_owner_line_are_joined():
    got = items_of(
        ["Dagsorden", "Pkt. 1. Korweekend", "Ansvarlig: Sanne Holt og Peter Vang", "Budget.", "Pkt. 2. Eventuelt"]
    )
    assert got[0] == ("1", "Korweekend", "Sanne Holt, Peter Vang")


def test_owner_line_with_a_role_and_a_parenthesised_note():
    got = items_of(
        [
            "Dagsorden",
            "Pkt. 1. Økonomi",
            "Ansvarlig: Kasserer Emil Krag (fremlægges af Sanne, da",
            "Emil kommer senere)",
            "Pkt. 2. Eventuelt",
        ]
    )
    assert got[0] == ("1", "Økonomi", "Emil Krag")


def test_presenter_sentence_under_the_item():
    got = items_of(
        [
            "Referat",
            "1. Kirkegården",
            "Oplæg ved graver Bent Smed, som deltog under punktet. Der er behov for en ny fællesgrav.",
            "2. Eventuelt",
        ]
    )
    assert got[0] == ("1", "Kirkegården", "Bent Smed")


def test_a_sentence_starting_like_a_label_names_no_owner():
    got = items_of(
        ["Referat", "1. Kirkegården", "Ved kirken er der brug for nye bænke, og vi drøftede det.", "2. Eventuelt"]
    )
    assert got[0] == ("1", "Kirkegården", None)


# --------------------------------------------------------------- titles wrapped onto a second line


def test_title_wrapped_onto_a_lowercase_second_line():
    got = items_of(
        [
            "Dagsorden",
            "Pkt. 1. Økonomi – regnskab og ansøgning til kommunens",
            "kulturpulje",
            "Ansvarlig: Emil Krag",
            "Pkt. 2. Eventuelt",
        ]
    )
    assert got[0] == ("1", "Økonomi – regnskab og ansøgning til kommunens kulturpulje", "Emil Krag")


# --------------------------------------------------------------- reports and appendices


def titles(lines, fmt="pdf"):
    seg = segment(blocks_of(lines, fmt))
    return [it.title for it in seg.items if it.agenda]


def test_sub_headings_of_a_report_item_are_its_text():
    got = titles(
        [
            ("title", 0, "Referat"),
            ("heading", 2, "Valg af dirigent"),
            "Bo Lund blev valgt.",
            ("heading", 2, "Aflæggelse af beretninger:"),
            ("heading", 3, "Håndbold ved Eva Dam."),
            "Sæsonen gik godt.",
            ("heading", 4, "Tak til"),
            "Trænerne",
            ("heading", 3, "Tennis ved Ib Bro."),
            "To nye baner.",
            ("heading", 2, "Regnskab"),
            "Godkendt.",
            ("heading", 3, "Valg til bestyrelsen"),
            "Ole blev valgt.",
            ("heading", 2, "Eventuelt"),
            "Intet.",
        ]
    )
    assert got == ["Valg af dirigent", "Aflæggelse af beretninger", "Regnskab", "Valg til bestyrelsen", "Eventuelt"]


def test_an_appendix_heading_ends_the_agenda():
    seg = segment(
        blocks_of(
            [
                ("heading", 3, "Referat af generalforsamling"),
                ("heading", 3, "Valg af dirigent"),
                "Eva blev valgt.",
                ("heading", 3, "Vedtægtsændringer"),
                "Se bilag A.",
                ("heading", 3, "Eventuelt"),
                "Intet.",
                ("heading", 1, "Bilag"),
                ("heading", 2, "Bilag A"),
                ("heading", 1, "Ny tekst til § 4"),
                ("heading", 3, "Tekstændringer til § 4:"),
                "Bestyrelsen består af fem medlemmer.",
            ],
            "pdf",
        )
    )
    assert [it.title for it in seg.items if it.agenda] == ["Valg af dirigent", "Vedtægtsændringer", "Eventuelt"]
    assert "Bestyrelsen består af fem medlemmer." in [b.text for it in seg.items for b in it.blocks]


def test_an_appendix_of_numbered_headings_after_numbered_items():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "1. Valg af dirigent",
                "Eva blev valgt.",
                "2. Eventuelt",
                "Intet.",
                ("heading", 1, "Bilag 1: Budget"),
                "1. Indtægter",
                "2. Udgifter",
            ]
        )
    )
    assert [it.title for it in seg.items if it.agenda] == ["Valg af dirigent", "Eventuelt"]


# --------------------------------------------------------------- logbooks with label lines


def test_label_lines_leading_lists_in_logbook_entries_are_items():
    got = titles(
        [
            ("title", 0, "Logbog"),
            ("heading", 1, "3/2"),
            "Vejledermøde:",
            "Referat:",
            "MOTOR:",
            ("list_item", "Motoren larmer"),
            ("list_item", "Ny driver bestilles"),
            "Mail til Bo:",
            ("list_item", "Hvornår er næste møde?"),
            ("heading", 1, "10/2"),
            "Styring:",
            ("list_item", "PID virker"),
            "Rapport",
            ("list_item", "Afsnit 2 skrives"),
            ("heading", 2, "Plan"),
            "Vi følger planen.",
        ],
        "docx",
    )
    assert got == ["MOTOR", "Mail til Bo", "Styring", "Rapport", "Plan"]


def test_reports_appended_after_the_closing_item_end_the_agenda():
    got = titles(
        [
            ("title", 0, "Referat"),
            ("heading", 3, "Valg af dirigent:"),
            "Eva blev valgt.",
            ("heading", 3, "Regnskab:"),
            "Godkendt.",
            ("heading", 3, "Eventuelt:"),
            "Intet.",
            ("heading", 3, "Prisuddeling:"),
            "Årets træner: Bo Holm.",
            ("heading", 3, "Årsberetning 2024 – Håndbold"),
            "Sæsonen gik godt.",
            ("heading", 3, "Tak til"),
            "Trænerne",
            ("heading", 1, "Årsberetning Gymnastik"),
            "Vi voksede.",
        ]
    )
    assert got == ["Valg af dirigent", "Regnskab", "Eventuelt", "Prisuddeling"]


def test_numbered_lines_under_unnumbered_headings_are_their_sub_items():
    seg = segment(
        blocks_of(
            [
                ("title", 0, "Referat"),
                ("heading", 3, "Valg af dirigent:"),
                "Eva blev valgt.",
                ("heading", 3, "Regnskab:"),
                "Godkendt.",
                ("heading", 3, "Valg til bestyrelsen:"),
                "1. Valg af formand: Bo Holm blev valgt.",
                "2. Valg af kasserer: Ida Sand blev genvalgt.",
                "3. Valg af suppleant: Ole Ry blev valgt.",
                ("heading", 3, "Eventuelt:"),
                "Intet.",
            ],
            "pdf",
        )
    )
    assert [it.title for it in seg.items if it.agenda] == [
        "Valg af dirigent",
        "Regnskab",
        "Valg til bestyrelsen",
        "Valg af formand",
        "Valg af kasserer",
        "Valg af suppleant",
        "Eventuelt",
    ]
    assert [b.text for it in seg.items if it.title == "Valg af kasserer" for b in it.blocks] == [
        "Ida Sand blev genvalgt."
    ]
    assert [b.text for it in seg.items if it.title == "Eventuelt" for b in it.blocks] == ["Intet."]


def test_minutes_sub_item_whose_earlier_letters_were_lost():
    seg = segment(
        blocks_of(
            [
                "Referat",
                "1. Valg af dirigent",
                "2. Eventuelt",
                "a. Orientering om tage",
                "b. Orientering om udgifter",
                "Ad 1. Valg af dirigent",
                "Eva blev valgt.",
                "Ad 2. Eventuelt",
                "Der blev orienteret om tagene.",
                "c. Øvrigt",
                "Spørgsmål om bådpladser.",
            ]
        )
    )
    assert [(it.number, it.title) for it in seg.items] == [
        ("1", "Valg af dirigent"),
        ("2", "Eventuelt"),
        ("2a", "Orientering om tage"),
        ("2b", "Orientering om udgifter"),
        ("2c", "Øvrigt"),
    ]
    assert [b.text for b in seg.items[-1].blocks] == ["Spørgsmål om bådpladser."]


def test_a_roman_numbered_list_under_an_item_is_not_its_title():
    got = items_of(["Dagsorden", "Pkt. 1  Meddelelser", "i. Formanden", "ii. Kassereren", "Pkt. 2  Eventuelt"])
    assert got[0] == ("1", "Meddelelser", None)
