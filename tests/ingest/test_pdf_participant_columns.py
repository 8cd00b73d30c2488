"""A PDF whose participants stand in columns under a line of labels ("DELTAGERE" and
"FRAVÆRENDE" side by side, a borderless table in Word or a CSS grid): each column is
read under its label, a name wrapped inside its parenthesis goes on in its cell."""

from __future__ import annotations

from pathlib import Path

from helpers.pdf import make_pdf, runs, text
from pipeline.extract import extract_record
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.base import Limits
from pipeline.types import SourceDocument

PAGE = b"".join(
    [
        text(57, 60, "Referat af bestyrelsesmøde 14. april 2031", size=16, bold=True),
        runs(100, (57, "DELTAGERE", True), (310, "FRAVÆRENDE", True)),
        runs(115, (68, "Søren Brink, formand", False), (320, "Alma Wied, kasserer (afbud)", False)),
        text(68, 129, "Mette Lyng, sekretær"),
        text(68, 143, "Jonas Krog, bådebygger (gæst under pkt."),
        text(68, 157, "4)"),
        text(57, 185, "1. Godkendelse af dagsorden", bold=True),
        text(57, 200, "Godkendt."),
        text(57, 225, "2. Økonomi", bold=True),
        text(57, 240, "Regnskabet blev godkendt."),
    ]
)


def _result():
    return pdf_reader.read(make_pdf([PAGE]), Path("x.pdf"), Limits())


def test_the_columns_under_participant_labels_are_table_rows():
    rows = [b.cells for b in _result().blocks if b.kind.value == "table_row"]
    assert rows == [
        ["DELTAGERE", "FRAVÆRENDE"],
        ["Søren Brink, formand", "Alma Wied, kasserer (afbud)"],
        ["Mette Lyng, sekretær", ""],
        ["Jonas Krog, bådebygger (gæst under pkt. 4)", ""],
    ]


def test_each_column_takes_the_status_of_its_label(nlp):
    r = _result()
    doc = SourceDocument.from_blocks(
        r.blocks, doc_id="t", path="x.pdf", name="x_2031-04-14.pdf", format="pdf", reader="t"
    )
    rec = extract_record(doc, nlp)
    assert [p.name for p in rec.attendees] == ["Søren Brink", "Mette Lyng", "Jonas Krog"]
    assert [p.name for p in rec.absentees] == ["Alma Wied"]
    assert [a.number for a in rec.agenda_items] == ["1", "2"]


def test_a_field_value_wrapped_under_itself_is_one_line():
    page = b"".join(
        [
            text(57, 60, "Referat af møde i udvalget 21. januar 2031", size=16, bold=True),
            runs(100, (64, "Tid:", False), (143, "kl. 19.00, online", False)),
            runs(
                115, (64, "Deltagere:", False), (143, "Rasmus Krogh (RK, formand), Pernille Aagaard (PA), Dorte", False)
            ),
            text(143, 128, "Winther (DW, referent)"),
            runs(143, (64, "Fraværende:", False), (143, "Niels Overgaard (NO)", False)),
        ]
    )
    texts = [b.text for b in pdf_reader.read(make_pdf([page]), Path("x.pdf"), Limits()).blocks]
    assert "Deltagere:\tRasmus Krogh (RK, formand), Pernille Aagaard (PA), Dorte Winther (DW, referent)" in texts
    assert "Fraværende:\tNiels Overgaard (NO)" in texts
