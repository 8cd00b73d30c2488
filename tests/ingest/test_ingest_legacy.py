"""Legacy and web formats: .odt, .doc, .rtf, .html readers and OCR, on the seeds
and on small fixtures written here (a meeting-portal page full of scripts, a
cookie banner and navigation, an old table-layout page, BOM + CRLF, a
hand-written RTF, a small .odt with styles, lists and tables)."""

from __future__ import annotations

import codecs
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import RAW, SHARED, needs_shared
from pipeline.errors import MissingTool, ReadError, UnsafeInput
from pipeline.ingest import read_document
from pipeline.types import BlockKind

LEGACY = Path(__file__).parents[1] / "data" / "legacy"
SEEDS = SHARED / "seeds"
STEMS = ("komdir_hb_2020-09-17_dagsorden", "komdir_hb_2022-01-14_referat")
HAS_SOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
HAS_ANTIWORD = bool(shutil.which("antiword"))
OCR_MAX_CER = 0.02  # measured 0.0006 on the scanned seed (whitespace-insensitive)


def texts(path: Path) -> list[str]:
    return [b.text for b in read_document(path).blocks]


def blocks(path: Path) -> list[tuple[str, int, str]]:
    return [(b.kind.value, b.level, b.text) for b in read_document(path).blocks]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------- .odt

ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)
ODT_BODY = """
<text:p text:style-name="P1">Referat af bestyrelsesmøde</text:p>
<text:p text:style-name="P2">1. Godkendelse af dagsorden</text:p>
<text:p>Til stede:<text:s text:c="2"/>Karin Holm<text:tab/>Jens Mikkelsen<text:line-break/>og Lise Dahl<text:note><text:note-body><text:p>en fodnote</text:p></text:note-body></text:note></text:p>
<text:h text:outline-level="2">2. Vedligeholdelse</text:h>
<text:list><text:list-item><text:p>Vinduerne er utætte.</text:p>
  <text:list><text:list-item><text:p>Jens indhenter tilbud.</text:p></text:list-item></text:list></text:list-item>
 <text:list-item><text:p>Legepladsen skal males.</text:p></text:list-item></text:list>
<table:table><table:table-header-rows><table:table-row>
  <table:table-cell><text:p>Dato</text:p></table:table-cell><table:table-cell><text:p>Møde</text:p></table:table-cell>
 </table:table-row></table:table-header-rows>
 <table:table-row><table:table-cell><text:p>8. november</text:p><text:p>2023</text:p></table:table-cell>
  <table:table-cell><text:p>Bestyrelsesmøde</text:p></table:table-cell></table:table-row>
</table:table>
<text:section><text:p>Referent: Lise Dahl</text:p></text:section>
"""


def odt_bytes(body: str = ODT_BODY, prolog: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODT_NS}>'
        "<office:automatic-styles>"
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>'
        '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Heading_20_1"/>'
        f"</office:automatic-styles><office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def test_odt_styles_headings_lists_and_tables(tmp_path):
    assert blocks(write(tmp_path, "m.odt", odt_bytes())) == [
        ("title", 0, "Referat af bestyrelsesmøde"),
        ("heading", 1, "1. Godkendelse af dagsorden"),
        ("paragraph", 0, "Til stede: Karin Holm Jens Mikkelsen og Lise Dahl"),
        ("heading", 2, "2. Vedligeholdelse"),
        ("list_item", 1, "Vinduerne er utætte."),
        ("list_item", 2, "Jens indhenter tilbud."),
        ("list_item", 1, "Legepladsen skal males."),
        ("table_row", 0, "Dato\tMøde"),
        ("table_row", 0, "8. november 2023\tBestyrelsesmøde"),
        ("paragraph", 0, "Referent: Lise Dahl"),
    ]


def test_odt_table_cells_are_kept_apart_from_nested_tables(tmp_path):
    nested = (
        "<table:table><table:table-row><table:table-cell><text:p>ydre</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>indre</text:p></table:table-cell>"
        "</table:table-row></table:table></table:table-cell>"
        "<table:table-cell><text:p>anden</text:p></table:table-cell></table:table-row></table:table>"
    )
    assert texts(write(tmp_path, "n.odt", odt_bytes(nested))) == ["ydre indre\tanden"]


@needs_shared
@pytest.mark.parametrize("stem", STEMS)
def test_odt_seeds_read_like_the_text_seeds(stem):
    odt = read_document(SEEDS / f"{stem}.odt")
    assert odt.reader.startswith("odt")
    assert [b.text for b in odt.blocks] == texts(RAW / f"{stem}.txt")


def test_odt_with_a_dtd_or_without_content_is_refused(tmp_path):
    with pytest.raises(UnsafeInput, match="DTD"):
        read_document(write(tmp_path, "dtd.odt", odt_bytes(prolog='<!DOCTYPE x [<!ENTITY a "b">]>')))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(ReadError, match="content.xml"):
        read_document(write(tmp_path, "empty.odt", buf.getvalue()))
    with pytest.raises(ReadError, match="malformed XML"):
        read_document(write(tmp_path, "bad.odt", odt_bytes("<text:p>open")))


# ---------------------------------------------------------------- .doc


def _doc_seeds() -> list[Path]:
    found = [LEGACY / "komdir_hb_2020-09-17_dagsorden.doc"]
    found += [SEEDS / f"{stem}.doc" for stem in STEMS if (SEEDS / f"{stem}.doc").exists()]
    return list(dict.fromkeys(p for p in found if p.exists()))


def _txt_for(path: Path) -> Path:
    return RAW / f"{path.stem}.txt"


@pytest.mark.slow
@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice")
@pytest.mark.parametrize("path", _doc_seeds(), ids=lambda p: p.name)
def test_doc_through_libreoffice(path):
    doc = read_document(path)
    assert doc.reader == "libreoffice+python-docx" and doc.format == "doc"
    assert [b.text for b in doc.blocks] == texts(_txt_for(path))
    assert any(b.kind == BlockKind.table_row for b in doc.blocks) or "dagsorden" in path.name


@pytest.mark.skipif(not HAS_ANTIWORD, reason="needs antiword")
@pytest.mark.parametrize("path", _doc_seeds(), ids=lambda p: p.name)
def test_doc_through_antiword_when_libreoffice_is_missing(path, monkeypatch):
    import pipeline.ingest.convert as convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    doc = read_document(path)
    assert doc.reader == "antiword"
    assert [b.text for b in doc.blocks] == texts(_txt_for(path))


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("|2/2   |2022  |Fællesmøde KL/KOMDIR |", ["2/2", "2022", "Fællesmøde KL/KOMDIR"]),  # antiword
        ("8. november 2023|Bestyrelsesmøde|", ["8. november 2023", "Bestyrelsesmøde"]),  # striprtf
        ("Punkt 1 | bemærkning", None),  # prose with a bar: no closing bar, no table
    ],
)
def test_pipe_drawn_table_rows(line, cells):
    from pipeline.ingest.doc import tool_text_blocks

    (block,) = tool_text_blocks(line)
    assert (block.cells if block.kind == BlockKind.table_row else None) == cells


@pytest.mark.slow
@pytest.mark.skipif(not (HAS_SOFFICE or HAS_ANTIWORD), reason="needs LibreOffice or antiword")
def test_damaged_doc_is_one_read_error(tmp_path):
    data = (LEGACY / "komdir_hb_2020-09-17_dagsorden.doc").read_bytes()
    directory = data.find("WordDocument".encode("utf-16-le")) // 512 * 512  # keep only the OLE directory
    body_gone = data[:512] + bytes(directory - 512) + data[directory : directory + 512]
    for name, damaged in (
        ("cut.doc", data[:1024] + bytes(4096)),
        ("half.doc", data[: len(data) // 2]),
        ("zeroed.doc", data[:512] + bytes(len(data) - 512)),
        ("no_body.doc", body_gone + bytes(len(data) - len(body_gone))),
    ):
        with pytest.raises(ReadError) as info:
            read_document(write(tmp_path, name, damaged))
        assert "\n" not in str(info.value), name


def test_doc_without_any_tool_names_both_packages(monkeypatch, tmp_path):
    import pipeline.ingest.convert as convert
    import pipeline.ingest.doc as doc

    monkeypatch.setattr(convert, "soffice", lambda: None)
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(MissingTool, match="libreoffice-writer-nogui.*antiword"):
        read_document(LEGACY / "komdir_hb_2020-09-17_dagsorden.doc")


# ---------------------------------------------------------------- .rtf

HAND_RTF = rb"""{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}
{\stylesheet{\s1 heading 1;}}
{\pard\s1\b\fs32 Referat af bestyrelsesm\'f8de 3. marts 2023\par}
{\pard Til stede: Karin Holm, S\'f8ren \'c6r\'f8\par}
{\pard Frav\'e6rende: \u197?se Lund (syg)\par}
{\pard 1. Vedligeholdelse\par}
{\pard Bestyrelsen besluttede at male vinduerne \endash  og d\'f8rene.\par}
\trowd\cellx3000\cellx6000 8. november 2023\cell Bestyrelsesm\'f8de\cell\row
\pard Referent: Lise Dahl\par
}"""
HAND_RTF_TEXTS = [
    "Referat af bestyrelsesmøde 3. marts 2023",
    "Til stede: Karin Holm, Søren Ærø",
    "Fraværende: Åse Lund (syg)",
    "1. Vedligeholdelse",
    "Bestyrelsen besluttede at male vinduerne – og dørene.",
    "8. november 2023\tBestyrelsesmøde",
    "Referent: Lise Dahl",
]


def test_rtf_by_hand_with_striprtf(tmp_path, monkeypatch):
    import pipeline.ingest.convert as convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    doc = read_document(write(tmp_path, "m.rtf", HAND_RTF))
    assert doc.reader == "striprtf" and doc.format == "rtf"
    assert [b.text for b in doc.blocks] == HAND_RTF_TEXTS
    assert doc.blocks[5].kind == BlockKind.table_row


@pytest.mark.slow
@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice")
def test_rtf_by_hand_with_libreoffice(tmp_path):
    doc = read_document(write(tmp_path, "m.rtf", HAND_RTF))
    assert doc.reader == "libreoffice+python-docx"
    assert [b.text for b in doc.blocks] == HAND_RTF_TEXTS
    assert doc.blocks[0].kind == BlockKind.heading and doc.blocks[5].cells == HAND_RTF_TEXTS[5].split("\t")


def test_rtf_seed_without_libreoffice_matches_the_text(monkeypatch):
    import pipeline.ingest.convert as convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    assert texts(LEGACY / "komdir_hb_2022-01-14_referat.rtf") == texts(RAW / "komdir_hb_2022-01-14_referat.txt")


# ---------------------------------------------------------------- .html

PORTAL = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Referat - Grundejerforeningen</title>
<script>var labels = {"absent": "Fraværende", "present": "Til stede"};</script>
<script type="application/ld+json">{"@type": "Event", "about": "Fraværende: Hans Hansen"}</script>
<style>.fravaerende:before{content:"Fraværende"}</style><noscript>Fraværende: slå JavaScript til</noscript>
</head><body class="page has-sidebar">
<div id="CybotCookiebotDialog" class="cookie-consent">Vi bruger cookies. Fraværende: ingen <a href="#">OK</a></div>
<header><a href="/">Grundejerforeningen Solsikken</a></header>
<nav><ul><li>Forside</li><li>Referater</li></ul></nav>
<ol class="breadcrumb"><li>Forside</li><li>Referater</li></ol>
<div class="content">
<h1>Referat af generalforsamling 12. april 2023</h1>
<div data-i18n>{"fravaerende": "Fraværende", "tilstede": "Til stede"}</div>
<p>Til stede: Karin Holm, Jens Mikkelsen<br>Fraværende: Ole Berg (syg)</p>
<h2>1. Valg af dirigent</h2>
<p>Der var 12 fremmødte. Jens Mikkelsen blev valgt.</p>
<h2>2. Vedligeholdelse</h2>
<ul><li><p>Vejene skal repareres.</p>
  <ul><li>Karin indhenter tilbud.<ol><li>Asfalt</li><li>Grus</li></ol></li></ul></li>
 <li>Hækkene klippes.</li></ul>
<table class="data"><tr><th>Dato</th><th>Møde</th></tr><tr><td>8. november 2023</td><td>Bestyrelsesmøde</td></tr></table>
<div style="display: none">Fraværende: skjult</div>
</div>
<aside>Seneste nyt</aside>
<footer>Grundejerforeningen Solsikken · CVR 12345678</footer>
<script>window.dataLayer = [{"event": "Fraværende"}];</script>
</body></html>
"""


def test_portal_page_keeps_content_and_drops_furniture(tmp_path):
    doc = read_document(write(tmp_path, "portal.html", PORTAL))
    assert doc.reader == "lxml.html"
    assert doc.text.count("Fraværende") == 1  # only the real line; scripts, banner, JSON are gone
    for gone in ("cookies", "Forside", "Solsikken", "Seneste nyt", "skjult", "{", "labels"):
        assert gone not in doc.text, gone
    assert blocks(write(tmp_path, "p.html", PORTAL)) == [
        ("heading", 1, "Referat af generalforsamling 12. april 2023"),
        ("paragraph", 0, "Til stede: Karin Holm, Jens Mikkelsen"),
        ("paragraph", 0, "Fraværende: Ole Berg (syg)"),
        ("heading", 2, "1. Valg af dirigent"),
        ("paragraph", 0, "Der var 12 fremmødte. Jens Mikkelsen blev valgt."),
        ("heading", 2, "2. Vedligeholdelse"),
        ("list_item", 1, "Vejene skal repareres."),
        ("list_item", 2, "Karin indhenter tilbud."),
        ("list_item", 3, "Asfalt"),
        ("list_item", 3, "Grus"),
        ("list_item", 1, "Hækkene klippes."),
        ("table_row", 0, "Dato\tMøde"),
        ("table_row", 0, "8. november 2023\tBestyrelsesmøde"),
    ]


TABLE_LAYOUT = """<html><head><title>Referat af bestyrelsesmøde</title>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>
<body><table width="100%" border="0"><tr>
<td width="180" valign="top"><a href="/">Forside</a><br><a href="/ref">Referater</a><br><a href="/k">Kontakt</a></td>
<td valign="top"><font size="4"><b>Bestyrelsesmøde 12. marts 2009</b></font><br>
Til stede: Bent Nielsen, Inge Lund<br>Afbud: Per Holm<br><br>
1. Regnskab<br>Regnskabet blev godkendt.
<table border="1"><tr><td>Indtægter</td><td>12.000 kr.</td></tr><tr><td>Udgifter</td><td>9.500 kr.</td></tr></table>
</td></tr></table></body></html>
"""


def test_table_layout_page_cells_are_containers(tmp_path):
    path = write(tmp_path, "gammel.htm", TABLE_LAYOUT.encode("cp1252"))
    assert blocks(path) == [
        ("title", 0, "Referat af bestyrelsesmøde"),
        ("paragraph", 0, "Bestyrelsesmøde 12. marts 2009"),
        ("paragraph", 0, "Til stede: Bent Nielsen, Inge Lund"),
        ("paragraph", 0, "Afbud: Per Holm"),
        ("paragraph", 0, "1. Regnskab"),
        ("paragraph", 0, "Regnskabet blev godkendt."),
        ("table_row", 0, "Indtægter\t12.000 kr."),
        ("table_row", 0, "Udgifter\t9.500 kr."),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            codecs.BOM_UTF8
            + "<html><head><meta charset='iso-8859-1'></head><body>\r\n<p>Fraværende:\r\nÅse</p>\r\n"
            "<p>Næste møde</p></body></html>".encode(),
            ["Fraværende: Åse", "Næste møde"],
        ),  # BOM beats meta
        (
            "<html><body><p>Referat fra mødet i foreningen, hvor Søren Ørum og Åse Ærbø var til stede.</p></body></html>".encode(
                "latin-1"
            ),
            ["Referat fra mødet i foreningen, hvor Søren Ørum og Åse Ærbø var til stede."],
        ),
        (
            codecs.BOM_UTF16_LE + "<html><body><h2>Dagsorden</h2><p>Punkt 1</p></body></html>".encode("utf-16-le"),
            ["Dagsorden", "Punkt 1"],
        ),
        (
            b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
            b"<body><h1>Referat</h1><p>Line 1<br/>Line 2</p></body></html>",
            ["Referat", "Line 1", "Line 2"],
        ),
    ],
)
def test_html_encodings_boms_crlf_and_xhtml(tmp_path, data, expected):
    assert texts(write(tmp_path, "side.htm", data)) == expected


def test_html_title_is_a_fallback_only(tmp_path):
    with_h1 = "<html><head><title>Portal</title></head><body><h1>Referat</h1><p>x</p></body></html>"
    without = "<html><head><title>Referat 3. marts</title></head><body><p>x</p></body></html>"
    assert blocks(write(tmp_path, "a.html", with_h1))[0] == ("heading", 1, "Referat")
    assert blocks(write(tmp_path, "b.html", without))[0] == ("title", 0, "Referat 3. marts")


def test_a_wrapper_with_a_furniture_class_is_kept_when_it_holds_the_page(tmp_path):
    page = (
        '<html><body><div class="layout-with-sidebar"><h1>Referat</h1><p>Bestyrelsen besluttede at '
        'male.</p></div><div class="menu">Forside</div></body></html>'
    )
    assert texts(write(tmp_path, "w.html", page)) == ["Referat", "Bestyrelsen besluttede at male."]


@pytest.mark.parametrize(
    ("line", "is_code"),
    [
        ('{"absent": "Fraværende"}', True),
        ('[{"event": 1}]', True),
        ("window.i18n = {", True),
        ("var labels = {'a': 1}", True),
        ("Der var 12 fremmødte.", False),
        ("Var der enighed? Ja = vedtaget", False),
        ("[1] Se bilag", False),
    ],
)
def test_code_line_pattern(line, is_code):
    from pipeline.ingest.html import CODE_LINE

    assert bool(CODE_LINE.match(line)) == is_code


def test_html_seed_like_page_extracts(tmp_path, nlp):
    from pipeline.extract import extract_record

    rec = extract_record(read_document(write(tmp_path, "portal.html", PORTAL)), nlp)
    assert [p.name for p in rec.absentees] == ["Ole Berg"]
    assert "Hans Hansen" not in [p.name for p in rec.attendees + rec.absentees]


# ---------------------------------------------------------------- OCR


def has_tesseract_dan() -> bool:
    if not shutil.which("tesseract"):
        return False
    import pytesseract

    return "dan" in pytesseract.get_languages(config="")


def character_error_rate(reference: str, hypothesis: str) -> float:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(reference, hypothesis) / max(len(reference), 1)


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.skipif(not has_tesseract_dan(), reason="needs tesseract-ocr and tesseract-ocr-dan")
def test_ocr_of_the_scanned_seed_is_close_to_the_text(capsys):
    scan = read_document(LEGACY / "komdir_hb_2020-09-17_dagsorden_scan.pdf")
    reference = "\n".join(texts(RAW / "komdir_hb_2020-09-17_dagsorden.txt"))
    cer = character_error_rate(" ".join(reference.split()), " ".join(scan.text.split()))
    with capsys.disabled():
        print(
            f"\nOCR character error rate on the scanned seed: {cer:.4f} "
            f"(mean word confidence {scan.ocr_confidence:.1f})"
        )
    assert cer < OCR_MAX_CER
    assert scan.ocr and all(b.ocr_confidence is not None and b.page >= 1 for b in scan.blocks)
    assert sum(b.kind == BlockKind.list_item for b in scan.blocks) >= 10
    assert "æ" in scan.text and "ø" in scan.text and "å" in scan.text.lower()


def test_missing_danish_model_is_one_clear_line(monkeypatch):
    import pytesseract

    import pipeline.ingest.ocr as ocr

    if not shutil.which("tesseract"):
        pytest.skip("tesseract is missing: covered by the missing-binary message")
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    ocr._languages.cache_clear()  # the language list is read once per process
    try:
        with pytest.raises(MissingTool, match="tesseract-ocr-dan"):
            read_document(LEGACY / "komdir_hb_2020-09-17_dagsorden_scan.pdf")
    finally:
        ocr._languages.cache_clear()
    assert ocr.INSTALL == "apt-get install tesseract-ocr tesseract-ocr-dan"


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("HB drøftede emnet - herunder loven", "HB drøftede emnet – herunder loven"),
        ("HB-møde den 2-3. marts", "HB-møde den 2-3. marts"),  # compound and range hyphens stay
        ("- Punkt", "- Punkt"),  # a leading dash is a bullet, not a spaced dash
    ],
)
def test_ocr_text_fixes(ocr, fixed):
    from pipeline.ingest.ocr import fix_ocr_text

    assert fix_ocr_text(ocr) == fixed
