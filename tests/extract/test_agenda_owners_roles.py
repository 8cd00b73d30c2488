"""Item owners written with their title or as a role: 'Sagsansvarlig: Økonomichef X' among
other fields on one line, '(v/ administrator)' for the one participant who is the
administrator, 'Børne- og ungedirektør X' (a suspended compound is part of the title)."""

from __future__ import annotations

from tests.helpers.records import extract_lines, record_of, table_row


def _owners(rec: dict) -> dict[str, str | None]:
    return {i["number"]: i["owner"] for i in rec["agenda_items"]}


def test_an_owner_field_among_others_on_one_line_loses_its_title(nlp):
    rec = extract_lines(
        nlp,
        [
            "Dagsorden for Økonomiudvalget 4. maj 2031",
            ("h", "1. Budgetopfølgning"),
            "Sagsnr.: 00.30.14-S00-2-31 · Sagsansvarlig: Økonomichef Lis Thorsen",
            ("h", "2. Anlægsregnskaber"),
            "Oplæg ved: Kommunaldirektør Hans Brink",
            ("h", "3. Eventuelt"),
        ],
    )
    assert _owners(rec) == {"1": "Lis Thorsen", "2": "Hans Brink", "3": None}


def test_a_role_as_owner_is_the_participant_holding_it(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af generalforsamling 3. marts 2031",
            "Til stede: Bo Lind (formand), Henrik Dahl (administrator)",
            ("h", "1. Valg af dirigent"),
            "Bo Lind blev valgt.",
            ("h", "2. Regnskab (v/ administrator)"),
            "Godkendt.",
            ("h", "3. Beretning (v/ Bo Lind)"),
        ],
    )
    assert _owners(rec) == {"1": None, "2": "Henrik Dahl", "3": "Bo Lind"}


def test_a_suspended_compound_title_is_not_a_name(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af udvalgsmøde 3. marts 2031",
            "Fra forvaltningen: Børne- og ungedirektør Rasmus Thing, Kultur- og fritidschef Anja Brink",
        ],
    )
    assert rec["attendees"] == ["Rasmus Thing", "Anja Brink"]


def test_a_portal_field_heading_over_its_value_gives_the_owner(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af Børne- og Ungeudvalget 3. marts 2031",
            ("h", "1. Godkendelse af dagsorden"),
            ("h", "2. Høring om skolestruktur"),
            ("h", "Sagsnr.", 4),
            "17.01.00-A00-2-31",
            ("h", "Oplæg ved", 4),
            "Skolechef Anders Bøg",
            ("h", "Beslutning", 4),
            "Godkendt.",
            ("h", "3. Eventuelt"),
        ],
    )
    assert _owners(rec) == {"1": None, "2": "Anders Bøg", "3": None}


def test_a_company_after_a_dash_stays_in_the_title(nlp):
    rec = extract_lines(
        nlp,
        [
            "Dagsorden for Økonomiudvalget 4. maj 2031",
            ("h", "1. Kommunegaranti for lån – Vestby Fjernvarme A.m.b.a."),
            ("h", "2. Valg af dirigent – Knud Holm blev valgt"),
            ("h", "3. Eventuelt"),
        ],
    )
    assert [i["title"] for i in rec["agenda_items"]] == [
        "Kommunegaranti for lån – Vestby Fjernvarme A.m.b.a.",
        "Valg af dirigent",
        "Eventuelt",
    ]


def test_short_forms_the_document_explains(nlp):
    from pipeline.types import BlockKind, RawBlock

    raw = [
        RawBlock(kind=BlockKind.title, text="Referat af styregruppemøde 5. marts 2031"),
        table_row("Init.", "Navn", "Rolle", "Status"),
        table_row("PWI", "Pia Winding", "IT-chef", "Deltog"),
        table_row("HNK", "Henrik Nørlund", "Projektleder", "Deltog"),
        RawBlock(kind=BlockKind.paragraph, text="Initialer: TAS = Thomas Asmund · @madsk = Mads Holm Kjær"),
        RawBlock(kind=BlockKind.heading, text="1. Status (ansv.: HNK)", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Status for PWI's team."),
        RawBlock(kind=BlockKind.heading, text="2. Budget (ansv.: TAS)", level=1),
        RawBlock(kind=BlockKind.heading, text="3. Telte (ansv.: @madsk)", level=1),
    ]
    rec = record_of(nlp, raw, "md")
    assert [(a.number, a.owner) for a in rec.agenda_items] == [
        ("1", "Henrik Nørlund"),
        ("2", "Thomas Asmund"),
        ("3", "Mads Holm Kjær"),
    ]


def test_initials_in_a_names_note(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af møde i udvalget 21. januar 2031",
            "Deltagere: Rasmus Krogh (RK, formand), Dorte Winther (DWI, referent)",
            ("h", "1. Turneringsplan"),
            "DWI udsender planen til klubberne senest 6/2.",
            ("h", "2. Eventuelt"),
        ],
    )
    assert [a["owners"] for a in rec["actions"]] == [["Dorte Winther"]]


def test_a_partys_letters_are_no_ones_initials(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af udvalgsmøde 21. januar 2031",
            "Deltagere: Karen Holm (SF, formand), Bo Lind (V)",
            ("h", "1. Budget"),
            "SF undersøger sagen inden næste møde.",
            ("h", "2. Eventuelt"),
        ],
    )
    assert all("Karen Holm" not in a["owners"] for a in rec["actions"])
