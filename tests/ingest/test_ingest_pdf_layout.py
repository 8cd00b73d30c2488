"""The PDF and OCR readers keep the structure of real PDFs: lines and blocks.

Each class of layout seen in real minutes has a small synthetic case here. The
PDFs are written by hand (tests/helpers/pdf.py: a minimal PDF with the standard Helvetica fonts, so no
PDF library is needed); the layout rules that need exact positions are tested
on Line objects, and the OCR rules on a Tesseract-shaped word table.
"""

from __future__ import annotations

from pathlib import Path

from helpers.pdf import PAGE_H, PAGE_W, make_pdf, rect, runs, text
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.base import Limits
from pipeline.ingest.layout import Line, drop_headers_footers, tabulate
from pipeline.ingest.layout_blocks import lines_to_blocks
from pipeline.ingest.ocr import fix_ocr_text, words_to_lines
from pipeline.types import BlockKind

LIMITS = Limits(ocr=False)


def read(pages: list[bytes]):
    return pdf_reader.read(make_pdf(pages), Path("x.pdf"), LIMITS).blocks


def texts(blocks) -> list[str]:
    return [b.text for b in blocks]


LONG = "Bestyrelsen gennemgik sagen grundigt, og medlemmerne drøftede de mange forslag i god ro og orden"
WRAP = "hele aftenen igennem uden afbrydelser."


def minutes_page(top: float = 80) -> bytes:
    """A small minutes page: title, a numbered item with two wrapped lines, another item."""
    return (
        text(72, top, "Referat af bestyrelsesmøde", size=18, bold=True)
        + text(72, top + 40, "1. Valg af ordstyrer")
        + text(72, top + 60, LONG)
        + text(72, top + 74, WRAP)
        + text(72, top + 100, "2. Meddelelser")
        + text(72, top + 120, "Kassereren orienterede om regnskabet.")
    )


# ---------------------------------------------------------------- tables that are not tables


def test_white_page_background_boxes_are_not_table_rules():
    """Google Docs (Skia) draws white boxes behind the page: no table, lines kept."""
    blocks = read([rect(0, 0, PAGE_W, PAGE_H, fill=1.0) + rect(0, 60, PAGE_W, 400, fill=1.0) + minutes_page()])
    assert all(b.kind != BlockKind.table_row for b in blocks)
    assert texts(blocks) == [
        "Referat af bestyrelsesmøde",
        "1. Valg af ordstyrer",
        f"{LONG} {WRAP}",
        "2. Meddelelser",
        "Kassereren orienterede om regnskabet.",
    ]


def test_a_page_in_one_ruled_cell_is_body_text_but_a_real_table_stays():
    framed = rect(50, 50, 495, 700, stroke=True) + minutes_page()
    blocks = read([framed])
    assert all(b.kind != BlockKind.table_row for b in blocks)
    assert "1. Valg af ordstyrer" in texts(blocks)
    table = (
        rect(72, 100, 150, 20, stroke=True)
        + rect(222, 100, 150, 20, stroke=True)
        + rect(72, 120, 150, 20, stroke=True)
        + rect(222, 120, 150, 20, stroke=True)
        + text(76, 114, "Hvad")
        + text(226, 114, "Hvem")
        + text(76, 134, "Budget")
        + text(226, 134, "Anna")
    )
    rows = [b for b in read([table]) if b.kind == BlockKind.table_row]
    assert [r.cells for r in rows] == [["Hvad", "Hvem"], ["Budget", "Anna"]]


# ---------------------------------------------------------------- noise that is not text


def test_rotated_margin_text_is_dropped():
    page = minutes_page() + text(570, 700, "Dokumentnøgle: ABCD1-EFGH2-IJKL3", size=7, rotate=True)
    assert "ABCD1" not in " ".join(texts(read([page])))


def test_a_text_layer_with_bang_for_every_space_is_read_with_spaces():
    body = "Referat!generalforsamling,!tirsdag!den!4.!marts!2014!kl.!19:30"
    lines = [
        body,
        "Deltagere:!Bestyrelsen!(afbud!fra!Ole!Bak).",
        "1.!Valg!af!dirigent.",
        "Hans!Holm!blev!valgt.",
        "2.!Bestyrelsens!beretning!for!det!forløbne!år!blev!godkendt.",
    ]
    page = b"".join(text(72, 80 + 30 * i, s) for i, s in enumerate(lines))
    got = texts(read([page]))
    assert got[0] == "Referat generalforsamling, tirsdag den 4. marts 2014 kl. 19:30"
    assert "Deltagere: Bestyrelsen (afbud fra Ole Bak)." in got and "!" not in "".join(got)


def test_page_numbers_above_the_margin_and_repeated_key_lines_are_dropped():
    """'1/3' a little above the bottom margin, 'Side 2 af 3' as the page's first line,
    a signing service's key line at the same height on every page."""
    pages = []
    for n in (1, 2, 3):
        body = minutes_page(top=120) if n == 1 else text(72, 200, f"Tekst på side {n} om haven og vejene.")
        pages.append(
            text(72, 95, f"Side {n} af 3")
            + body
            + text(72, 600, "Nøgle: 7F3A-22B9-C0DE-91AA-0042")
            + text(290, 730, f"{n}/3")
        )
    got = texts(read(pages))
    assert not any("Side" in t or "/3" in t or "Nøgle" in t for t in got)
    assert "Tekst på side 2 om haven og vejene." in got


def test_a_year_or_a_number_that_is_not_the_page_number_ending_a_page_stays():
    lines = [
        line("Budget for det kommende år", 100, page=1),
        line("2024", 400, page=1),
        line("Tekst", 100, page=2),
        line("17", 400, page=2),
    ]
    assert [ln.text for ln in drop_headers_footers(lines, 2)] == ["Budget for det kommende år", "2024", "Tekst", "17"]


# ---------------------------------------------------------------- entries that start their own block


def line(s: str, top: float, x0: float = 72, x1: float | None = None, page: int = 1, **kw) -> Line:
    width = 451 if x1 is None else x1 - x0
    return Line(
        text=s,
        page=page,
        x0=x0,
        x1=x0 + width,
        top=top,
        bottom=top + 11,
        size=11,
        page_width=PAGE_W,
        page_height=PAGE_H,
        **kw,
    )


def blocks_of(lines: list[Line]):
    return texts(lines_to_blocks(lines, []))


def test_numbered_lines_at_one_indent_are_separate_entries():
    """Word numbered lists: '2. ...' running to the margin, then '3. ...' under it."""
    lines = [
        line("1. Fodbold: Udvalget fortsætter uændret med de samme medlemmer som sidste sæson", 100),
        line("2. Håndbold: Udvalget fortsætter, dog med et ekstra medlem fra den nye afdeling i", 114),
        line("3. Gymnastik: Udvalget fortsætter uændret.", 128, x1=300),
    ]
    assert blocks_of(lines) == [lines[0].text, lines[1].text, lines[2].text]


def test_a_numbered_line_after_a_sentence_end_opens_an_entry_but_a_wrapped_number_does_not():
    after_sentence = [
        line("Referatet blev godkendt uden bemærkninger af de fremmødte medlemmer.", 100),
        line("3. Regnskab og budget for det kommende år blev fremlagt af kassereren", 114),
    ]
    assert len(blocks_of(after_sentence)) == 2
    wrapped = [
        line("Sagen blev udsat til mødet den 4. marts, hvor vi behandler punkt", 100),
        line("3. gang med de nye tal fra kommunen.", 114, x1=300),
    ]
    assert len(blocks_of(wrapped)) == 1


def test_the_text_under_a_numbered_line_at_another_indent_is_its_own_block():
    """'4. Valg af bestyrelse.' at the margin, the outcome indented under it; and
    an indented '1. ...' with the text under it back at the margin."""
    lines = [
        line("4. Valg af bestyrelse og suppleanter og fastsættelse af honorar for det", 100, x0=65, body_x=80),
        line("Bestyrelsen modtog genvalg og arbejdet honoreres traditionelt med en", 114, x0=100),
        line("sammenkomst.", 128, x0=100, x1=170),
    ]
    assert blocks_of(lines) == [lines[0].text, f"{lines[1].text} sammenkomst."]
    outdent = [
        line("1. Oldermandens beretning: Redegjorde for årets aktiviteter i byen.", 100, x0=110, body_x=125),
        line("Mindedes afdøde medlemmer, som havde gjort en stor indsats for byen.", 114, x0=56),
    ]
    assert len(blocks_of(outdent)) == 2


def test_a_bold_run_in_label_opens_a_block():
    lines = [
        line("Formand åbner generalforsamlingen og byder velkommen til de fremmødte i", 100),
        line("Valg af dirigent: Lone Holm vælges. Generalforsamlingen er lovligt indkaldt", 114, lead_bold=True),
    ]
    assert len(blocks_of(lines)) == 2


def test_a_long_attendee_line_does_not_swallow_the_apology_line_under_it():
    lines = [
        line("Til stede: Anna Berg, Bo Dahl, Carl Eriksen, Dorte Friis, Erik Gram, Frida Holm,", 100),
        line("Afbud: Gitte Iversen", 114, x1=200),
    ]
    assert blocks_of(lines) == [lines[0].text, "Afbud: Gitte Iversen"]
    prose = [
        line("Bestyrelsen har drøftet sagen og er enige om følgende plan for foråret:", 100),
        line("Haven skal ryddes, og hækken skal klippes inden sommer.", 114, x1=400),
    ]
    assert len(blocks_of(prose)) == 1


def test_two_numbered_entries_on_one_text_line_become_two_blocks():
    page = (
        text(72, 100, "Dagsorden", size=14, bold=True)
        + runs(130, (72, "2. Beretning", False), (320, "3. Regnskab", False))
        + text(72, 160, "Formanden aflagde beretning.")
    )
    got = read([page])
    assert texts(got)[1:3] == ["2. Beretning", "3. Regnskab"]
    assert all(b.kind != BlockKind.table_row for b in got)


def test_a_pdf_bold_label_line_is_marked_as_run_in():
    page = runs(100, (72, "Valg af dirigent:", True), (170, "Lone Holm vælges. Generalforsamlingen er lovligt", False))
    page += runs(114, (72, "indkaldt og beslutningsdygtig efter vedtægterne, som dirigenten oplyste", False))
    page += runs(128, (72, "Stemmetællere:", True), (160, "Per og Kim.", False))
    assert texts(read([page])) == [
        "Valg af dirigent: Lone Holm vælges. Generalforsamlingen er lovligt indkaldt og beslutningsdygtig "
        "efter vedtægterne, som dirigenten oplyste",
        "Stemmetællere: Per og Kim.",
    ]


def test_prose_lines_with_a_tab_stop_gap_are_not_a_table():
    lines = [
        line(
            "Kassereren fremlagte regnskabet, som viste et lille overskud",
            100,
            cells=[(72, "Kassereren fremlagte regnskabet,"), (260, "som viste et lille overskud")],
        ),
        line(
            "for året, og det blev godkendt af de fremmødte uden",
            114,
            cells=[(72, "for året, og det blev"), (190, "godkendt af de fremmødte uden")],
        ),
        line("bemærkninger.", 128, x1=150),
    ]
    kept, rows = tabulate(lines)
    assert rows == [] and len(blocks_of(kept)) == 1


# ---------------------------------------------------------------- characters


def test_ligatures_are_spelled_out_and_zero_width_lines_vanish():
    lines = [
        line("Vi ﬁk ﬂere forslag.", 100, x1=200),
        line("\u200b", 114, x1=80),
        line("Næste punkt\u200b", 128, x1=200),
    ]
    assert blocks_of(lines) == ["Vi fik flere forslag.", "Næste punkt"]


# ---------------------------------------------------------------- OCR


def tesseract(words: list[tuple[int, int, int, int, str]]) -> dict:
    """A Tesseract word table from (block, par, line, left, word); boxes at 300 dpi."""
    data: dict[str, list] = {
        k: [] for k in ("text", "block_num", "par_num", "line_num", "left", "top", "width", "height", "conf")
    }
    for block, par, ln, left, word in words:
        data["text"].append(word)
        data["block_num"].append(block)
        data["par_num"].append(par)
        data["line_num"].append(ln)
        data["left"].append(left)
        data["top"].append(400 + 60 * (10 * block + ln))
        data["width"].append(22 * len(word))
        data["height"].append(40)
        data["conf"].append(95)
    return data


def test_ocr_keeps_a_dash_between_words_and_cuts_off_a_margin_label():
    data = tesseract(
        [
            (1, 1, 1, 900, "skaj"),
            (1, 1, 1, 1010, "2"),
            (1, 1, 1, 1050, "–"),
            (1, 1, 1, 1090, "Etape"),
            (1, 1, 1, 1230, "I"),
            (1, 1, 2, 100, "Side"),
            (1, 1, 2, 200, "2"),
            (1, 1, 2, 600, "Den"),
            (1, 1, 2, 690, "17."),
        ]
    )
    lines = words_to_lines(data, 1, PAGE_H, PAGE_W)
    assert [ln.text for ln in lines] == ["skaj 2 – Etape I", "Side 2", "Den 17."]
    kept = drop_headers_footers(lines, 1)
    assert [ln.text for ln in kept] == ["skaj 2 – Etape I", "Den 17."]


def test_ocr_words_come_in_reading_order():
    data = tesseract([(1, 1, 1, 290, "dirigent"), (1, 1, 1, 100, "Valg"), (1, 1, 1, 210, "af")])
    assert [ln.text for ln in words_to_lines(data, 1, PAGE_H, PAGE_W)] == ["Valg af dirigent"]


def test_ocr_numbered_lines_of_one_tesseract_paragraph_are_separate_entries():
    data = tesseract(
        [
            (1, 1, 1, 300, "a."),
            (1, 1, 1, 360, "Orientering"),
            (1, 1, 1, 640, "om"),
            (1, 1, 1, 720, "aflevering"),
            (1, 1, 1, 960, "af"),
            (1, 1, 1, 1020, "fællesarealer"),
            (1, 1, 1, 1320, "og"),
            (1, 1, 1, 1400, "tage"),
            (1, 1, 2, 300, "b."),
            (1, 1, 2, 360, "Orientering"),
            (1, 1, 2, 640, "om"),
            (1, 1, 2, 720, "udgifter"),
        ]
    )
    got = texts(lines_to_blocks(words_to_lines(data, 1, PAGE_H, PAGE_W), []))
    assert got == ["a. Orientering om aflevering af fællesarealer og tage", "b. Orientering om udgifter"]


def test_ocr_misread_list_numbers_are_repaired():
    assert fix_ocr_text("4... Bemyndigelse") == "4. Bemyndigelse"
    assert fix_ocr_text("2, Valg af formand") == "2. Valg af formand"
    assert fix_ocr_text("kr. 2, 3 og 4") == "kr. 2, 3 og 4"
