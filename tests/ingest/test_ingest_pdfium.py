"""The pdfium PDF engine reads what the pdfplumber engine reads, faster.

pypdfium2 gives the characters (box, size, font, matrix); they are shaped like
pdfplumber's and go through the same line and block rules, so every layout
case of tests/ingest/test_ingest_pdf_layout.py reads the same with either engine.
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


def rule(x0: float, top0: float, x1: float, top1: float) -> bytes:
    """A stroked line (m l S), as Word and LibreOffice draw table rules and underlines."""
    return b"0 G 0.5 w %.2f %.2f m %.2f %.2f l S\n" % (x0, PAGE_H - top0, x1, PAGE_H - top1)


def grid_3x3() -> bytes:
    """A table of three columns and three rows drawn as single rules (four each way)."""
    xs, tops = (72, 222, 372, 522), (300, 320, 340, 360)
    words = (("Punkt", "Ansvarlig", "Frist"), ("Budget", "Anna", "1. maj"), ("Hjemmeside", "Bo", "1. juni"))
    return (
        b"".join(rule(xs[0], t, xs[-1], t) for t in tops)
        + b"".join(rule(x, tops[0], x, tops[-1]) for x in xs)
        + b"".join(text(xs[c] + 4, tops[r] + 14, w) for r, row in enumerate(words) for c, w in enumerate(row))
        + minutes_page()
    )


def framed_page() -> bytes:
    """A frame around the whole page with a title band at its top: two boxes, one
    column, so no row of two cells (body text, not a table)."""
    return rect(50, 50, 495, 742, stroke=True) + rect(50, 50, 495, 40, stroke=True) + minutes_page(100)


def signed_page() -> bytes:
    """An underlined heading and two signature lines side by side with a name under each."""
    return (
        minutes_page()
        + rule(72, 83, 320, 83)
        + rule(72, 600, 250, 600)
        + rule(320, 600, 500, 600)
        + text(72, 615, "Formand")
        + text(320, 615, "Referent")
    )


def crossed_rules() -> bytes:
    """Rules that cross without closing a cell: one horizontal rule with short
    vertical ticks through it (a tally or a form field), twice."""
    out = b""
    for top in (300, 500):
        out += rule(100, top, 300, top) + b"".join(rule(x, top - 12, x, top + 12) for x in (140, 180))
    return out + minutes_page()


def highlighted_words() -> bytes:
    """Words on coloured highlight boxes (filled, not stroked) and an underline: boxes
    apart from each other share no corner, so they make no table."""
    return (
        minutes_page()
        + b"1 1 0 rg"
        + b"".join(b" %.2f %.2f 40 14 re f" % (x, PAGE_H - 184) for x in (72, 200, 330))
        + b"\n"
        + text(74, 180, "Budget")
        + text(202, 180, "Kasse")
        + text(332, 180, "Vedtaget")
        + rule(72, 200, 300, 200)
    )


PAGES = {
    "minutes": [minutes_page()],
    "white background boxes": [
        rect(0, 0, PAGE_W, PAGE_H, fill=1.0) + rect(0, 60, PAGE_W, 400, fill=1.0) + minutes_page()
    ],
    "page in one ruled cell": [rect(50, 50, 495, 700, stroke=True) + minutes_page()],
    "ruled table": [table()],
    "ruled 3x3 grid": [grid_3x3()],
    "framed page with a title band": [framed_page()],
    "underlined heading and signature lines": [signed_page()],
    "rules crossing without a cell": [crossed_rules()],
    "highlighted words": [highlighted_words()],
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


def _page_verdicts(content: bytes) -> tuple[bool, bool, bool]:
    """(the cheap count passes, table_page, pdfplumber's table finder finds a real table)."""
    import io

    import pdfplumber
    import pypdfium2

    data = make_pdf([content])
    doc = pypdfium2.PdfDocument(data)
    page = doc[0]
    text_page = page.get_textpage()
    try:
        chars = pdf_reader.pdfium_chars(page, text_page)
        cheap, exact = pdf_reader.ruled(page), pdf_reader.table_page(page, chars)
    finally:
        text_page.close()
        page.close()
        doc.close()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        found = [t for t in pdf.pages[0].filter(pdf_reader._kept).find_tables() if pdf_reader._is_table(t)]
    return cheap, exact, bool(found)


@pytest.mark.parametrize(
    "name, sent",
    [
        ("ruled table", True),
        ("ruled 3x3 grid", True),
        ("framed page with a title band", False),
        ("underlined heading and signature lines", False),
        ("rules crossing without a cell", False),
        ("highlighted words", False),
        ("page in one ruled cell", False),
        ("white background boxes", False),
        ("minutes", False),
    ],
)
def test_a_page_goes_to_pdfplumber_only_when_its_table_finder_finds_a_table(name, sent):
    cheap, exact, found = _page_verdicts(PAGES[name][0])
    assert exact == found == sent
    assert cheap or not sent  # the cheap count never drops a page with a table


def test_pages_the_cheap_count_lets_through_are_read_by_pdfium_unless_they_hold_a_grid():
    for name in ("framed page with a title band", "rules crossing without a cell", "highlighted words"):
        assert _page_verdicts(PAGES[name][0])[:2] == (True, False), name  # the grid test is what drops them


def test_the_edges_from_pdfium_paths_are_pdfplumbers():
    import io

    import pdfplumber
    import pypdfium2

    def key(edges) -> list[tuple]:
        return sorted((e["orientation"], *(round(e[k], 2) for k in ("x0", "x1", "top", "bottom"))) for e in edges)

    for name in ("ruled table", "ruled 3x3 grid", "framed page with a title band", "highlighted words"):
        data = make_pdf(PAGES[name])
        doc = pypdfium2.PdfDocument(data)
        try:
            ours = key(pdf_reader._edges(doc[0]))
        finally:
            doc.close()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[0].filter(pdf_reader._kept)
            theirs = key(page.edges)
        assert ours == theirs, name


def test_a_ruled_3x3_grid_is_read_as_table_rows():
    rows = [b.cells for b in read(PAGES["ruled 3x3 grid"]).blocks if b.kind == BlockKind.table_row]
    assert rows == [["Punkt", "Ansvarlig", "Frist"], ["Budget", "Anna", "1. maj"], ["Hjemmeside", "Bo", "1. juni"]]
    signed = [t for _, _, t, _ in blocks(PAGES["underlined heading and signature lines"])]
    assert not [
        b for b in read(PAGES["underlined heading and signature lines"]).blocks if b.kind == BlockKind.table_row
    ]
    assert signed[0] == "Referat af bestyrelsesmøde"


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
