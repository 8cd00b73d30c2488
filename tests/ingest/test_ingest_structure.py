"""Structure of real documents in the text/Markdown, .docx and HTML readers.

Each class of layout seen in real minutes has a small invented case here:
Markdown logbooks (ATX and raw HTML headings, bold pseudo-headings, nested
lists typed with tabs or spaces, hidden comment lines, quoted lines), Word
files (table-of-contents fields, bold section lines, logbooks laid out in
tables) and portal pages (custom or namespaced wrappers, collapsed items).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.ingest import docx as docx_reader
from pipeline.ingest import html as html_reader
from pipeline.ingest.base import Limits
from pipeline.ingest.text import text_blocks
from pipeline.segment import segment
from pipeline.types import BlockKind, SourceDocument

H, P, L, T, TITLE = BlockKind.heading, BlockKind.paragraph, BlockKind.list_item, BlockKind.table_row, BlockKind.title


def kinds(blocks):
    return [(b.kind, b.level, b.text) for b in blocks]


def md(text: str):
    return kinds(text_blocks(text))


# ---------------------------------------------------------------- Markdown: headings


def test_atx_and_raw_html_headings_keep_their_level():
    source = (
        '<h1>Logbog</h1>\n<h2 id="uge-9">Uge 9</h2>\n<h3>Tirsdag d. 25/02</h3>  \n'
        "# Uge 10\n### Onsdag  ###\n<H4 class='x'>Fredag <b>d. 6/3</b></H4>\n"
    )
    assert md(source) == [
        (H, 1, "Logbog"),
        (H, 2, "Uge 9"),
        (H, 3, "Tirsdag d. 25/02"),
        (H, 1, "Uge 10"),
        (H, 3, "Onsdag"),
        (H, 4, "Fredag d. 6/3"),
    ]


def test_a_bold_line_is_a_heading_one_level_below_the_last_real_heading():
    source = (
        "**Opgavefordeling**\nKaren -> Omar -> Line\n<h3>Mandag d. 3/3</h3>\n**Dagsorden**\n- Status\n"
        "**Referat fra mødet 3/10**\n__Til næste gang__\n"
    )
    assert md(source) == [
        (H, 1, "Opgavefordeling"),
        (P, 0, "Karen -> Omar -> Line"),
        (H, 3, "Mandag d. 3/3"),
        (H, 4, "Dagsorden"),
        (L, 1, "Status"),
        (H, 4, "Referat fra mødet 3/10"),
        (H, 4, "Til næste gang"),
    ]


@pytest.mark.parametrize(
    "line, kind",
    [
        ("**Sted:** Lokale 4.12", P),  # a bold label with its value
        ("**Husk at alle skal have læst kapitel to inden vi mødes igen på torsdag.**", P),  # a sentence
        ("***VIGTIGT! Omar giver kage, fordi han glemte at melde afbud til mødet***", P),  # too long
        ("**Udeblivende medlemmer**", H),
        ("**Fremmødte:**", P),  # a label before its list
        ("***Vigtigt***", H),
        ("- **Arbejde:**", L),  # bold inside a bullet stays a list item
    ],
)
def test_which_bold_lines_are_headings(line, kind):
    (block,) = text_blocks(line)
    assert block.kind == kind


def test_setext_underlines_make_headings():
    assert md("Referat\n=======\nMødet startede kl. 17.\n\nEventuelt\n---------\nIntet.\n") == [
        (H, 1, "Referat"),
        (P, 0, "Mødet startede kl. 17."),
        (H, 2, "Eventuelt"),
        (P, 0, "Intet."),
    ]
    assert md("Referat\n\n---\n1. Velkomst") == [(P, 0, "Referat"), (P, 0, "1. Velkomst")]  # a rule after a gap


# ---------------------------------------------------------------- Markdown: what is not text


def test_comment_lines_html_comments_and_code_fences_are_dropped():
    source = (
        "[comment]: <> (her starter uge 12 ------------)\n[//]: # (skjult note)\n"
        "<!-- en kommentar -->Synlig tekst\n<!-- over\nflere linjer -->\n```\nkode linje\n```\n"
        "[1]: https://example.org/bilag.pdf\nSe [bilaget][1] og `main`-grenen\n"
    )
    assert [b.text for b in text_blocks(source)] == ["Synlig tekst", "kode linje", "Se [bilaget][1] og main-grenen"]


def test_quoted_lines_are_paragraphs_without_the_quote_mark():
    assert md("## 12/03\n> Ordstyrer: Yasmin\n>\n> > Referent: Omar\n") == [
        (H, 2, "12/03"),
        (P, 0, "Ordstyrer: Yasmin"),
        (P, 0, "Referent: Omar"),
    ]


def test_inline_html_breaks_entities_and_escapes():
    assert [b.text for b in text_blocks("Mødet &amp; festen<br>Sted: <b>Salen</b><br/>5 \\* 3\n")] == [
        "Mødet & festen",
        "Sted: Salen",
        "5 * 3",
    ]


# ---------------------------------------------------------------- Markdown: lists


def test_nested_lists_typed_with_tabs_keep_their_level():
    source = (
        "- Gennemgang af kontrakten:\n\t- Drop pointskalen\n\t\t- Alle skal forstå aftalen\n"
        "- Andet:\n\n\t- Posterdag i oktober\n"
    )
    assert md(source) == [
        (L, 1, "Gennemgang af kontrakten:"),
        (L, 2, "Drop pointskalen"),
        (L, 3, "Alle skal forstå aftalen"),
        (L, 1, "Andet:"),
        (L, 2, "Posterdag i oktober"),
    ]


def test_nested_lists_typed_with_uneven_spaces_follow_the_nesting():
    source = (
        "* Spørgsmål:\n  * Må vi bruge en database?\n     + Ja, men hold det enkelt\n  * Hvem er kunden?\n"
        "* Til næste møde\n"
    )
    assert md(source) == [
        (L, 1, "Spørgsmål:"),
        (L, 2, "Må vi bruge en database?"),
        (L, 3, "Ja, men hold det enkelt"),
        (L, 2, "Hvem er kunden?"),
        (L, 1, "Til næste møde"),
    ]


def test_a_list_after_a_heading_starts_at_level_one_whatever_its_indentation():
    assert md("**Referat af vejledermøde**\n  - Projektforslag\n     - Ser fint ud\n    - Rammer\n") == [
        (H, 1, "Referat af vejledermøde"),
        (L, 1, "Projektforslag"),
        (L, 2, "Ser fint ud"),
        (L, 2, "Rammer"),
    ]


def test_ordered_items_keep_their_number_and_nested_markers_are_list_items():
    source = (
        "1. Velkomst\n2. Regnskab\n   - Kassereren fremlagde\n   c. Revisors bemærkninger\n"
        "   i. Underpunkt\n3) Eventuelt\n"
    )
    assert md(source) == [
        (P, 0, "1. Velkomst"),
        (P, 0, "2. Regnskab"),
        (L, 2, "Kassereren fremlagde"),
        (L, 2, "c. Revisors bemærkninger"),
        (L, 2, "i. Underpunkt"),
        (P, 0, "3) Eventuelt"),
    ]


def test_task_checkboxes_are_dropped_from_list_items():
    assert md("# TODO\n- [ ] Omar bestiller lokalet\n- [x] Line sender referatet\n") == [
        (H, 1, "TODO"),
        (L, 1, "Omar bestiller lokalet"),
        (L, 1, "Line sender referatet"),
    ]


def test_the_segmenter_still_reads_a_markdown_agenda_numbered_as_a_list():
    source = "# Dagsorden\n1. Velkomst\n2. Budget for foråret\n   - Kassereren fremlagde tallene\n3. Eventuelt\n"
    doc = SourceDocument.from_blocks(
        text_blocks(source), doc_id="x", path="x.md", name="x.md", format="txt", reader="text"
    )
    seg = segment(doc.blocks)
    assert [(it.number, it.title) for it in seg.items] == [
        ("1", "Velkomst"),
        ("2", "Budget for foråret"),
        ("3", "Eventuelt"),
    ]
    assert [b.text for b in seg.items[1].blocks] == ["Kassereren fremlagde tallene"]


# ---------------------------------------------------------------- .docx

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _read_docx(build):
    return docx_reader.read(_docx(build), Path("x.docx"), Limits()).blocks


def _append_xml(document, xml: str) -> None:
    from docx.oxml import parse_xml

    document.element.body.append(parse_xml(xml))
    body = document.element.body
    body.append(body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr"))


def _toc_entry(text: str, page: int, begin: bool = False) -> str:
    start = (
        (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
            '\\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
        if begin
        else ""
    )
    return (
        f'<w:p {W_NS}><w:pPr><w:pStyle w:val="Normal"/></w:pPr>{start}<w:hyperlink w:anchor="_Toc1">'
        f'<w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \\h </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
    )


def test_docx_table_of_contents_and_field_codes_never_reach_the_text():
    def build(d):
        d.add_paragraph("Logbog", style="Title")
        d.add_paragraph("Indhold", style="TOC Heading")
        _append_xml(d, _toc_entry("3/2", 2, begin=True))
        _append_xml(d, _toc_entry("10/2", 3))
        _append_xml(d, f'<w:p {W_NS}><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
        d.add_paragraph("3/2", style="Heading 1")
        _append_xml(
            d,
            f'<w:p {W_NS}><w:r><w:t xml:space="preserve">Se </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
            'HYPERLINK "https://example.org" </w:instrText></w:r><w:r><w:fldChar '
            'w:fldCharType="separate"/></w:r><w:r><w:t>planen</w:t></w:r><w:r><w:fldChar '
            'w:fldCharType="end"/></w:r></w:p>',
        )
        d.add_paragraph("10/2", style="Heading 1")

    assert kinds(_read_docx(build)) == [(TITLE, 0, "Logbog"), (H, 1, "3/2"), (P, 0, "Se planen"), (H, 1, "10/2")]


def test_docx_toc_styles_are_left_out_without_a_field():
    def build(d):
        from docx.enum.style import WD_STYLE_TYPE

        d.styles.add_style("Indholdsfortegnelse 1", WD_STYLE_TYPE.PARAGRAPH)
        d.add_paragraph("Dagsorden", style="Heading 1")
        d.add_paragraph("Dagsorden\t1", style="Indholdsfortegnelse 1")
        d.add_paragraph("Valg af ordstyrer", style="Normal")

    assert [b.text for b in _read_docx(build)] == ["Dagsorden", "Valg af ordstyrer"]


def _bold(d, text, style=None):
    p = d.add_paragraph(style=style)
    p.add_run(text).bold = True
    return p


def test_docx_bold_short_paragraphs_are_headings():
    def build(d):
        _bold(d, "Referat af bestyrelsesmøde den 4. maj")
        _bold(d, "Til stede:")
        d.add_paragraph("Karen Holt", style="List Bullet")
        p = d.add_paragraph()
        p.add_run("Referent:").bold = True
        p.add_run(" Karen Holt")
        _bold(d, "Valg af kasserer")
        d.add_paragraph("Omar blev valgt.")
        _bold(d, "Det besluttes, at festudvalget nedlægges.")
        d.add_paragraph("12/4", style="Heading 1")
        _bold(d, "Mail til vejleder:")
        _bold(d, "Kravspecifikation")
        _bold(d, "Hvordan finder vi ud af kravene?")

    assert kinds(_read_docx(build)) == [
        (TITLE, 0, "Referat af bestyrelsesmøde den 4. maj"),
        (P, 0, "Til stede:"),
        (L, 1, "Karen Holt"),
        (P, 0, "Referent: Karen Holt"),
        (H, 1, "Valg af kasserer"),
        (P, 0, "Omar blev valgt."),
        (P, 0, "Det besluttes, at festudvalget nedlægges."),
        (H, 1, "12/4"),
        (P, 0, "Mail til vejleder:"),
        (H, 2, "Kravspecifikation"),
        (P, 0, "Hvordan finder vi ud af kravene?"),
    ]


def test_docx_bold_from_a_style_counts_and_explicit_not_bold_does_not():
    def build(d):
        d.add_paragraph("Indledning", style="Heading 1")
        p = d.add_paragraph()
        p.add_run("Økonomi").bold = False
        strong = d.add_paragraph()
        strong.add_run("Budget for 2025", style="Strong")

    assert kinds(_read_docx(build)) == [(H, 1, "Indledning"), (P, 0, "Økonomi"), (H, 2, "Budget for 2025")]


def test_docx_layout_table_is_read_as_paragraphs_in_reading_order():
    def build(d):
        d.add_paragraph("Logbog – Gruppe 7", style="Heading 1")
        table = d.add_table(rows=4, cols=2)
        for row, date, people, _body in (
            (0, "Dato: 3/4-17", "Deltagere: Karen, Omar og Line", None),
            (2, "Dato: 5/4-17", "Deltagere: Omar", None),
        ):
            table.cell(row, 0).text = date
            table.cell(row, 1).text = people
        for row in (1, 3):
            cell = table.cell(row, 0).merge(table.cell(row, 1))
            cell.text = "Begivenhed/-er:"
            cell.add_paragraph("Filteret blev målt.")
            cell.add_paragraph("To do:")
            cell.add_paragraph("Beregn komponentværdier", style="List Bullet")

    blocks = _read_docx(build)
    assert kinds(blocks) == [
        (H, 1, "Logbog – Gruppe 7"),
        (P, 0, "Dato: 3/4-17"),
        (P, 0, "Deltagere: Karen, Omar og Line"),
        (P, 0, "Begivenhed/-er:"),
        (P, 0, "Filteret blev målt."),
        (P, 0, "To do:"),
        (L, 1, "Beregn komponentværdier"),
        (P, 0, "Dato: 5/4-17"),
        (P, 0, "Deltagere: Omar"),
        (P, 0, "Begivenhed/-er:"),
        (P, 0, "Filteret blev målt."),
        (P, 0, "To do:"),
        (L, 1, "Beregn komponentværdier"),
    ]


def test_docx_data_table_stays_table_rows():
    def build(d):
        table = d.add_table(rows=3, cols=3)
        for r, row in enumerate(
            (("Opgave", "Ansvarlig", "Frist"), ("Bestille lokale", "Omar", "1/5"), ("Sende referat", "Line", "8/5"))
        ):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        table.cell(1, 0).add_paragraph("(det store lokale)")  # one extra line does not make it layout

    blocks = _read_docx(build)
    assert [b.kind for b in blocks] == [T, T, T]
    assert blocks[1].cells == ["Bestille lokale (det store lokale)", "Omar", "1/5"]


# ---------------------------------------------------------------- HTML


def _html(body: str):
    page = f"<html><head><title>Portal</title></head><body>{body}</body></html>"
    return kinds(html_reader.read(page.encode("utf-8"), Path("x.html"), Limits()).blocks)


def test_html_namespaced_and_custom_wrappers_are_block_containers():
    body = (
        '<form id="aspnetForm"><div class="search"><form><input name="q"><button>Søg</button></form></div>'
        '<asp:Content ID="c1" runat="server"><h1>Referat</h1><span>Mødedato:</span> <span>4. marts 2024</span>'
        "<agenda-list><agenda-item><item-title>1. Godkendelse af dagsorden</item-title>"
        "<item-body>Dagsordenen blev godkendt.</item-body></agenda-item></agenda-list></asp:Content>"
        "<p>Næste <span><div>møde</div></span> holdes i maj.</p></form>"
    )
    assert _html(body) == [
        (H, 1, "Referat"),
        (P, 0, "Mødedato: 4. marts 2024"),
        (P, 0, "1. Godkendelse af dagsorden"),
        (P, 0, "Dagsordenen blev godkendt."),
        (P, 0, "Næste"),
        (P, 0, "møde"),
        (P, 0, "holdes i maj."),
    ]


def test_html_collapsed_item_titles_are_headings():
    body = (
        '<h1>Dagsorden</h1><div class="accordion">'
        '<div class="item"><button class="accordion-button collapsed" aria-expanded="false">1. Regnskab 2024'
        '</button><div class="panel"><p>Regnskabet blev godkendt.</p></div></div>'
        "<details><summary>2. Budget 2025</summary><p>Budgettet blev vedtaget.</p></details></div>"
        '<ul><li><button data-bs-toggle="collapse">3. Eventuelt</button><div>Intet.</div></li></ul>'
        '<div id="cookie-notice">Vi bruger cookies <button aria-controls="c">Accepter alle</button></div>'
        '<p>Se også <button class="btn">Print</button> siden.</p>'
    )
    assert _html(body) == [
        (H, 1, "Dagsorden"),
        (H, 2, "1. Regnskab 2024"),
        (P, 0, "Regnskabet blev godkendt."),
        (H, 2, "2. Budget 2025"),
        (P, 0, "Budgettet blev vedtaget."),
        (H, 2, "3. Eventuelt"),
        (L, 1, "Intet."),
        (P, 0, "Se også siden."),
    ]


@pytest.mark.parametrize(
    "button, kept",
    [
        ('<button aria-expanded="false">1. Valg af revisor</button>', True),
        ('<button class="toggle-item">Punkt 4 Orientering</button>', True),
        ('<button aria-expanded="false">Menu</button>', False),  # one word: a control, not a title
        ("<button>Vis mere tekst her</button>", False),  # no sign that it opens a panel
    ],
)
def test_which_buttons_are_item_titles(button, kept):
    from lxml import html

    assert html_reader.is_item_toggle(html.fragment_fromstring(button)) == kept


def test_html_collapsed_panels_are_content_but_hidden_furniture_is_not():
    body = (
        '<h1>Referat</h1><div class="item"><button aria-controls="p1" aria-expanded="false">'
        '<span class="no">1.</span> <span>Valg af revisor</span></button>'
        '<div id="p1" hidden><p>Rasmus Eng blev valgt.</p></div></div>'
        '<div class="item"><button class="accordion-toggle">2. Kontingent</button>'
        '<div style="display: none"><p>Kontingentet fastholdes.</p></div></div>'
        '<div class="panel-collapse collapse" aria-hidden="true"><p>Bilag: regnskab.</p></div>'
        '<div style="display:none">Fraværende: skjult</div>'
        '<div class="cookie-panel" hidden>Vi bruger cookies til statistik og andre formål på siden her.</div>'
    )
    assert _html(body) == [
        (H, 1, "Referat"),
        (H, 2, "1. Valg af revisor"),
        (P, 0, "Rasmus Eng blev valgt."),
        (H, 2, "2. Kontingent"),
        (P, 0, "Kontingentet fastholdes."),
        (P, 0, "Bilag: regnskab."),
    ]


def test_html_an_items_own_header_is_kept_and_the_page_header_dropped():
    body = (
        '<header class="site-header"><a href="/">Forside</a> Kommunens logo</header>'
        '<div class="page-header">Velkommen til portalen</div>'
        '<main><article><header><h2>3. Trafikplan</h2><p class="meta">Sagsnr. 12/345</p></header>'
        '<div class="item-header"><h3>Beslutning</h3></div><p>Planen blev godkendt.</p></article></main>'
    )
    assert _html(body) == [
        (TITLE, 0, "Portal"),
        (H, 2, "3. Trafikplan"),
        (P, 0, "Sagsnr. 12/345"),
        (H, 3, "Beslutning"),
        (P, 0, "Planen blev godkendt."),
    ]


ADVERSARIAL_RUNS = [
    "[",
    "](",
    "*",
    "**",
    "_",
    "`",
    "~~",
    "<",
    "<!--",
    "\\",
    "#",
    "> ",
    "- ",
    "1. ",
    "&#",
    "|",
    "\t",
    "[x](",
    "**a",
    "<h1>",
    "a|",
    "([",
    "![",
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("run", ADVERSARIAL_RUNS)
def test_no_reader_regex_is_super_linear_on_a_long_run_of_markup(run):
    """A line of 60,000 characters of one markup run reads in linear time (a quadratic
    link pattern took 52 s on 100,000 '['): the whole suite of lines stays well under
    the timeout, which only guards against a hang."""
    from pipeline.errors import ReferatError
    from pipeline.ingest.base import DEFAULT_LIMITS
    from pipeline.ingest.text import read

    line = ("Referat " + run * (60_000 // len(run)) + "\n").encode()
    try:
        read(line * 2, Path("x.md"), DEFAULT_LIMITS)
    except ReferatError:
        pass
