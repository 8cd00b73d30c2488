"""Participants in a narrow sidebar or a column of its own: the label a heading of its
own ("FRA BESTYRELSEN", "DESUDEN TIL STEDE"), one name a line, an entry going on over
lines ("Henrik Dahl," / "Boligadministration Vest ApS" / "(administrator)")."""

from __future__ import annotations

from tests.helpers.records import extract_lines, record_of, table_row

SIDEBAR = [
    ("h", "GRUNDEJERFORENINGEN TOFTEHAVEN", 2),
    "Ordinær generalforsamling 2031",
    ("h", "TID OG STED", 2),
    "Onsdag den 12. marts 2031 kl. 19.00",
    ("h", "FREMMØDTE", 2),
    "11 af 30 parceller var repræsenteret.",
    ("h", "FRA BESTYRELSEN", 2),
    "Inger Mølby, formand",
    "Tarik Hansen",
    "Afbud: Sune Klit (kasserer)",
    ("h", "DESUDEN TIL STEDE", 2),
    "Henrik Dahl,",
    "Boligadministration Vest ApS",
    "(administrator)",
    "Gitte Bro, nr. 7",
    ("h", "Referat af ordinær generalforsamling", 1),
    ("h", "1. Valg af dirigent", 2),
    "Gitte Bro blev valgt.",
    ("h", "2. Bestyrelsens beretning", 2),
    "Beretningen blev taget til efterretning.",
    ("h", "3. Regnskab", 2),
    "Regnskabet blev godkendt.",
]


def test_a_sidebar_of_labels_over_one_name_a_line(nlp):
    rec = extract_lines(nlp, SIDEBAR)
    assert rec["attendees"] == ["Inger Mølby", "Tarik Hansen", "Henrik Dahl", "Gitte Bro"]
    assert rec["absentees"] == ["Sune Klit"]


def test_a_bare_board_label_over_prose_is_no_list(nlp):
    rec = extract_lines(
        nlp,
        [
            ("h", "Referat af bestyrelsesmøde 3. marts 2031"),
            ("h", "Fra bestyrelsen"),
            "Vi har haft et travlt år med mange opgaver.",
            ("h", "1. Regnskab"),
            "Godkendt.",
        ],
    )
    assert rec["attendees"] == []


def test_further_present_labels(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2031",
            "Til stede: Inger Mølby, Tarik Hansen",
            "Afbud: Sune Klit",
            "Endvidere: driftsleder Kim Bech (pkt. 1-4)",
        ],
    )
    assert rec["attendees"] == ["Inger Mølby", "Tarik Hansen", "Kim Bech"]
    assert rec["absentees"] == ["Sune Klit"]


def test_a_table_headed_by_participant_labels_gives_each_column_its_status(nlp):
    from pipeline.types import BlockKind, RawBlock

    raw = [
        RawBlock(kind=BlockKind.title, text="Referat af bestyrelsesmøde 3. marts 2031"),
        table_row("Til stede", "Afbud"),
        table_row("Ida Holm, formand", "Bo Lind (syg)"),
        table_row("Kim Bech", ""),
        RawBlock(kind=BlockKind.heading, text="1. Regnskab", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Godkendt."),
    ]
    rec = record_of(nlp, raw, "docx")
    assert [(p.name, p.role) for p in rec.attendees] == [("Ida Holm", "formand"), ("Kim Bech", None)]
    assert [(p.name, p.reason) for p in rec.absentees] == [("Bo Lind", "syg")]


def test_ticks_under_present_and_absent_columns(nlp):
    from pipeline.types import BlockKind, RawBlock

    raw = [
        RawBlock(kind=BlockKind.title, text="Referat af bestyrelsesmøde 3. marts 2031"),
        table_row("Navn", "Initialer", "Mødt", "Ikke mødt"),
        table_row("Ida Holm", "IH", "✓", ""),
        table_row("Bo Lind", "BL", "", "✓"),
        table_row("Kim Bech", "KB", "x", ""),
        RawBlock(kind=BlockKind.heading, text="1. Regnskab", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Godkendt."),
    ]
    rec = record_of(nlp, raw, "docx")
    assert [p.name for p in rec.attendees] == ["Ida Holm", "Kim Bech"]
    assert [p.name for p in rec.absentees] == ["Bo Lind"]


def test_groups_of_the_members_of_an_agenda_are_no_attendance(nlp):
    rec = extract_lines(
        nlp,
        [
            "Dagsorden – møde i uddannelsesudvalget",
            "Tid: Torsdag den 22. januar 2031 kl. 13.00",
            "Medlemmer: Arbejdsgiverrepræsentanter: Lars Høj (formand), Mette Riis",
            "Arbejdstagerrepræsentanter: Kim Bonde, Dennis Ravn",
            "Skolen: Anders Kvist (uddannelseschef)",
            "Afbud: Mette Riis",
            ("h", "1. Velkomst"),
            ("h", "2. Elevtal"),
        ],
    )
    assert rec["attendees"] == []
    assert rec["absentees"] == ["Mette Riis"]


def test_an_agenda_titled_under_a_letterhead_of_fields(nlp):
    from pipeline.types import BlockKind, RawBlock

    lines = [
        "Vestby Kommune",
        "Udvalg: Økonomiudvalget",
        "Mødedato: Onsdag den 8. april 2031",
        "Økonomi og Ejendomme",
        "Rådhuspladsen 2",
        "Tidspunkt: 16:00",
        "Mødested: Mødelokale 1, Rådhuset",
        "Medlemmer: Karen Holm (A), borgmester, formand; Ulrik Sand (V); Finn Lau (V)",
        "Afbud: Finn Lau (V)",
    ]
    raw = [RawBlock(kind=BlockKind.paragraph, text=t) for t in lines]
    raw += [
        RawBlock(kind=BlockKind.title, text="Dagsorden"),
        RawBlock(kind=BlockKind.heading, text="1. Godkendelse af dagsorden", level=1),
        RawBlock(kind=BlockKind.heading, text="2. Budget", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Kommunaldirektøren indstiller, at budgettet godkendes."),
    ]
    rec = record_of(nlp, raw, "pdf")
    assert rec.meeting.kind == "agenda"
    assert [p.name for p in rec.attendees] == []  # the committee's members, the meeting not yet held
    assert [p.name for p in rec.absentees] == ["Finn Lau"]


def test_rows_whose_cells_are_column_words_stay_rows(nlp):
    from pipeline.types import BlockKind, RawBlock

    raw = [
        RawBlock(kind=BlockKind.title, text="Referat af Ældrerådets møde 17. februar 2031"),
        table_row("Navn", "Funktion", "Fremmøde"),
        table_row("Poul Brink", "Formand", "Mødt"),
        table_row("Arne Lykke", "Medlem", "Mødt"),
        table_row("Grethe Fabe", "Medlem", "Afbud"),
        RawBlock(kind=BlockKind.heading, text="1. Budget", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Taget til efterretning."),
    ]
    rec = record_of(nlp, raw, "html")
    assert [p.name for p in rec.attendees] == ["Poul Brink", "Arne Lykke"]
    assert [p.name for p in rec.absentees] == ["Grethe Fabe"]


def test_a_double_first_name_the_document_writes_in_full(nlp):
    rec = extract_lines(
        nlp,
        [
            "Cc: Jens Peter Vang <jp@example.org>; Ulla Krogh <ulla@example.org>",
            "Referat af bestyrelsesmøde 24. februar 2031",
            "Til stede: Hanne, Jens Peter og Ulla",
            ("h", "1. Økonomi"),
            "Godkendt.",
            ("h", "2. Eventuelt"),
        ],
    )
    assert rec["attendees"] == ["Hanne", "Jens Peter Vang", "Ulla Krogh"]
