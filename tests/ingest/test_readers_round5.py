"""Reader round 5 (blind set 7 classes): tables typed with spaces in plain text,
HTML sidebars and publish dates, Word numbering and page headers, PDF footers."""

from __future__ import annotations

from pipeline.ingest.text import text_blocks
from pipeline.types import BlockKind

# A hard-wrapped .txt whose follow-up table is laid out with spaces under a header line.
SPACE_TABLE = """\
VANDLAUGET SKOVLY
Bestyrelsesmøde                                           Referat nr. 4
----------------------------------------------------------------------

Sted:        Pumpehuset, Skovly 2
Til stede:   Gert Nymann (fmd.), Rikke Lund, Anker Bro
Afbud:       Tove Ris

Pkt. 1  Driften
        Pumpe 2 larmer igen, og Anker har talt med leverandøren om en ny
        lejring. Vi venter på et tilbud.  Tove vil se på det, når hun er
        tilbage fra ferie i næste måned.

OPFØLGNING
NR   ANSVARLIG  OPGAVE                                         FRIST
---  ---------  ---------------------------------------------  ----------
1    AB         Indhente tilbud på ny lejring til pumpe 2      uge 14

1    GN+RL      Skrive til medlemmerne om vandprøven og        snarest
                prisen for den
2               Aflæse målerne                                 1. maj

Næste møde: tirsdag 5/5 kl. 19
"""


def test_a_space_typed_table_under_a_header_gives_table_rows_with_cells_by_column():
    rows = [b for b in text_blocks(SPACE_TABLE) if b.kind == BlockKind.table_row]
    assert [r.cells for r in rows] == [
        ["NR", "ANSVARLIG", "OPGAVE", "FRIST"],
        ["1", "AB", "Indhente tilbud på ny lejring til pumpe 2", "uge 14"],
        ["1", "GN+RL", "Skrive til medlemmerne om vandprøven og prisen for den", "snarest"],
        ["2", "", "Aflæse målerne", "1. maj"],
    ]
    assert rows[1].text == "1\tAB\tIndhente tilbud på ny lejring til pumpe 2\tuge 14"


def test_label_lines_item_lines_and_prose_with_double_spaces_stay_paragraphs():
    blocks = text_blocks(SPACE_TABLE)
    texts = [b.text for b in blocks if b.kind != BlockKind.table_row]
    assert "Til stede: Gert Nymann (fmd.), Rikke Lund, Anker Bro" in texts
    assert "Afbud: Tove Ris" in texts
    assert "Pkt. 1 Driften" in texts
    assert any(t.startswith("Pumpe 2 larmer igen") and t.endswith("i næste måned.") for t in texts)
    assert "Næste møde: tirsdag 5/5 kl. 19" in texts
    assert len([b for b in blocks if b.kind == BlockKind.table_row]) == 4


def test_a_header_like_line_without_aligned_rows_stays_text():
    text = "Dato  Sted  Tid\nVi mødtes i klubhuset og talte om sæsonen.\n"
    blocks = text_blocks(text)
    assert [b.kind for b in blocks] == [BlockKind.paragraph, BlockKind.paragraph]
    assert blocks[0].text == "Dato Sted Tid"


def test_markdown_pipe_tables_still_read():
    text = "| Hvad | Hvem | Hvornår |\n|---|---|---|\n| Købe kaffe | Ib | fredag |\n"
    rows = [b for b in text_blocks(text) if b.kind == BlockKind.table_row]
    assert [r.cells for r in rows] == [["Hvad", "Hvem", "Hvornår"], ["Købe kaffe", "Ib", "fredag"]]


# ---------------------------------------------------------------- HTML: sidebar board list, footer, item titles


def _html(page: str):
    from pathlib import Path

    from pipeline.ingest import html as html_reader
    from pipeline.ingest.base import Limits

    return html_reader.read(page.encode("utf-8"), Path("x.html"), Limits()).blocks


CMS_POST = """<html><body>
<header><ul class="menu"><li><a href="/">Forside</a></li><li><a href="/hold">Hold</a></li></ul></header>
<main><article><h1>Referat bestyrelsesmøde 3.11</h1>
<p>Til stede: Sanne, Per, Ulrik</p><p><strong>Pkt. 1: Baner</strong><br>Per bestiller kridt.</p></article></main>
<div class="sidebar-right"><h3>Bestyrelsen</h3><div class="card-body"><ul>
<li>Formand: Sanne Holt</li><li>Kasserer: Per Vinding</li><li>Baneudvalg: Ulrik Mose</li></ul>
<ul><li><a href="/arkiv">Arkiv</a></li><li><a href="/om">Om klubben</a></li></ul></div></div>
<footer><p>Næste møde i bestyrelsen: tirsdag den 1. december 2026 kl. 19</p>
<p>Klubvej 3 · CVR 12345678 · opdateret 4-11-2026</p></footer>
</body></html>"""


def test_a_sidebar_list_of_the_board_is_kept_and_its_link_list_is_not():
    texts = [b.text for b in _html(CMS_POST)]
    assert "Formand: Sanne Holt" in texts and "Baneudvalg: Ulrik Mose" in texts
    assert "Arkiv" not in texts and "Forside" not in texts


def test_a_footer_line_naming_the_next_meeting_is_kept_and_the_address_is_not():
    texts = [b.text for b in _html(CMS_POST)]
    assert texts[-1] == "Næste møde i bestyrelsen: tirsdag den 1. december 2026 kl. 19"
    assert not any("CVR" in t for t in texts)


PORTAL = """<html><body><h1>Teknisk Udvalg</h1><h2>Referat</h2>
<details><summary>1. Godkendelse af dagsorden</summary><div><h4>Beslutning</h4><p>Godkendt.</p></div></details>
<details><summary>2. Vejplan</summary><div><h4>Sagsfremstilling</h4><p>Planen er revideret.</p></div>
<div><h4>Beslutning</h4><p>Godkendt.</p></div></details>
<h2>Lukkede punkter</h2>
<details><summary>3. Klagesag</summary><div><p>Lukket.</p></div></details>
</body></html>"""


def test_collapsed_item_titles_keep_one_level_past_their_field_headings():
    heads = [(b.text, b.level) for b in _html(PORTAL) if b.kind == BlockKind.heading]
    assert ("1. Godkendelse af dagsorden", 3) in heads
    assert ("2. Vejplan", 3) in heads
    assert ("Beslutning", 4) in heads
    assert ("3. Klagesag", 3) in heads


# ---------------------------------------------------------------- .docx: page header lines, Word numbering


def _read_docx(build):
    import io
    from pathlib import Path

    import docx

    from pipeline.ingest import docx as docx_reader
    from pipeline.ingest.base import Limits

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return docx_reader.read(buf.getvalue(), Path("x.docx"), Limits()).blocks


def test_a_page_header_line_with_the_school_year_is_read_once_after_the_title():
    def build(document):
        section = document.sections[0]
        section.header.paragraphs[0].text = "Lindeskolen · Skolebestyrelsen · skoleåret 2031/32"
        section.footer.paragraphs[0].text = "Side 1"
        document.add_heading("Referat – skolebestyrelsesmøde", 1)
        document.add_paragraph("Dato: tirsdag den 14. januar kl. 17")
        document.add_heading("1. Godkendelse af dagsorden", 2)

    blocks = _read_docx(build)
    assert [b.text for b in blocks] == [
        "Referat – skolebestyrelsesmøde",
        "Lindeskolen · Skolebestyrelsen · skoleåret 2031/32",
        "Dato: tirsdag den 14. januar kl. 17",
        "1. Godkendelse af dagsorden",
    ]


def test_a_letterhead_without_a_year_stays_out():
    def build(document):
        document.sections[0].header.paragraphs[0].text = "Fortroligt – kun til bestyrelsen"
        document.add_paragraph("Referat")

    assert [b.text for b in _read_docx(build)] == ["Referat"]


def test_word_numbering_is_written_before_the_heading_text():
    def build(document):
        document.add_paragraph("Dagsorden", style="Title")
        for text in ("Velkomst", "Regnskab"):
            document.add_paragraph(text, style="List Number")

    texts = [b.text for b in _read_docx(build)]
    assert texts[1:] == ["1. Velkomst", "2. Regnskab"]


# ---------------------------------------------------------------- PDF: a logbook's margin column beside a field line


def test_a_margin_time_beside_a_participant_line_is_its_own_line():
    from pathlib import Path

    from helpers.pdf import make_pdf, runs, text
    from pipeline.ingest import pdf as pdf_reader
    from pipeline.ingest.base import Limits

    page = b"".join(
        [
            text(57, 80, "Logbog - gruppemøder", size=16, bold=True),
            runs(120, (57, "12/4", False), (142, "Gruppemøde 3", True)),
            text(57, 134, "kl. 9.00", size=9),
            runs(134, (142, "Til stede:", True), (200, "Signe, Mads, Oskar, vejleder KJ", False)),
            text(142, 160, "Vi gennemgik tidsplanen og aftalte at Mads skriver metodeafsnittet til næste uge."),
        ]
    )
    texts = [b.text for b in pdf_reader.read(make_pdf([page]), Path("x.pdf"), Limits()).blocks]
    assert "Til stede: Signe, Mads, Oskar, vejleder KJ" in texts
    assert "kl. 9.00" in texts


def test_an_issue_line_in_the_page_header_stays_out():
    def build(document):
        document.sections[0].header.paragraphs[0].text = "Ejerforeningen Kildebo · udsendt 14.03.2031"
        document.add_paragraph("Referat")

    assert [b.text for b in _read_docx(build)] == ["Referat"]


def test_an_issue_date_in_a_page_footer_that_names_the_next_meeting_stays_out():
    from pipeline.ingest.docx import _issue_dated

    assert _issue_dated("Referatet godkendes på næste møde. Udsendt 12.02.2026 / JH")
    assert _issue_dated("Godkendt: 3/4-2025")
    assert not _issue_dated("Bestyrelsesmøde tirsdag den 10. februar 2026")
