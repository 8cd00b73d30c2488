"""Tables laid out as pages: agenda tables whose last cell holds the minutes, Word's
saved HTML with a <p> in every cell, and two-column field tables ("Beslutning |
...", "Sagsansvarlig | ..."). Invented documents of each layout class."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.extract import extract_record
from pipeline.ingest import docx as docx_reader
from pipeline.ingest import html as html_reader
from pipeline.ingest.base import Limits
from pipeline.ingest.fields import field_rows, is_text_cell
from pipeline.types import BlockKind, RawBlock, SourceDocument

P, T = BlockKind.paragraph, BlockKind.table_row


def _docx_agenda_table() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Referat af bestyrelsesmøde i Roklubben Vig, 3. marts 2031")
    d.add_paragraph("Deltagere: Ditte Mørk, Asger Lund og Pia Holt")
    rows = [
        ("Punkt", "Emne", "Ansvarlig", ["Beslutning"]),
        ("1", "Godkendelse af dagsorden", "DM", ["Godkendt."]),
        (
            "2",
            "Bådhallens tag",
            "AL",
            [
                "Taget er utæt over bådstativet.",
                "Bestyrelsen besluttede at indhente to tilbud.",
                "Asger Lund kontakter tagfirmaet inden 1. april.",
            ],
        ),
        (
            "3",
            "Standerhejsning",
            "PH",
            ["Standerhejsning blev fastlagt til søndag den 27. april 2031.", "Pia Holt sender invitationen ud."],
        ),
    ]
    table = d.add_table(rows=len(rows), cols=4)
    for r, (num, title, owner, body) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text, table.cell(r, 2).text = num, title, owner
        cell = table.cell(r, 3)
        cell.text = body[0]
        for line in body[1:]:
            cell.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_agenda_layout_table_keeps_number_title_and_owner_on_the_row():
    blocks = docx_reader.read(_docx_agenda_table(), Path("x.docx"), Limits()).blocks
    rows = [b.cells for b in blocks if b.kind == T]
    assert rows == [
        ["Punkt", "Emne", "Ansvarlig", "Beslutning"],
        ["1", "Godkendelse af dagsorden", "DM"],
        ["2", "Bådhallens tag", "AL"],
        ["3", "Standerhejsning", "PH"],
    ]
    after_two = [b.text for b in blocks[blocks.index(next(b for b in blocks if b.cells and b.cells[0] == "2")) + 1 :]][
        :3
    ]
    assert after_two == [
        "Taget er utæt over bådstativet.",
        "Bestyrelsen besluttede at indhente to tilbud.",
        "Asger Lund kontakter tagfirmaet inden 1. april.",
    ]


def test_docx_agenda_layout_table_gives_items_with_their_decisions_and_actions(nlp, tmp_path):
    from pipeline.ingest import read_document

    path = tmp_path / "roklub.docx"
    path.write_bytes(_docx_agenda_table())
    rec = extract_record(read_document(path), nlp)
    assert [(i.number, i.title) for i in rec.agenda_items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Bådhallens tag"),
        ("3", "Standerhejsning"),
    ]
    decided = {(d.item, d.text) for d in rec.decisions}
    assert ("1", "Godkendt.") in decided
    assert ("2", "Bestyrelsen besluttede at indhente to tilbud.") in decided
    owners = {a.text: (a.item, a.owners) for a in rec.actions}
    assert owners["Asger Lund kontakter tagfirmaet inden 1. april."] == ("2", ["Asger Lund"])


def _html_blocks(body: str):
    page = f"<html><body>{body}</body></html>"
    return html_reader.read(page.encode("utf-8"), Path("x.html"), Limits()).blocks


def test_word_saved_html_cells_with_one_paragraph_are_data_cells():
    blocks = _html_blocks(
        "<p class=MsoNormal>Deltagere:</p><table>"
        "<tr><td><p class=MsoNormal><b>Navn</b></p></td><td><p class=MsoNormal><b>Funktion</b></p></td></tr>"
        "<tr><td><p class=MsoNormal>Hans Bjerre</p></td><td><p class=MsoNormal>Formand</p></td></tr>"
        "<tr><td><p class=MsoNormal>Lis Dahl</p></td><td><p class=MsoNormal>Kasserer</p></td></tr></table>"
    )
    assert [(b.kind, b.cells) for b in blocks] == [
        (P, None),
        (T, ["Navn", "Funktion"]),
        (T, ["Hans Bjerre", "Formand"]),
        (T, ["Lis Dahl", "Kasserer"]),
    ]


def test_html_layout_row_keeps_its_short_cells_as_a_row_and_its_text_cells_as_paragraphs():
    blocks = _html_blocks(
        "<table><tr><td>4</td><td>Legepladsen</td><td>KB</td>"
        "<td><p>Gyngerne er slidte.</p><p>Karin Bach indhenter et tilbud.</p></td></tr></table>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (T, "4\tLegepladsen\tKB"),
        (P, "Gyngerne er slidte."),
        (P, "Karin Bach indhenter et tilbud."),
    ]


@pytest.mark.parametrize(
    "text, is_text",
    [
        ("Godkendt.", True),  # a sentence
        ("Dato: 3/4-17", True),  # a field with its own label
        ("en celle med mange ord der tilsammen er en hel sætning uden punktum til sidst", True),
        ("4", False),
        ("Sponsorater", False),
        ("MB", False),
    ],
)
def test_which_cells_of_a_layout_row_are_text(text, is_text):
    assert is_text_cell(text) is is_text


@pytest.mark.parametrize(
    "cells, text",
    [
        (["Beslutning", "Dagsordenen blev godkendt."], "Beslutning: Dagsordenen blev godkendt."),
        (["Sagsansvarlig", "Ole Brandt"], "Sagsansvarlig: Ole Brandt"),
        (["Fraværende:", "Gitte Holm (V)"], "Fraværende: Gitte Holm (V)"),
        (["Mødedato:", "14.01.2031"], "Mødedato: 14.01.2031"),
    ],
)
def test_a_label_value_row_reads_as_the_field_line(cells, text):
    row = RawBlock(kind=T, text="\t".join(cells), cells=cells)
    (out,) = field_rows([row])
    assert (out.kind, out.text, out.cells) == (P, text, None)


@pytest.mark.parametrize(
    "cells", [["1", "Godkendelse af dagsorden"], ["Hans Bjerre", "Formand"], ["Beslutning", "a", "b"]]
)
def test_other_rows_stay_rows(cells):
    row = RawBlock(kind=T, text="\t".join(cells), cells=cells)
    assert field_rows([row]) == [row]


def test_municipal_item_tables_give_owner_decision_and_absentee(nlp):
    html = (
        "<h1>Referat - Teknikudvalget</h1>"
        "<table><tr><td>Mødedato:</td><td>14.01.2031</td></tr>"
        "<tr><td>Fraværende:</td><td>Gitte Holm (V)</td></tr></table>"
        "<p>Medlemmer: Ole Brandt (A), Gitte Holm (V), Sune Krog (F)</p>"
        "<p>1. Godkendelse af dagsorden</p>"
        "<table><tr><td>Beslutning</td><td>Dagsordenen blev godkendt.</td></tr></table>"
        "<p>2. Cykelsti langs Mosevej</p>"
        "<table><tr><td>Sagsansvarlig</td><td>Ole Brandt</td></tr></table>"
        "<p>Beslutning</p><p>Udvalget godkendte projektet.</p>"
    )
    raw = html_reader.read(f"<html><body>{html}</body></html>".encode(), Path("x.html"), Limits())
    doc = SourceDocument.from_blocks(
        field_rows(raw.blocks), doc_id="t", path="x.html", name="x.html", format="html", reader=raw.reader
    )
    rec = extract_record(doc, nlp)
    assert [a.name for a in rec.absentees] == ["Gitte Holm"]
    assert {(d.item, d.text) for d in rec.decisions} == {
        ("1", "Dagsordenen blev godkendt."),
        ("2", "Udvalget godkendte projektet."),
    }
    assert {i.number: i.owner for i in rec.agenda_items}["2"] == "Ole Brandt"


def test_a_names_table_under_a_participants_label_gives_the_attendees(nlp):
    html = (
        "<h1>Referat af afdelingsbestyrelsens møde 3. juni 2031</h1>"
        "<p class=MsoNormal>Deltagere:</p><table>"
        "<tr><td><p class=MsoNormal>Navn</p></td><td><p class=MsoNormal>Funktion</p></td></tr>"
        "<tr><td><p class=MsoNormal>Hans Bjerre</p></td><td><p class=MsoNormal>Formand</p></td></tr>"
        "<tr><td><p class=MsoNormal>Lis Dahl</p></td><td><p class=MsoNormal>Kasserer</p></td></tr></table>"
        "<p>Fraværende: Bo Sand</p><p>1. Godkendelse af dagsorden</p><p>Godkendt.</p>"
    )
    raw = html_reader.read(f"<html><body>{html}</body></html>".encode(), Path("x.html"), Limits())
    doc = SourceDocument.from_blocks(
        field_rows(raw.blocks), doc_id="t", path="x.html", name="x.html", format="html", reader=raw.reader
    )
    rec = extract_record(doc, nlp)
    assert sorted(a.name for a in rec.attendees) == ["Hans Bjerre", "Lis Dahl"]
    assert [a.name for a in rec.absentees] == ["Bo Sand"]


@pytest.mark.parametrize(
    "cells, texts",
    [
        (["1. Godkendelse af dagsorden", "Godkendt."], ["1. Godkendelse af dagsorden", "Godkendt."]),
        (
            ["Pkt. 4 Baner", "Bestyrelsen besluttede at male skuret."],
            ["Pkt. 4 Baner", "Bestyrelsen besluttede at male skuret."],
        ),
        (["3. Kontingent", "uændret"], None),  # a short value: a data row
        (["Bestille lokale", "Bestyrelsen besluttede at male skuret."], None),  # no numbered title
    ],
)
def test_a_numbered_item_beside_its_text_reads_as_the_item_line_and_its_text(cells, texts):
    row = RawBlock(kind=T, text="\t".join(cells), cells=cells)
    out = field_rows([row])
    assert ([b.text for b in out] if texts else out) == (texts or [row])
    if texts:
        assert {b.kind for b in out} == {P}


def test_the_header_row_of_a_two_column_data_table_stays_a_row():
    rows = [["Dato", "Møde"], ["3/4", "Bestyrelsesmøde"], ["8/5", "Generalforsamling"]]
    blocks = [RawBlock(kind=T, text="\t".join(c), cells=c) for c in rows]
    assert field_rows(blocks) == blocks
