"""The pdfium PDF engine reads what the pdfplumber engine reads, faster.

pypdfium2 gives the characters (box, size, font, matrix); they are shaped like
pdfplumber's and go through the same line and block rules, so every layout
case of tests/test_ingest_pdf_layout.py reads the same with either engine.
Pages that may hold a ruled table (found from the page's path objects) still
go to pdfplumber's table finder. The PDFs are written by tests/helpers/pdf.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.pdf import PAGE_H, PAGE_W, make_pdf, rect, runs, text
from pipeline.errors import ReadError
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.base import Limits
from pipeline.types import BlockKind

LONG = "Bestyrelsen gennemgik sagen grundigt, og medlemmerne drøftede de mange forslag i god ro og orden"


def limits(engine: str) -> Limits:
    return Limits(ocr=False, extra={"pdf_engine": engine})


def read(pages: list[bytes], engine: str = "pdfium"):
    return pdf_reader.read(make_pdf(pages), Path("x.pdf"), limits(engine))


def blocks(pages: list[bytes], engine: str = "pdfium") -> list[tuple]:
    return [(b.kind, b.level, b.text, b.page) for b in read(pages, engine).blocks]


def minutes_page(top: float = 80) -> bytes:
    return (
        text(72, top, "Referat af bestyrelsesmøde", size=18, bold=True)
        + text(72, top + 40, "1. Valg af ordstyrer")
        + text(72, top + 60, LONG)
        + text(72, top + 74, "hele aftenen igennem uden afbrydelser.")
        + text(72, top + 100, "2. Meddelelser")
        + text(72, top + 120, "Kassereren orienterede om regnskabet.")
    )


def table() -> bytes:
    return (
        rect(72, 100, 150, 20, stroke=True)
        + rect(222, 100, 150, 20, stroke=True)
        + rect(72, 120, 150, 20, stroke=True)
        + rect(222, 120, 150, 20, stroke=True)
        + text(76, 114, "Hvad")
        + text(226, 114, "Hvem")
        + text(76, 134, "Budget")
        + text(226, 134, "Anna")
    )


def tj(top: float, *parts: str | float) -> bytes:
    """One TJ run: strings and kerning (thousandths of the font size), no space glyphs."""
    items = b" ".join(b"(%s)" % p.encode("cp1252") if isinstance(p, str) else b"%d" % p for p in parts)
    return b"BT /F1 11.0 Tf 1 0 0 1 72.00 %.2f Tm [%s] TJ ET\n" % (PAGE_H - top, items)


PAGES = {
    "minutes": [minutes_page()],
    "white background boxes": [
        rect(0, 0, PAGE_W, PAGE_H, fill=1.0) + rect(0, 60, PAGE_W, 400, fill=1.0) + minutes_page()
    ],
    "page in one ruled cell": [rect(50, 50, 495, 700, stroke=True) + minutes_page()],
    "ruled table": [table()],
    "rotated margin key": [minutes_page() + text(570, 700, "Dokumentnøgle: ABCD1-EFGH2", size=7, rotate=True)],
    "bang for space": [
        b"".join(
            text(72, 80 + 30 * i, s)
            for i, s in enumerate(
                [
                    "Referat!generalforsamling,!tirsdag!den!4.!marts!2014",
                    "Deltagere:!Bestyrelsen!(afbud!fra!Ole!Bak).",
                    "1.!Valg!af!dirigent.",
                    "Hans!Holm!blev!valgt.",
                    "2.!Bestyrelsens!beretning!for!det!forløbne!år.",
                ]
            )
        )
    ],
    "page numbers and key lines": [
        text(72, 95, f"Side {n} af 3")
        + (minutes_page(120) if n == 1 else text(72, 200, f"Tekst på side {n}."))
        + text(72, 600, "Nøgle: 7F3A-22B9-C0DE-91AA-0042")
        + text(290, 730, f"{n}/3")
        for n in (1, 2, 3)
    ],
    "bold run-in label": [
        runs(100, (72, "Valg af dirigent:", True), (170, "Lone Holm vælges.", False))
        + runs(128, (72, "Stemmetællere:", True), (160, "Per og Kim.", False))
    ],
    "kerned words and a line-end hyphen": [
        tj(100, "Valg", -300, "af", -300, "dirigent")
        + text(72, 130, "Bestyrelsen drøftede sagen om grundejerfor-")
        + text(72, 144, "eningens økonomi og vedtog budgettet.")
    ],
}


@pytest.mark.parametrize("name", list(PAGES))
def test_both_engines_read_the_same_blocks(name):
    assert blocks(PAGES[name], "pdfium") == blocks(PAGES[name], "pdfplumber")


def test_the_layout_rules_hold_with_pdfium():
    got = [t for _, _, t, _ in blocks(PAGES["ruled table"])]
    rows = [b.cells for b in read(PAGES["ruled table"]).blocks if b.kind == BlockKind.table_row]
    assert rows == [["Hvad", "Hvem"], ["Budget", "Anna"]] and got
    assert "ABCD1" not in " ".join(t for _, _, t, _ in blocks(PAGES["rotated margin key"]))
    bang = [t for _, _, t, _ in blocks(PAGES["bang for space"])]
    assert bang[0] == "Referat generalforsamling, tirsdag den 4. marts 2014" and "!" not in "".join(bang)
    numbered = [t for _, _, t, _ in blocks(PAGES["page numbers and key lines"])]
    assert not any("Side" in t or "/3" in t or "Nøgle" in t for t in numbered)
    kerned = [t for _, _, t, _ in blocks(PAGES["kerned words and a line-end hyphen"])]
    assert kerned[0] == "Valg af dirigent" and "grundejerfor-" in kerned[1]


def test_characters_are_shaped_like_pdfplumbers():
    import pypdfium2

    doc = pypdfium2.PdfDocument(
        make_pdf([text(72, 100, "Valg", size=11, bold=True) + text(570, 700, "Rot", size=7, rotate=True)])
    )
    page = doc[0]
    text_page = page.get_textpage()
    try:
        chars = pdf_reader.pdfium_chars(page, text_page)
    finally:
        text_page.close()
        page.close()
        doc.close()
    v, a = chars[:2]
    assert [c["text"] for c in chars[:4]] == list("Valg")
    assert v["x0"] == pytest.approx(72.0, abs=0.01) and v["x1"] == pytest.approx(72 + 0.667 * 11, abs=0.05)
    assert a["x0"] == pytest.approx(v["x1"], abs=0.05)  # the advance width, not the ink
    assert v["size"] == pytest.approx(11.0) and v["bottom"] - v["top"] == pytest.approx(11.0)
    assert 100 < v["bottom"] < 104  # the baseline is 100 points down, the descent below it
    assert "bold" in v["fontname"].lower() and v["upright"]
    assert not any(c["upright"] for c in chars[4:])


def test_only_pages_with_table_rules_go_to_pdfplumber():
    import pypdfium2

    def ruled(content: bytes) -> bool:
        doc = pypdfium2.PdfDocument(make_pdf([content]))
        try:
            return pdf_reader.ruled(doc[0])
        finally:
            doc.close()

    assert ruled(table())
    assert not ruled(minutes_page())
    assert not ruled(PAGES["white background boxes"][0])
    assert not ruled(rect(72, 300, 300, 0.8, fill=0.0) + minutes_page())  # an underline
    assert not ruled(rect(50, 50, 495, 700, stroke=True) + minutes_page())  # one frame: no row of two cells


def test_the_engine_is_chosen_by_limits_or_environment(monkeypatch):
    monkeypatch.delenv(pdf_reader.ENGINE_ENV, raising=False)
    assert pdf_reader.engine_of(Limits()) == pdf_reader.DEFAULT_ENGINE
    monkeypatch.setenv(pdf_reader.ENGINE_ENV, "pdfplumber")
    assert pdf_reader.engine_of(Limits()) == "pdfplumber"
    assert read(PAGES["minutes"], engine="").reader == "pdfplumber"
    assert pdf_reader.engine_of(limits("pdfium")) == "pdfium"
    assert read(PAGES["minutes"], engine="pdfium").reader == "pypdfium2"
    with pytest.raises(ReadError, match="unknown PDF engine"):
        pdf_reader.engine_of(limits("pdfminer"))


def test_a_file_pdfium_cannot_open_is_left_to_pdfplumber():
    zero_pages = (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R /Size 3 >>\n%%EOF\n"
    )
    with pytest.raises(ReadError, match="no pages"):
        pdf_reader.read(zero_pages, Path("x.pdf"), limits("pdfium"))


def test_a_page_without_text_is_rendered_by_pdfium_for_ocr():
    import pypdfium2

    from pipeline.ingest.ocr import OCR_DPI, render

    doc = pypdfium2.PdfDocument(make_pdf([rect(100, 100, 200, 50, fill=0.0)]))
    try:
        image, width, height = render(doc[0])
    finally:
        doc.close()
    assert (width, height) == (PAGE_W, PAGE_H) and image.mode == "RGB"
    assert image.size == pytest.approx((PAGE_W * OCR_DPI / 72, PAGE_H * OCR_DPI / 72), abs=1)
    result = read([rect(100, 100, 200, 50, fill=0.0)])
    assert result.warnings == ["page 1 has no text layer (OCR is off)"] and result.blocks == []
