"""Regenerate the small .docx/.pdf fixtures of tests/ingest/test_ingest_core.py.

    python tests/data/ingest/make_fixtures.py   (needs python-docx and LibreOffice)

header_footer.docx/.pdf: three pages with a running header and "Side N af M"
footers that the PDF reader must drop. numbered.docx/.pdf: automatic numbering
(headings and list paragraphs), a content control, a manual line break, a
table with merged cells, tab-aligned calendar lines, and header/footer text
that no reader may return.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

HERE = Path(__file__).parent
HEADER = "Kommunaldirektørforeningen – Hovedbestyrelsen"
BODY = (
    "Hovedbestyrelsen drøftede forløbet og den videre proces for arbejdet med de nye direktionsforløb. "
    "Der er enighed om rammerne, og sekretariatet udarbejder et notat til næste møde i foreningen. "
)
CALENDAR = [
    ("2/2", "2022", "Fællesmøde KL/KOMDIR"),
    ("17/3", "2022", "Kommunalpolitisk Topmøde"),
    ("29/3", "2022", "HB-møde"),
]


def field(paragraph, instr: str, shown: str) -> None:
    paragraph._p.append(
        parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="{instr}"><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>')
    )


def header_footer_docx(path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.add_run("Side ")
    field(footer, "PAGE", "1")
    footer.add_run(" af ")
    field(footer, "NUMPAGES", "3")
    doc.add_paragraph("Referat HB-møde", style="Title")
    for n in range(1, 7):
        doc.add_paragraph(f"{n}. Punkt nummer {n}", style="Heading 1")
        for _ in range(3):
            doc.add_paragraph(BODY * 2)
    doc.save(path)


def add_numbering(doc) -> str:
    """A two-level decimal/letter numbering; returns its numId."""
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
            '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
            '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def numbered(paragraph, num_id: str, ilvl: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def in_content_control(doc, paragraph) -> None:
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    paragraph._p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(paragraph._p)


def numbered_docx(path: Path) -> None:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Fortroligt udkast"
    doc.sections[0].footer.paragraphs[0].text = "KOMDIR sekretariatet"
    num_id = add_numbering(doc)
    doc.add_paragraph("Dagsorden bestyrelsesmøde", style="Title")
    p = doc.add_paragraph("Deltagere: Niels Ågesen, Eik Møller")
    p.add_run().add_break()
    p.add_run("Afbud: Rie Perry")
    numbered(doc.add_paragraph("Meddelelser", style="Heading 1"), num_id, 0)
    numbered(doc.add_paragraph("Formanden orienterede om økonomien."), num_id, 1)
    numbered(doc.add_paragraph("Sekretariatet orienterede om medlemstallet."), num_id, 1)
    numbered(doc.add_paragraph("Årsmøde", style="Heading 1"), num_id, 0)
    in_content_control(doc, doc.add_paragraph("Årsmødet holdes i Odense."))
    doc.add_paragraph("Første punkt i listen", style="List Number")
    doc.add_paragraph("Andet punkt i listen", style="List Number")
    doc.add_paragraph("Et punkt med punkttegn", style="List Bullet")
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate([("Dato", "Emne", "Ansvarlig"), ("2/2", "Budget", "Eik"), ("", "Regnskab", "")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # the date spans two rows
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 0).text, table.cell(1, 2).text = "2/2", "Eik"
    doc.add_page_break()  # a second page, so the running header and footer repeat
    doc.add_paragraph("Mødekalender", style="Heading 1")
    for cells in CALENDAR:
        para = doc.add_paragraph("\t".join(cells))
        for stop in (2.5, 5.0):
            para.paragraph_format.tab_stops.add_tab_stop(Cm(stop))
    doc.add_paragraph("Eventuelt: intet.")
    doc.save(path)


def to_pdf(docx: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice (soffice) is needed to make the PDFs")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx.parent),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


if __name__ == "__main__":
    for name, make in (("header_footer", header_footer_docx), ("numbered", numbered_docx)):
        make(HERE / f"{name}.docx")
        to_pdf(HERE / f"{name}.docx")
        print("wrote", HERE / f"{name}.docx", HERE / f"{name}.pdf")
