#!/usr/bin/env python3
"""Generate the Word documents of the test corpus (and the PDF rendition of one).

    python tests/corpus/make_docx.py            # writes next to this script
    python tests/corpus/make_docx.py --out DIR  # somewhere else
    python tests/corpus/make_docx.py --no-pdf   # skip the LibreOffice step

Writes
  bakkevej_skolebestyrelse.docx  Heading/Title styles, "List Bullet" paragraphs,
                                 owner in a heading ("Punkt 5: Budget 2024 ved Brian"),
                                 hybrid meeting (Teams)
  bakkevej_skolebestyrelse.pdf   the same document through `soffice --convert-to pdf`
  vestjysk_emballage_su.docx     works council minutes with a real Word table of
                                 actions (Pkt. | Aktion | Ansvarlig | Frist)

The output is deterministic: the .docx core properties are fixed and the zip
entries get a fixed timestamp; in the PDF the creation/modification dates, the
trailer /ID and LibreOffice's /DocChecksum are overwritten with fixed values of the same length (so the
xref offsets stay valid). Both .docx files share tests/corpus/expected/<stem>.json
with nothing else; the PDF shares the expected JSON of its .docx.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2024, 1, 1, 12, 0, 0)
ZIP_TIME = (2024, 1, 1, 12, 0, 0)


# ------------------------------------------------------------------ helpers


def _new_document() -> Document:
    doc = Document()
    cp = doc.core_properties
    cp.author = "referat test corpus"
    cp.last_modified_by = "referat test corpus"
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = ""
    cp.comments = ""
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    return doc


def _label(doc: Document, label: str, text: str = "") -> None:
    """A paragraph with a bold label ("Til stede:") followed by plain text."""
    p = doc.add_paragraph()
    p.add_run(label).bold = True
    if text:
        p.add_run(" " + text)


def _save_deterministic(doc: Document, path: Path) -> None:
    """Save, then rewrite the zip with fixed entry timestamps and attributes."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


# ------------------------------------------------------------------ documents


def build_skolebestyrelse(path: Path) -> None:
    doc = _new_document()
    doc.add_paragraph("Bakkevejens Skole · Skolebestyrelsen")
    doc.add_heading("Referat af skolebestyrelsesmøde tirsdag den 23. januar 2024", level=0)
    _label(doc, "Mødeform:", "Hybridmøde – i personalerummet og via Teams")
    _label(doc, "Tid:", "kl. 17.00–19.00")
    _label(
        doc,
        "Til stede:",
        "Anne Marie Holm (formand), Brian Kjær (skoleleder), Sofie Lind (viceskoleleder), "
        "Peter Dahl, Maja Frost (elevrådsrepræsentant), Jakob Nørgaard "
        "(medarbejderrepræsentant), Lotte Hvid (via Teams), Kasper Andreasen (via Teams)",
    )
    _label(doc, "Afbud:", "Rikke Sand")
    _label(doc, "Referent:", "Sofie Lind")

    doc.add_heading("Punkt 1: Godkendelse af dagsorden", level=2)
    doc.add_paragraph("Godkendt.")

    doc.add_heading("Punkt 2: Godkendelse af referat fra mødet den 5. december 2023", level=2)
    doc.add_paragraph("Referatet blev godkendt.")

    doc.add_heading("Punkt 3: Meddelelser", level=2)
    doc.add_paragraph("Formanden: Skolebestyrelsens årsberetning er lagt på Aula.", style="List Bullet")
    doc.add_paragraph("Skolelederen: To nye lærere er ansat i indskolingen.", style="List Bullet")
    doc.add_paragraph("Elevrådet: Der har været trivselsdag for mellemtrinnet med stor succes.", style="List Bullet")

    doc.add_heading("Punkt 4: Principper for mobiltelefoner", level=2)
    doc.add_paragraph(
        "Skolebestyrelsen drøftede erfaringerne fra efteråret, hvor 4.–6. klasse har afleveret "
        "telefonerne om morgenen. Både lærere og elever oplever mere ro i frikvartererne."
    )
    _label(doc, "Beslutning:")
    doc.add_paragraph(
        "Skolebestyrelsen vedtog, at mobiltelefoner fra skoleåret 2024/25 skal ligge i skabet i "
        "hele skoletiden for 0.–6. klasse.",
        style="List Bullet",
    )
    _label(
        doc,
        "Opfølgning:",
        "Anne Marie og Sofie skriver et udkast til princippet, som sendes i høring i klasseforældrerådene primo marts.",
    )

    doc.add_heading("Punkt 5: Budget 2024 ved Brian", level=2)
    doc.add_paragraph(
        "Brian gennemgik budgettet for 2024. Skolen forventer et underskud på ca. 150.000 kr., "
        "primært på grund af stigende udgifter til vikarer. Der foreslås besparelser på "
        "materialekontoen og på lejrskoletilskuddet."
    )
    _label(doc, "Beslutning:")
    doc.add_paragraph(
        "Skolebestyrelsen godkendte budgettet med besparelserne på materialekontoen.", style="List Bullet"
    )
    doc.add_paragraph("Lejrskoletilskuddet fastholdes på nuværende niveau.", style="List Bullet")
    doc.add_paragraph("Brian vender tilbage med en opdateret prognose til næste møde.")

    doc.add_heading("Punkt 6: Skolefest", level=2)
    doc.add_paragraph("Skolefesten holdes torsdag den 18. april 2024 kl. 17–21. Temaet bliver cirkus.")
    doc.add_paragraph("Peter Dahl og Maja Frost er tovholdere på festen og inddrager elevrådet.")

    doc.add_heading("Punkt 7: Eventuelt", level=2)
    doc.add_paragraph("Lotte spurgte til trafiksikkerheden ved skolens nye indkørsel. Brian tager det op med kommunen.")

    _label(doc, "Næste møde:", "onsdag den 28. februar 2024 kl. 17.00 på skolen.")
    _save_deterministic(doc, path)


def build_samarbejdsudvalg(path: Path) -> None:
    doc = _new_document()
    doc.add_paragraph("Vestjysk Emballage A/S")
    doc.add_heading("Referat af møde i Samarbejdsudvalget (SU)", level=0)
    _label(doc, "Dato:", "7. november 2023, kl. 13.00–15.00")
    _label(doc, "Sted:", "Mødelokale 1, administrationsbygningen")
    _label(doc, "Deltagere fra ledelsen:", "Jesper Vang (direktør, formand), Malene Skov (HR-chef)")
    _label(doc, "Deltagere fra medarbejderne:", "Torben Kjeldsen (næstformand), Susanne Bak, Ole Hald")
    _label(doc, "Afbud:", "Niels Brix")
    _label(doc, "Referent:", "Pia Holm, HR-assistent")

    doc.add_heading("1. Godkendelse af referat fra 29. august 2023", level=1)
    doc.add_paragraph("Referatet blev godkendt uden bemærkninger.")

    doc.add_heading("2. Orientering fra ledelsen", level=1)
    doc.add_paragraph(
        "Jesper Vang orienterede om ordrebeholdningen, som ligger på niveau med sidste år. "
        "Energipriserne er faldet, og der forventes et resultat lidt over budget. "
        "Der er ikke planer om afskedigelser."
    )

    doc.add_heading("3. Politik for hjemmearbejde", level=1)
    doc.add_paragraph(
        "Malene Skov præsenterede et oplæg til en politik for hjemmearbejde for funktionærer. "
        "Medarbejdersiden bakkede op om oplægget, men spurgte til reglerne for, hvornår man "
        "skal kunne træffes."
    )
    doc.add_paragraph(
        "Det besluttes at indføre mulighed for op til to hjemmearbejdsdage om ugen, hvor arbejdet tillader det."
    )

    doc.add_heading("4. APV og trivselsmåling 2023", level=1)
    doc.add_paragraph(
        "Susanne Bak fremlagde resultaterne. Svarprocenten var 81. Der er særligt udfordringer "
        "med støj på lageret og med arbejdstempoet i pakkeriet."
    )
    doc.add_paragraph("SU er enige om, at støj på lageret prioriteres højest i handlingsplanen.")

    doc.add_heading("5. Julefrokost", level=1)
    doc.add_paragraph(
        "Det besluttes at holde julefrokost fredag den 8. december 2023 i kantinen, og at "
        "virksomheden betaler mad og musik."
    )

    doc.add_heading("6. Eventuelt", level=1)
    doc.add_paragraph(
        "Torben Kjeldsen spurgte til parkeringsforholdene ved hal 3. "
        "Ledelsen undersøger muligheden for flere p-pladser."
    )

    doc.add_heading("Opfølgningsliste", level=1)
    rows = [
        ("Pkt.", "Aktion", "Ansvarlig", "Frist"),
        ("2", "Kvartalstal for 3. kvartal fremlægges", "Jesper Vang", "Næste SU-møde"),
        ("3", "Udkast til politik for hjemmearbejde sendes i høring i afdelingerne", "Malene Skov", "1. december 2023"),
        ("4", "Handlingsplan for APV udarbejdes for lager og pakkeri", "Susanne Bak og Torben Kjeldsen", "Uge 2"),
        ("5", "Lokale, mad og musik til julefrokosten bookes", "Ole Hald", "Senest 24. november"),
    ]
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True

    doc.add_paragraph()
    _label(doc, "Næste SU-møde:", "tirsdag den 6. februar 2024 kl. 13.00.")
    _save_deterministic(doc, path)


DOCX = {
    "bakkevej_skolebestyrelse.docx": build_skolebestyrelse,
    "vestjysk_emballage_su.docx": build_samarbejdsudvalg,
}
PDF_FROM = "bakkevej_skolebestyrelse.docx"


# ------------------------------------------------------------------ PDF

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:([^)]*)\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_FIXED_PDF_DATE = b"20240101120000"  # YYYYMMDDHHmmSS; the time zone suffix is kept


def _normalise_pdf(data: bytes) -> bytes:
    """Fixed dates and /ID, each replacement exactly as long as the original."""

    def date(m: re.Match) -> bytes:
        old = m.group(2)
        new = _FIXED_PDF_DATE + old[len(_FIXED_PDF_DATE) :] if len(old) >= len(_FIXED_PDF_DATE) else old
        return b"/" + m.group(1) + b"(D:" + new + b")"

    def ident(m: re.Match) -> bytes:
        a, b = m.group(1), m.group(2)
        return m.group(0).replace(a, b"0" * len(a)).replace(b, b"0" * len(b))

    def checksum(m: re.Match) -> bytes:
        return m.group(0).replace(m.group(1), b"0" * len(m.group(1)))

    return _PDF_CHECKSUM.sub(checksum, _PDF_ID.sub(ident, _PDF_DATE.sub(date, data)))


def make_pdf(docx: Path, out_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice (LibreOffice) not found: cannot make the PDF (use --no-pdf)")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        produced = Path(tmp) / (docx.stem + ".pdf")
        target = out_dir / produced.name
        target.write_bytes(_normalise_pdf(produced.read_bytes()))
    return target


def build(out_dir: Path = HERE, pdf: bool = True) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fn in DOCX.items():
        fn(out_dir / name)
        written.append(out_dir / name)
    if pdf:
        written.append(make_pdf(out_dir / PDF_FROM, out_dir))
    return written


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--no-pdf", action="store_true")
    a = ap.parse_args(argv)
    for p in build(a.out, pdf=not a.no_pdf):
        print(p)


if __name__ == "__main__":
    main()
