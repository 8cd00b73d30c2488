"""Minutes written as one table: 'Punkt | Drøftelse | Beslutning | Ansvarlig | Frist',
a row per item. Each row reads as the item's line, what was said, and its field lines
('Beslutning: ...', 'Ansvarlig: ...', 'Frist: ...'), whatever the reader."""

from __future__ import annotations

import docx

from pipeline.extract import extract_record
from pipeline.ingest import read_document
from pipeline.ingest.fields import field_rows, minutes_columns
from pipeline.types import BlockKind
from tests.helpers.records import table_row

HEAD = ["Punkt", "Drøftelse", "Beslutning", "Ansvarlig", "Frist"]
ROWS = [
    ("1. Godkendelse af dagsorden", "", "Godkendt.", "", ""),
    ("2. Økonomi", "Kassereren gennemgik regnskabet.", "Regnskabet blev godkendt.", "KB", "15. marts"),
    ("3. Hjemmeside", "Siden er forældet.", "Der laves en ny side.", "IH, BL", "uge 14"),
]


def test_the_header_of_minutes_in_a_table_is_told_from_an_action_table():
    assert minutes_columns(HEAD) is not None
    assert minutes_columns(["Nr.", "Emne", "Beslutning"]) is not None
    assert minutes_columns(["Opgave", "Ansvarlig", "Frist"]) is None  # an action table
    assert minutes_columns(["Navn", "Mødt"]) is None


def test_each_row_reads_as_the_items_lines():
    blocks = field_rows([table_row(*HEAD), *(table_row(*r) for r in ROWS[1:2])])
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("heading", "2. Økonomi"),
        ("paragraph", "Kassereren gennemgik regnskabet."),
        ("paragraph", "Beslutning: Regnskabet blev godkendt."),
        ("paragraph", "Ansvarlig: KB"),
        ("paragraph", "Frist: 15. marts"),
    ]


def test_a_number_column_beside_a_title_column():
    blocks = field_rows(
        [table_row("Nr.", "Emne", "Beslutning"), table_row("4", "Sommerfest", "Festen holdes 21. juni.")]
    )
    assert [b.text for b in blocks] == ["4. Sommerfest", "Beslutning: Festen holdes 21. juni."]


def test_a_word_file_of_minutes_in_one_table(tmp_path, nlp):
    d = docx.Document()
    d.add_heading("Referat af bestyrelsesmøde 3. marts 2031", 1)
    d.add_paragraph("Deltagere: Ida Holm (IH), Bo Lind (BL), Kim Bech (KB)")
    table = d.add_table(rows=1, cols=len(HEAD))
    for c, h in zip(table.rows[0].cells, HEAD):
        c.text = h
    for row in ROWS:
        for c, v in zip(table.add_row().cells, row):
            c.text = v
    path = tmp_path / "best_2031-03-03_referat.docx"
    d.save(path)
    rec = extract_record(read_document(path), nlp)
    assert [(a.number, a.title) for a in rec.agenda_items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Økonomi"),
        ("3", "Hjemmeside"),
    ]
    assert [(d.item, d.text) for d in rec.decisions] == [
        ("1", "Godkendt."),
        ("2", "Regnskabet blev godkendt."),
        ("3", "Der laves en ny side."),
    ]
    assert [(a.item, a.owners, a.due.start.isoformat()) for a in rec.actions] == [
        ("2", ["Kim Bech"], "2031-03-15"),
        ("3", ["Ida Holm", "Bo Lind"], "2031-03-31"),
    ]


def test_a_word_table_keeps_its_empty_cells_in_place(tmp_path, nlp):
    d = docx.Document()
    d.add_heading("Referat af afdelingsmøde 5. februar 2031", 1)
    table = d.add_table(rows=1, cols=4)
    for c, h in zip(table.rows[0].cells, ["Navn", "Funktion", "Mødt", "Ikke mødt"]):
        c.text = h
    for row in [("Ida Holm", "overlæge", "✓", ""), ("Bo Lind", "sekretær", "", "✓"), ("Kim Bech", "", "✓", "")]:
        for c, v in zip(table.add_row().cells, row):
            c.text = v
    d.add_heading("1. Meddelelser", 2)
    d.add_paragraph("Ingen.")
    path = tmp_path / "afd_2031-02-05_referat.docx"
    d.save(path)
    doc = read_document(path)
    assert [b.cells for b in doc.blocks if b.kind == BlockKind.table_row][1:] == [
        ["Ida Holm", "overlæge", "✓"],
        ["Bo Lind", "sekretær", "", "✓"],
        ["Kim Bech", "", "✓"],
    ]
    rec = extract_record(doc, nlp)
    assert [p.name for p in rec.attendees] == ["Ida Holm", "Kim Bech"]
    assert [p.name for p in rec.absentees] == ["Bo Lind"]


def test_the_owner_under_a_rows_decision_owns_its_task_not_the_item(nlp):
    from tests.helpers.records import extract_lines

    rec = extract_lines(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2031",
            "Deltagere: Ida Holm (IH), Bo Lind (BL)",
            ("h", "1. Hjemmeside"),
            "Beslutning: Der laves en ny side.",
            "Ansvarlig: IH",
            ("h", "2. Eventuelt"),
        ],
    )
    assert [i["owner"] for i in rec["agenda_items"]] == [None, None]
    assert [a["owners"] for a in rec["actions"]] == [["Ida Holm"]]
