"""The core readers (.txt, .docx, .pdf) and their shared layout rules.

The key acceptance test: one document as .txt, .docx and .pdf gives the same
block texts, and the list levels agree. Then each reader's own behaviour
(encodings, styles and numbering, positions, headers/footers, tables, errors)
and the small rules they share (bullet glyphs, hyphenation, page numbers).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import ReadError, ReferatError, UnsupportedFormat
from pipeline.ingest import docx as docx_reader
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest import read_document
from pipeline.ingest import text as text_reader
from pipeline.ingest.base import Limits
from pipeline.ingest.layout import (
    Line,
    drop_headers_footers,
    is_page_number,
    join_lines,
    split_bullet,
    tab_cells,
    tabulate,
)
from pipeline.ingest.layout_blocks import lines_to_blocks
from pipeline.types import BlockKind, SourceDocument

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "data" / "raw"
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = Path(__file__).parents[1] / "data" / "ingest"
LEGACY = Path(__file__).parents[1] / "data" / "legacy"
STEMS = ["komdir_hb_2020-09-17_dagsorden", "komdir_hb_2022-01-14_referat"]
FORMATS = ["txt", "docx", "pdf"]
LIMITS = Limits()
DANISH = "Referat: Søren Ågård og Æble-Øster mødtes – “på Ærø” den 5. maj (€ 100)."


def norm(text: str) -> str:
    return " ".join(text.split())


def texts(doc: SourceDocument) -> list[str]:
    return [norm(b.text) for b in doc.blocks]


@pytest.fixture(scope="module")
def seeds() -> dict[tuple[str, str], SourceDocument]:
    return {(stem, fmt): read_document(RAW / f"{stem}.{fmt}") for stem in STEMS for fmt in FORMATS}


# ---------------------------------------------------------------- the same document in three formats


@pytest.mark.parametrize("stem", STEMS)
def test_three_renditions_give_the_same_block_texts(seeds, stem):
    txt, docx, pdf = (texts(seeds[(stem, fmt)]) for fmt in FORMATS)
    assert docx == txt
    assert pdf == txt


@pytest.mark.parametrize("stem", STEMS)
def test_list_levels_and_table_rows_agree_across_renditions(seeds, stem):
    def structure(doc):
        return [(b.kind, b.level) if b.kind in (BlockKind.list_item, BlockKind.table_row) else None for b in doc.blocks]

    txt, docx, pdf = (structure(seeds[(stem, fmt)]) for fmt in FORMATS)
    assert docx == txt and pdf == txt
    assert (BlockKind.list_item, 2) in txt


@pytest.mark.parametrize("stem", STEMS)
def test_docx_and_pdf_agree_on_titles_and_headings(seeds, stem):
    docx, pdf = ([(b.kind, b.level) for b in seeds[(stem, fmt)].blocks] for fmt in ("docx", "pdf"))
    assert docx == pdf
    assert docx[0] == (BlockKind.title, 0) and (BlockKind.heading, 1) in docx


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_block_is_its_slice_of_the_canonical_text(seeds, stem, fmt):
    doc = seeds[(stem, fmt)]
    assert all(doc.text[b.start : b.end] == b.text and "\n" not in b.text for b in doc.blocks)
    assert doc.text == "\n".join(b.text for b in doc.blocks)


def test_referat_seed_details(seeds):
    pdf = seeds[(STEMS[1], "pdf")]
    by_text = {b.text: b for b in pdf.blocks}
    assert pdf.blocks[0].text == "Referat HB-møde" and pdf.blocks[0].kind == BlockKind.title
    wrapped = by_text["4. Samarbejde med Kronprins Frederiks Center for Offentlig Ledelse"]
    assert (wrapped.kind, wrapped.level, wrapped.page) == (BlockKind.heading, 1, 2)
    assert by_text["3. Nyt direktionsforløb"].kind == BlockKind.heading
    assert any(b.text.endswith("til et kommende HB-møde.") for b in pdf.blocks)  # "HB-" / "møde." rejoined
    rows = [b for b in pdf.blocks if b.kind == BlockKind.table_row]
    assert rows[0].cells == ["2/2", "2022", "Fællesmøde KL/KOMDIR"]
    assert rows[0].text == "2/2\t2022\tFællesmøde KL/KOMDIR"
    assert [b.page for b in pdf.blocks] == sorted(b.page for b in pdf.blocks) and pdf.pages == 4


def test_txt_seed_keeps_plain_lines_as_paragraphs(seeds):
    txt = seeds[(STEMS[1], "txt")]
    assert (txt.blocks[0].kind, txt.blocks[0].text) == (BlockKind.paragraph, "Referat HB-møde")
    assert txt.blocks[1].text == "14. januar 2022" and txt.reader == "text (utf-8)"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_cp1252_seed_reads_like_the_utf8_one():
    doc = read_document(SEEDS / "komdir_hb_2020-09-17_dagsorden_cp1252.txt")
    assert doc.reader == "text (cp1252)"
    assert texts(doc) == texts(read_document(RAW / "komdir_hb_2020-09-17_dagsorden.txt"))
    assert "Niels Ågesen" in doc.text and "Nærhedsreform" in doc.text and "ø" in doc.text


# ---------------------------------------------------------------- text


@pytest.mark.parametrize(
    "encoding,expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp1252", "cp1252"),
        ("utf-16", "utf-16"),
    ],
)
def test_text_encodings(encoding, expected):
    assert text_reader.decode(DANISH.encode(encoding)) == (DANISH, expected)


def test_latin1_text_with_bytes_cp1252_leaves_undefined():
    data = "Søren på Ærø".encode("latin-1") + b" \x81"
    text, encoding = text_reader.decode(data)
    assert text.startswith("Søren på Ærø") and encoding == "latin_1"


def test_plain_latin1_danish_comes_out_right():
    text = "Møde i Åbenrå: æøå ÆØÅ"
    assert text_reader.decode(text.encode("latin-1"))[0] == text


def test_text_is_nfc_with_unix_newlines():
    blocks = text_reader.text_blocks("Ma\u030ale\u00a0r\r\nlinje to\rlinje tre\n")
    assert [b.text for b in blocks] == ["Måle r", "linje to", "linje tre"]


def test_text_lines_become_blocks():
    source = (
        "Referat\n# Dagsorden\n## Punkt 1\n- Siden sidst\n - Nyhedsbrev\n\t- Dybere\n• Presse\n"
        "1.\tMeddelelser\n2/2\t2022\tFællesmøde KL/KOMDIR\n-5 grader\n"
    )
    blocks = text_reader.text_blocks(source)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (BlockKind.paragraph, 0, "Referat"),
        (BlockKind.heading, 1, "Dagsorden"),
        (BlockKind.heading, 2, "Punkt 1"),
        (BlockKind.list_item, 1, "Siden sidst"),
        (BlockKind.list_item, 2, "Nyhedsbrev"),
        (BlockKind.list_item, 3, "Dybere"),
        (BlockKind.list_item, 1, "Presse"),
        (BlockKind.paragraph, 0, "1. Meddelelser"),
        (BlockKind.table_row, 0, "2/2\t2022\tFællesmøde KL/KOMDIR"),
        (BlockKind.paragraph, 0, "-5 grader"),
    ]
    assert blocks[8].cells == ["2/2", "2022", "Fællesmøde KL/KOMDIR"]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"   \n\t\n", "no text"),
        (b"Referat\x00\x00binary", "NUL"),
        (b"\xff\xfe" + b"\x00\xd8", "UTF-16"),  # a lone surrogate
    ],
)
def test_text_errors_are_read_errors(data, message):
    with pytest.raises(ReadError, match=message):
        text_reader.read(data, Path("x.txt"), LIMITS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.tuples(st.text(max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])).map(
            lambda t: t[0].encode(t[1], errors="ignore")
        ),
    )
)
def test_text_reader_reads_or_refuses_and_offsets_hold(data):
    try:
        result = text_reader.read(data, Path("x.txt"), LIMITS)
    except (ReadError, UnsupportedFormat) as e:
        assert "\n" not in str(e)
        return
    doc = SourceDocument.from_blocks(
        result.blocks, doc_id="x", path="x.txt", name="x.txt", format="txt", reader=result.reader
    )
    assert all(doc.text[b.start : b.end] == b.text and b.text and "\n" not in b.text for b in doc.blocks)


# ---------------------------------------------------------------- docx


@pytest.fixture(scope="module")
def numbered() -> dict[str, SourceDocument]:
    return {fmt: read_document(FIXTURES / f"numbered.{fmt}") for fmt in ("docx", "pdf")}


def test_docx_styles_on_the_seed(seeds):
    doc = seeds[(STEMS[1], "docx")]
    assert [(b.kind, b.level, b.style) for b in doc.blocks[:3]] == [
        (BlockKind.title, 0, "Title"),
        (BlockKind.heading, 1, "Heading 1"),
        (BlockKind.heading, 1, "Heading 1"),
    ]
    assert {(b.style, b.level) for b in doc.blocks if b.kind == BlockKind.list_item} == {
        ("List Bullet", 1),
        ("List Bullet 2", 2),
    }


def test_docx_automatic_numbers_are_written_out(numbered):
    kinds = {b.text: (b.kind, b.level) for b in numbered["docx"].blocks}
    assert kinds["1. Meddelelser"] == (BlockKind.heading, 1)
    assert kinds["a) Formanden orienterede om økonomien."] == (BlockKind.list_item, 2)
    assert kinds["b) Sekretariatet orienterede om medlemstallet."] == (BlockKind.list_item, 2)
    assert kinds["2. Årsmøde"] == (BlockKind.heading, 1)  # the letters restart under a new number
    assert kinds["1. Første punkt i listen"] == (BlockKind.list_item, 1)  # "List Number" style
    assert kinds["Et punkt med punkttegn"] == (BlockKind.list_item, 1)  # bullets get no label


def test_docx_body_order_content_controls_breaks_and_merged_cells(numbered):
    doc = numbered["docx"]
    got = texts(doc)
    assert got[1:3] == ["Deltagere: Niels Ågesen, Eik Møller", "Afbud: Rie Perry"]  # split at the line break
    assert "Årsmødet holdes i Odense." in got  # inside a content control
    rows = [b.cells for b in doc.blocks if b.kind == BlockKind.table_row]
    assert rows[:3] == [["Dato", "Emne", "Ansvarlig"], ["2/2", "Budget", "Eik"], ["Regnskab"]]
    assert rows[3] == ["2/2", "2022", "Fællesmøde KL/KOMDIR"]  # tab-separated paragraph, as in a .txt
    assert got.index("Mødekalender") < got.index("2/2\t2022\tFællesmøde KL/KOMDIR".replace("\t", " "))


def test_headers_and_footers_are_not_body_text(numbered):
    for doc in numbered.values():
        assert "Fortroligt udkast" not in doc.text and "KOMDIR sekretariatet" not in doc.text


def test_numbered_fixture_reads_alike_as_docx_and_pdf(numbered):
    assert texts(numbered["pdf"]) == texts(numbered["docx"])
    assert [b.kind for b in numbered["pdf"].blocks if b.kind == BlockKind.table_row] == [
        b.kind for b in numbered["docx"].blocks if b.kind == BlockKind.table_row
    ]


@pytest.mark.parametrize(
    "style,expected",
    [
        ("Title", (BlockKind.title, 0)),
        ("Heading 3", (BlockKind.heading, 3)),
        ("Overskrift 2", (BlockKind.heading, 2)),
        ("List Bullet", (BlockKind.list_item, 1)),
        ("List Bullet 2", (BlockKind.list_item, 2)),
        ("List Number 3", (BlockKind.list_item, 3)),
        ("Opstilling med punkttegn 2", (BlockKind.list_item, 2)),
        ("Normal", (BlockKind.paragraph, 0)),
        ("List Paragraph", (BlockKind.paragraph, 0)),
        ("Heading", (BlockKind.paragraph, 0)),
    ],
)
def test_docx_style_table(style, expected):
    assert docx_reader.style_kind(style) == expected


@pytest.mark.parametrize(
    "fmt,level,count,expected",
    [
        ("decimal", "%1.", 3, "3."),
        ("lowerLetter", "%1)", 28, "bb)"),
        ("upperRoman", "%1", 14, "XIV"),
        ("bullet", "•", 1, None),
    ],
)
def test_docx_number_formats(fmt, level, count, expected):
    numbering = docx_reader.Numbering(None)
    numbering.abstracts["1"] = {0: docx_reader.Level(fmt, level)}
    numbering.nums["7"] = ("1", {})
    labels = [numbering.label("7", 0) for _ in range(count)]
    assert labels[-1] == expected


def test_docx_paragraph_text_reads_what_word_shows():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = parse_xml(
        f"<w:p {nsdecls('w', 'r')}><w:r><w:t xml:space='preserve'>Mødet </w:t></w:r>"
        "<w:del><w:r><w:delText>blev aflyst</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>blev holdt</w:t></w:r></w:ins>"
        "<w:hyperlink r:id='rId9'><w:r><w:t> i KL-</w:t></w:r></w:hyperlink>"
        "<w:r><w:t>huset</w:t><w:tab/><w:t>kl. 10</w:t><w:br/><w:t>Referent</w:t></w:r>"
        "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>tekstboks</w:t></w:r></w:p></w:txbxContent></w:drawing>"
        "</w:r></w:p>"
    )
    assert docx_reader.paragraph_text(p) == "Mødet blev holdt i KL-huset\tkl. 10\nReferent"


def test_docx_errors_are_one_line_read_errors():
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "not xml at all")
    with pytest.raises(ReadError) as info:
        docx_reader.read(buf.getvalue(), Path("x.docx"), LIMITS)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- pdf


def test_pdf_drops_running_headers_and_page_numbers():
    pdf = read_document(FIXTURES / "header_footer.pdf")
    assert pdf.pages == 4 and {b.page for b in pdf.blocks} == {1, 2, 3, 4}
    assert "Kommunaldirektørforeningen" not in pdf.text and "Side " not in pdf.text
    assert texts(pdf)[:2] == ["Referat HB-møde", "1. Punkt nummer 1"]
    docx = read_document(FIXTURES / "header_footer.docx")
    assert "".join(texts(pdf)).replace(" ", "") == "".join(texts(docx)).replace(" ", "")


def test_pdf_without_pages_or_broken_or_encrypted_is_a_read_error():
    with pytest.raises(ReadError, match="no pages"):
        pdf_reader.read(ZERO_PAGE_PDF, Path("x.pdf"), LIMITS)
    seed = (RAW / f"{STEMS[1]}.pdf").read_bytes()
    with pytest.raises(ReadError, match="damaged PDF") as info:
        pdf_reader.read(seed[:600], Path("x.pdf"), LIMITS)
    assert "\n" not in str(info.value)
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(seed)))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError, match=r"^encrypted PDF \(password protected\)$"):
        pdf_reader.read(buf.getvalue(), Path("x.pdf"), LIMITS)


ZERO_PAGE_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R /Size 3 >>\n%%EOF\n"
)


def test_scanned_pages_without_ocr_give_a_warning():
    result = pdf_reader.read(
        (LEGACY / "komdir_hb_2020-09-17_dagsorden_scan.pdf").read_bytes(), Path("s.pdf"), Limits(ocr=False)
    )
    assert result.blocks == [] and result.warnings[0] == "page 1 has no text layer (OCR is off)"
    assert not result.ocr


def test_scanned_pages_go_to_ocr(monkeypatch):
    import pipeline.ingest.ocr as ocr

    def fake_ocr(page, number, limits):
        return [
            Line(
                text=f"Side {number} læst",
                page=number,
                x0=72,
                top=100,
                bottom=111,
                size=11,
                confidence=90.0 + number,
                group=(number, 1, 1),
            )
        ], 90.0 + number

    monkeypatch.setattr(ocr, "ocr_page", fake_ocr)
    result = pdf_reader.read((LEGACY / "komdir_hb_2020-09-17_dagsorden_scan.pdf").read_bytes(), Path("s.pdf"), LIMITS)
    assert result.ocr and result.reader in ("pypdfium2+tesseract", "pdfplumber+tesseract")
    assert result.ocr_confidence == pytest.approx(sum(90.0 + n for n in range(1, result.pages + 1)) / result.pages)
    assert [b.text for b in result.blocks][0] == "Side 1 læst"


# ---------------------------------------------------------------- shared layout rules


@pytest.mark.parametrize(
    "line,expected",
    [
        ("- Siden sidst", ("-", "Siden sidst")),
        ("  • Presse", ("•", "Presse")),
        ("\uf0b7 Meddelelser", ("\uf0b7", "Meddelelser")),
        ("\uf0b7Meddelelser", ("\uf0b7", "Meddelelser")),
        ("▪ Punkt", ("▪", "Punkt")),
        ("– herunder", ("–", "herunder")),
        ("o Underpunkt", ("o", "Underpunkt")),
        ("* Stjerne", ("*", "Stjerne")),
        ("- oversigt", ("-", "oversigt")),
        ("• • •", None),
        ("-5 grader", None),
        ("overskud", None),
        ("o.l.", None),
        ("--- ", None),
        ("-", None),
        ("• ", None),
    ],
)
def test_bullet_glyph_table(line, expected):
    assert split_bullet(line) == expected


@pytest.mark.parametrize(
    "left,right,joined",
    [
        ("et kommende HB-", "møde.", "et kommende HB-møde."),
        ("den nye for-", "ening", "den nye forening"),
        ("Corona-", "økonomi", "Corona-økonomi"),
        ("en ny e-", "mail", "en ny e-mail"),
        ("ledige i a-", "kassen", "ledige i a-kassen"),
        ("perioden 2021-", "2022", "perioden 2021-2022"),
        ("social-", "og indenrigsministeriet", "social- og indenrigsministeriet"),
        ("sundheds-", "Danmark", "sundheds-Danmark"),
        ("emnet –", "herunder", "emnet – herunder"),
        ("kommunal\u00ad", "direktør", "kommunaldirektør"),
        ("slut.", "Ny", "slut. Ny"),
    ],
)
def test_hyphenation_across_lines(left, right, joined):
    assert join_lines(left, right) == joined


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2", True),
        ("- 2 -", True),
        ("– 12 –", True),
        ("Side 2 af 5", True),
        ("side 3", True),
        ("Page 4 of 9", True),
        ("2/5", True),
        ("2. Aktuelt", False),
        ("Side om side", False),
        ("HB-møde 2022 side 2 af referatet", False),
    ],
)
def test_page_number_patterns(text, expected):
    assert is_page_number(text) is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2/2\t2022\tFællesmøde", ["2/2", "2022", "Fællesmøde"]),
        ("a\t\tb", ["a", "b"]),
        ("1.\tMeddelelser", None),
        ("•\tBudget", None),
        ("a)\tPunkt", None),
        ("bare tekst", None),
    ],
)
def test_tab_cells(text, expected):
    assert tab_cells(text) == expected


def line(text, top, x0=90.0, size=11.0, page=1, bold=False, x1=None, **kw) -> Line:
    return Line(
        text=text,
        page=page,
        x0=x0,
        top=top,
        bottom=top + size,
        size=size,
        bold=bold,
        x1=x1 if x1 is not None else x0 + 5.5 * len(text),
        page_width=612,
        **kw,
    )


def test_wrapped_heading_is_one_block_and_the_next_heading_its_own():
    full = "x" * 76  # a full-width body line
    lines = [
        line("Referat HB-møde", 70, size=26),
        line("3. Nyt direktionsforløb", 130, size=14, bold=True),
        line(full, 150),
        line("videre.", 165),
        line("4. Samarbejde med Kronprins Frederiks Center for", 190, size=14, bold=True, x1=520),
        line("Offentlig Ledelse", 209, size=14, bold=True),
        line("Tekst.", 228),
    ]
    blocks = lines_to_blocks(lines, [])
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.title, "Referat HB-møde"),
        (BlockKind.heading, "3. Nyt direktionsforløb"),
        (BlockKind.paragraph, f"{full} videre."),
        (BlockKind.heading, "4. Samarbejde med Kronprins Frederiks Center for Offentlig Ledelse"),
        (BlockKind.paragraph, "Tekst."),
    ]


def test_heading_levels_follow_font_size_ranking():
    lines = [
        line("Titel", 60, size=26),
        line("Stort afsnit", 110, size=16),
        line("Mellem", 140, size=13),
        line("Lille fed", 170, bold=True),
        line("Brødtekst " * 8, 190, x1=520),
        line("slut.", 205),
    ]
    levels = [(b.kind, b.level) for b in lines_to_blocks(lines, [])]
    assert levels == [
        (BlockKind.title, 0),
        (BlockKind.heading, 1),
        (BlockKind.heading, 2),
        (BlockKind.heading, 3),
        (BlockKind.paragraph, 0),
    ]


def test_dashes_wrapped_into_a_paragraph_are_not_bullets():
    lines = [
        line("HB drøftede emnet", 100, x1=520),
        line("– herunder den kommende hovedlov.", 115, x1=400),
        line("HB peger på:", 140),
        line("- Budget", 155, x0=90),
        line("- Nærhed", 170, x0=90),
        line("  - detaljer", 185, x0=108.5),
        line("- Økonomi", 200, x0=89.2),
    ]
    blocks = lines_to_blocks(lines, [])
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        (BlockKind.paragraph, 0, "HB drøftede emnet – herunder den kommende hovedlov."),
        (BlockKind.paragraph, 0, "HB peger på:"),
        (BlockKind.list_item, 1, "Budget"),
        (BlockKind.list_item, 1, "Nærhed"),
        (BlockKind.list_item, 2, "detaljer"),
        (BlockKind.list_item, 1, "Økonomi"),
    ]


def test_repeated_margin_lines_are_dropped_but_body_lines_kept():
    lines = []
    for page in (1, 2, 3):
        lines += [
            line("KOMDIR – Hovedbestyrelsen", 30, page=page),
            line(f"Tekst på side {page}", 300, page=page),
            line(f"Side {page} af 3", 750, page=page),
            line("Unik fodnote" if page == 2 else "", 760, page=page),
        ]
    kept = [ln.text for ln in drop_headers_footers([ln for ln in lines if ln.text], 3)]
    assert kept == ["Tekst på side 1", "Tekst på side 2", "Unik fodnote", "Tekst på side 3"]


def test_column_aligned_lines_become_table_rows():
    def row(cells, top):
        return line(" ".join(t for _, t in cells), top, cells=cells)

    lines = [
        line("Kalender", 100),
        row([(90, "2/2"), (161, "2022"), (232, "Fællesmøde")], 120),
        row([(90, "17/3"), (161.5, "2022"), (232, "Topmøde")], 135),
        row([(90, "1."), (108, "Meddelelser")], 160),
        row([(90, "2."), (108, "Aktuelt")], 175),
        row([(90, "Alene"), (300, "linje")], 200),
    ]
    kept, rows = tabulate(lines)
    assert [r.cells for r in rows] == [["2/2", "2022", "Fællesmøde"], ["17/3", "2022", "Topmøde"]]
    assert [ln.text for ln in kept] == ["Kalender", "1. Meddelelser", "2. Aktuelt", "Alene linje"]


def test_reader_errors_are_referat_errors_for_every_core_format(tmp_path):
    for name, data in (("x.pdf", b"%PDF-1.4\n%%EOF"), ("x.docx", b"PK\x03\x04 broken"), ("x.txt", b"\x00" * 10)):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ReferatError) as info:
            read_document(tmp_path / name)
        assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "line,text",
    [
        ("**Deltagere:** Laura Ipsen, Mikkel Thrane", "Deltagere: Laura Ipsen, Mikkel Thrane"),
        ("__Afbud:__ Signe Mørk (eksamen)", "Afbud: Signe Mørk (eksamen)"),
        ("Se [referatet](https://example.org/r.pdf) fra *sidste* møde", "Se referatet fra sidste møde"),
        ("- [ ] Yasmin sender resultaterne", "Yasmin sender resultaterne"),
        ("- [x] Katrine booker lokale", "Katrine booker lokale"),
        ("5 * 3 = 15 og 2*4", "5 * 3 = 15 og 2*4"),
    ],
)
def test_markdown_marks_are_dropped(line, text):
    from pipeline.ingest.text import text_blocks

    assert [b.text for b in text_blocks(line)] == [text]


def test_markdown_rules_are_not_blocks():
    from pipeline.ingest.text import text_blocks

    assert [b.text for b in text_blocks("Referat\n---\n1. Velkomst")] == ["Referat", "1. Velkomst"]


@pytest.mark.parametrize(
    "line, cells",
    [
        ("Hvad | Hvem | Hvornår", ["Hvad", "Hvem", "Hvornår"]),
        ("| Opgave | Ansvarlig |", ["Opgave", "Ansvarlig"]),
        ("Skrive ansøgning | Lotte og Jakob | 1. maj", ["Skrive ansøgning", "Lotte og Jakob", "1. maj"]),
        ("Punkt 1 | bemærkning", None),  # one bar in prose is not a table
        ("|---|:---:|", None),  # a Markdown separator row is dropped, not a row
    ],
)
def test_tables_typed_with_bars(line, cells):
    from pipeline.ingest.layout import pipe_cells
    from pipeline.ingest.text import text_blocks

    assert pipe_cells(line) == (cells if not line.startswith("|-") else None)
    blocks = text_blocks(line)
    if line.startswith("|-"):
        assert blocks == []
    else:
        assert [b.cells if b.kind == "table_row" else None for b in blocks] == [cells]
