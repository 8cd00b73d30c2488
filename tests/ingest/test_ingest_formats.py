"""Every format reads into the same blocks and records: .txt, .docx, .pdf (data/raw),
.odt, .doc, .rtf, cp1252 .txt, scanned .pdf (tests/data/legacy), .html (tests/data/formats)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXPECTED, RAW
from pipeline.errors import MissingTool
from pipeline.evaluate import score_pair
from pipeline.extract import extract_record
from pipeline.ingest import read_document
from pipeline.types import BlockKind

LEGACY = Path(__file__).parents[1] / "data" / "legacy"
FORMATS = Path(__file__).parents[1] / "data" / "formats"
HAS_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
HAS_DOC_TOOL = HAS_SOFFICE or bool(shutil.which("antiword"))


def has_tesseract_dan() -> bool:
    if not shutil.which("tesseract"):
        return False
    import pytesseract

    return "dan" in pytesseract.get_languages(config="")


def texts(path):
    return [" ".join(b.text.split()) for b in read_document(path).blocks]


def gold_score(nlp, path, stem):
    pred = extract_record(read_document(path), nlp).to_gold_json()
    return score_pair(json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8")), pred)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name,stem",
    [
        ("komdir_hb_2022-01-14_referat.odt", "komdir_hb_2022-01-14_referat"),
        ("komdir_hb_2022-01-14_referat.rtf", "komdir_hb_2022-01-14_referat"),
        ("komdir_hb_2020-09-17_dagsorden_cp1252.txt", "komdir_hb_2020-09-17_dagsorden"),
        pytest.param(
            "komdir_hb_2020-09-17_dagsorden.doc",
            "komdir_hb_2020-09-17_dagsorden",
            marks=pytest.mark.skipif(not HAS_DOC_TOOL, reason="needs LibreOffice or antiword"),
        ),
    ],
)
def test_legacy_formats_give_the_same_text_and_score(nlp, name, stem):
    assert texts(LEGACY / name) == texts(RAW / f"{stem}.txt")
    assert gold_score(nlp, LEGACY / name, stem).macro_f1 >= 0.90


def test_odt_keeps_structure():
    blocks = read_document(LEGACY / "komdir_hb_2022-01-14_referat.odt").blocks
    kinds = [(b.kind, b.level) for b in blocks]
    assert kinds[0] == (BlockKind.title, 0) and (BlockKind.heading, 1) in kinds
    assert (BlockKind.list_item, 2) in kinds and sum(b.kind == BlockKind.table_row for b in blocks) == 8


@pytest.mark.slow
@pytest.mark.skipif(not has_tesseract_dan(), reason="needs tesseract-ocr and tesseract-ocr-dan")
def test_scanned_pdf_is_read_by_ocr(nlp):
    doc = read_document(LEGACY / "komdir_hb_2020-09-17_dagsorden_scan.pdf")
    assert doc.ocr and doc.reader in ("pypdfium2+tesseract", "pdfplumber+tesseract") and doc.ocr_confidence > 80
    record = extract_record(doc, nlp)
    assert all(d.provenance.ocr for d in record.decisions)
    pred = record.to_gold_json()
    gold = json.loads((EXPECTED / "komdir_hb_2020-09-17_dagsorden.json").read_text(encoding="utf-8"))
    assert score_pair(gold, pred).macro_f1 >= 0.85


def test_missing_ocr_tool_is_one_clear_line(monkeypatch):
    import pipeline.ingest.ocr as ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(MissingTool, match="apt-get install tesseract-ocr tesseract-ocr-dan"):
        read_document(LEGACY / "komdir_hb_2020-09-17_dagsorden_scan.pdf")


def test_missing_doc_tools_name_the_package(monkeypatch):
    import pipeline.ingest.convert as convert
    import pipeline.ingest.doc as doc

    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(MissingTool, match="libreoffice-writer-nogui"):
        read_document(LEGACY / "komdir_hb_2020-09-17_dagsorden.doc")


def test_rtf_without_libreoffice_uses_striprtf(monkeypatch):
    import pipeline.ingest.convert as convert

    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    doc = read_document(LEGACY / "komdir_hb_2022-01-14_referat.rtf")
    assert doc.reader == "striprtf"
    assert [" ".join(b.text.split()) for b in doc.blocks if b.kind != BlockKind.table_row][:5] == texts(
        RAW / "komdir_hb_2022-01-14_referat.txt"
    )[:5]


def test_portal_html_drops_scripts_banners_and_navigation(nlp):
    doc = read_document(FORMATS / "portal_referat.html")
    assert "Fraværende: Ingen" not in doc.text and "i18n" not in doc.text and "Forside" not in doc.text
    assert "Boligforeningen Vesterhus" not in doc.text  # footer
    kinds = {b.text: (b.kind, b.level) for b in doc.blocks}
    assert kinds["2. Vedligeholdelse"] == (BlockKind.heading, 2)
    assert kinds["Jens indhenter tilbud inden uge 44."] == (BlockKind.list_item, 2)
    assert kinds["8. november 2023\tBestyrelsesmøde"][0] == BlockKind.table_row
    rec = extract_record(doc, nlp)
    assert [p.name for p in rec.absentees] == ["Ole Berg"]
    assert [p.name for p in rec.attendees] == ["Karin Holm", "Jens Mikkelsen", "Lise Dahl"]
    assert rec.meeting.date.isoformat() == "2023-10-04"
    # "Legepladsen skal males." is a task without a named owner (the real minutes' gold counts these)
    assert [a.owners for a in rec.actions] == [["Jens Mikkelsen"], []]
    assert [e.date.isoformat() for e in rec.events] == ["2023-11-08", "2023-12-06"]


def test_old_table_layout_page_with_windows_1252():
    doc = read_document(FORMATS / "table_layout.htm")
    texts_ = [b.text for b in doc.blocks]
    assert "Referat af bestyrelsesmøde 12. marts 2009" in texts_ and "Regnskabet blev godkendt." in texts_
    assert "Til stede: Bent Nielsen, Inge Lund" in texts_
