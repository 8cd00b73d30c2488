"""Third round of real layouts (synthetic documents, invented names): checklists of
numbered tasks, numbers in a column apart from their titles, decimal sub-items that
are no dates, sub-items written as short lines under a heading or as "Forslag A:"
labels, run-in items with their outcome, posts under an election item, and owners in
parentheses after the title."""

from __future__ import annotations

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
        raw.append(RawBlock(kind=kind, level=level, text=text))
    return SourceDocument.from_blocks(raw, doc_id="x", path="x", name="x", format=fmt, reader="t").blocks


ROSTER = Roster(names=["Sanne Holt", "Peter Vang", "Lone Birk", "Emil Krag", "Tine Maj"])


def items_of(lines, roster=ROSTER, fmt="txt"):
    seg = segment(blocks_of(lines, fmt))
    return [(a.number, a.title, a.owner) for a in agenda_items(seg.items, roster, "x")]


def titles_of(lines, fmt="txt"):
    return [(n, t) for n, t, _ in items_of(lines, fmt=fmt)]


# --------------------------------------------------------------- checklists


def test_numbered_lines_ending_in_a_tick_are_tasks_not_items():
    got = titles_of(
        [
            ("title", "Projektgruppe – logbog"),
            ("heading", "Planlægning"),
            "Vi gennemgik opgaverne for næste sprint.",
            ("heading", "Opgaveliste"),
            "1. Ret testene i modulet ✅",
            "2. Skriv afsnit om metode ✅",
            "3. Tegn nyt diagram [x]",
            ("heading", "Næste møde"),
            "Vi mødes igen om en uge.",
        ]
    )
    assert got == [("1", "Planlægning"), ("2", "Opgaveliste"), ("3", "Næste møde")]


# --------------------------------------------------------------- numbers apart from titles


def test_a_number_alone_on_its_line_heads_the_title_after_it():
    got = titles_of(
        [
            "Referat af menighedsrådsmøde",
            "Fremmødte: Sanne Holt, Peter Vang",
            "1.",
            "Godkendelse af dagsorden",
            "Beslutning: Godkendt.",
            "2.",
            "Meddelelser",
            "a) Formanden",
            "Provstiet har skrevet om budgettet.",
            "b) Præsten",
            "Konfirmationerne holdes den 3. maj.",
            "3.",
            "Eventuelt",
            "Intet.",
        ]
    )
    assert got == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Meddelelser"),
        ("2a", "Formanden"),
        ("2b", "Præsten"),
        ("3", "Eventuelt"),
    ]


def test_decimal_sub_items_are_no_dated_entries():
    """'3.1 Fra lederen' reads like the date 3/1, but it stands under item 3."""
    got = titles_of(
        [
            ("title", "Skolebestyrelsesmøde"),
            ("heading", "Dagsorden"),
            ("list_item", "1. Godkendelse af dagsorden"),
            ("list_item", "2. Orientering"),
            ("list_item", "3. Eventuelt"),
            ("heading", "Referat"),
            ("heading", 2, "1. Godkendelse af dagsorden"),
            "Godkendt.",
            ("heading", 2, "2. Orientering"),
            ("heading", 3, "2.1 Fra lederen"),
            "Lederen orienterede om skoleåret.",
            ("heading", 3, "2.2 Fra elevrådet"),
            "Elevrådet ønsker flere bænke.",
            ("heading", 3, "2.3 Fra formanden"),
            "Formanden deltog i dialogmødet.",
            ("heading", 2, "3. Eventuelt"),
            "Intet.",
        ]
    )
    assert got == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Orientering"),
        ("2.1", "Fra lederen"),
        ("2.2", "Fra elevrådet"),
        ("2.3", "Fra formanden"),
        ("3", "Eventuelt"),
    ]


# --------------------------------------------------------------- owners in parentheses


def test_a_first_name_in_parentheses_after_the_title_is_the_owner():
    got = items_of(
        [
            ("heading", "Koordinatormøde – dagsorden"),
            "Deltagere: Sanne Holt (formand), Peter Vang (kasserer), Lone Birk",
            ("heading", 2, "Dagsorden og referat"),
            "1. Siden sidst _(Sanne)_",
            "Referat: Caféen havde mange besøgende.",
            "2. Økonomi _(Peter)_",
            "Referat: Kassen er fin.",
            "3. Vagtplan (Lone)",
            "Ansvarlig: Lone",
            "4. Badminton (inkl. Volley)",
            "Intet nyt.",
            "5. Budget (oplæg ved Emil Krag)",
            "Budgettet blev gennemgået.",
        ],
        fmt="md",
    )
    assert got == [
        ("1", "Siden sidst", "Sanne Holt"),
        ("2", "Økonomi", "Peter Vang"),
        ("3", "Vagtplan", "Lone Birk"),
        ("4", "Badminton (inkl. Volley)", None),
        ("5", "Budget", "Emil Krag"),
    ]


# --------------------------------------------------------------- sub-items in an item's text


def test_short_title_lines_each_followed_by_prose_are_sub_items():
    got = titles_of(
        [
            ("title", "Referat af generalforsamling"),
            ("heading", "Valg af dirigent"),
            "Ulla Krog blev valgt som dirigent.",
            ("heading", "Vedtægtsændringer"),
            "Ny formulering af formålsparagraffen",
            "Bestyrelsen foreslår en kortere formulering af foreningens formål.",
            "Stemmer",
            "For Imod Blanke",
            "18 0 2",
            "Forslaget er vedtaget.",
            "Kontingent for passive medlemmer",
            "Der blev foreslået et lavere kontingent for passive medlemmer.",
            "Forslaget blev trukket tilbage.",
            ("heading", "Eventuelt"),
            "Eventuelt A: Forslag om fælles spisning",
            "Der var stor opbakning til idéen om en fælles spisning.",
            "Eventuelt B: Forslag om ny hjemmeside",
            "Forslaget udskydes til næste generalforsamling.",
            ("heading", "Bilag"),
            "Bilag A: Den nye formålsparagraf.",
        ]
    )
    assert got == [
        ("1", "Valg af dirigent"),
        ("2", "Vedtægtsændringer"),
        ("2a", "Ny formulering af formålsparagraffen"),
        ("2b", "Kontingent for passive medlemmer"),
        ("3", "Eventuelt"),
        ("3A", "Forslag om fælles spisning"),
        ("3B", "Forslag om ny hjemmeside"),
    ]


def test_labelled_proposals_under_a_numbered_item_are_its_sub_items():
    got = titles_of(
        [
            "Referat af generalforsamling",
            "1. Valg af dirigent",
            "Ulla Krog blev valgt.",
            "2. Indkomne forslag",
            "Forslag 1: Hævelse af kontingentet",
            "Forslaget blev vedtaget med stort flertal.",
            "Forslag 2: Nyt hegn mod vejen",
            "Forslaget blev forkastet.",
            "3. Eventuelt",
            "Intet.",
        ]
    )
    assert got == [
        ("1", "Valg af dirigent"),
        ("2", "Indkomne forslag"),
        ("2.1", "Hævelse af kontingentet"),
        ("2.2", "Nyt hegn mod vejen"),
        ("3", "Eventuelt"),
    ]


def test_short_lines_of_a_wrapped_paragraph_are_no_sub_items():
    got = titles_of(
        [
            "Referat af bestyrelsesmøde",
            "1. Vedligehold",
            "Taget over cykelskuret skal efterses inden vinteren, og",
            "Tagrenderne på nordsiden",
            "skal renses. Peter Vang indhenter tilbud på arbejdet.",
            "Vinduespudsning i opgangene",
            "2. Eventuelt",
            "Intet.",
        ]
    )
    assert got == [("1", "Vedligehold"), ("2", "Eventuelt")]


# --------------------------------------------------------------- run-in items with their outcome


def test_run_in_items_with_their_outcome_and_posts_under_an_election():
    seg = segment(
        blocks_of(
            [
                "Årsmøde",
                "den 4-3-2026 i klubhuset",
                "Der var mødt 19 stemmeberettigede.",
                "Valg af dirigent: Peter Vang",
                "Stemmetællere: Lone Birk og Emil Krag",
                "Formandens beretning:",
                "Det har været et godt år med mange nye medlemmer.",
                "Kontingent:",
                "Uændret kontingent blev vedtaget.",
                "Valg af bestyrelse:",
                "Formand:",
                "Genvalgt for 2 år Sanne Holt",
                "Bestyrelsesmedlemmer:",
                "Tine Maj genvalgt for 2 år",
                "Revisorsuppleant:",
                "Nyvalgt Ole Dam",
                "Eventuelt:",
                "Der blev spurgt til nøglerne.",
            ]
        )
    )
    got = [(it.title, [b.text for b in it.blocks][:1]) for it in seg.items]
    assert got == [
        ("Valg af dirigent", ["Peter Vang"]),
        ("Stemmetællere", ["Lone Birk og Emil Krag"]),
        ("Formandens beretning", ["Det har været et godt år med mange nye medlemmer."]),
        ("Kontingent", ["Uændret kontingent blev vedtaget."]),
        ("Valg af bestyrelse", ["Formand:"]),
        ("Eventuelt", ["Der blev spurgt til nøglerne."]),
    ]


# --------------------------------------------------------------- a logbook of meetings


def test_logbook_entries_named_by_meeting_and_date_and_topics_as_bullets():
    seg = segment(
        blocks_of(
            [
                ("heading", "Møde med vejleder"),
                ("list_item", 1, "Gennemgang af projektplanen:"),
                ("list_item", 2, "Planen skal have flere milepæle."),
                ("list_item", 1, "Udkast til problemformulering"),
                ("list_item", 2, "Formuleringen er for bred."),
                ("list_item", 1, "Til næste møde"),
                ("list_item", 2, "Skriv nyt udkast."),
                ("heading", "Referat fra vejledermøde 30/09/2025"),
                ("list_item", 1, "Vi skal vælge en målgruppe og holde fast i den."),
                ("heading", "Gruppemøde d. 17-11"),
                ("list_item", 1, "Plan for næste iteration."),
                ("heading", "Gruppens tanker"),
                "1. Ret testene ✅",
                "2. Nyt diagram ✅",
                ("heading", "Referat til vejledermøde d. 18/11/2025"),
                ("list_item", 1, "Rapporten skal beskrive metoden kort."),
            ],
            fmt="md",
        )
    )
    # the first meeting, written under the document's title, has its topics as bullets;
    # an undated heading between the entries ("Gruppens tanker") stays a topic
    assert [it.title for it in seg.items if it.agenda] == [
        "Gennemgang af projektplanen",
        "Udkast til problemformulering",
        "Gruppens tanker",
    ]
    assert [it.title for it in seg.items if not it.agenda] == [
        "Referat fra vejledermøde 30/09/2025",
        "Gruppemøde d. 17-11",
        "Referat til vejledermøde d. 18/11/2025",
    ]


def test_ad_dagsordenens_punkt_headings_are_the_minutes_items():
    from pipeline.segment import segment as _segment
    from pipeline.types import BlockKind

    lines = [
        "Referat af generalforsamling i Andelsboligforeningen Rønnen 3. april 2031",
        "1. Valg af dirigent",
        "2. Beretning",
        "Fremmødt var 20 andelshavere, heraf 3 ved fuldmagt.",
        "Fra bestyrelsen deltog formand Ulla Holm, kasserer Bo Ravn og Eva Lund.",
        "Fra administrationen deltog Kim Sand.",
        "Ad dagsordenens punkt 1: Valg af dirigent",
        "Ulla Holm blev valgt.",
        "Dagsordenens punkt 2 – Beretning",
        "Beretningen blev godkendt.",
    ]
    doc = SourceDocument.from_blocks(
        [RawBlock(kind=BlockKind.paragraph, text=t) for t in lines],
        doc_id="t",
        path="x",
        name="x",
        format="txt",
        reader="t",
    )
    seg = _segment(doc.blocks)
    assert [b.text for b in seg.header][
        -1
    ] == "Fra administrationen deltog Kim Sand."  # the text between list and minutes
    assert [(i.number, i.title, [b.text for b in i.blocks]) for i in seg.items] == [
        ("1", "Valg af dirigent", ["Ulla Holm blev valgt."]),
        ("2", "Beretning", ["Beretningen blev godkendt."]),
    ]
