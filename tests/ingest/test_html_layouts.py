"""Layouts websites publish minutes in, as the HTML reader reads them.

One invented page per class: <dl> field lists, CMS exports (flexbox numbering
in separate elements, styled bold/large pseudo-headings, accordions, an
<article> per item), Word-saved HTML (MsoNormal, mso-list markers, <o:p>,
words split over spans), e-mail/newsletter layout tables with <br> lines, and
page furniture (breadcrumbs, link bars, print/share links, abbreviated
header/footer class names).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest import html as html_reader
from pipeline.ingest import read_document
from pipeline.ingest.base import Limits
from pipeline.segment import segment
from pipeline.types import BlockKind

H, P, L, T, TITLE = BlockKind.heading, BlockKind.paragraph, BlockKind.list_item, BlockKind.table_row, BlockKind.title


def _blocks(body: str, head: str = "<title>Side</title>"):
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return html_reader.read(page.encode("utf-8"), Path("x.html"), Limits()).blocks


def kinds(body: str, head: str = "<title>Side</title>"):
    return [(b.kind, b.level, b.text) for b in _blocks(body, head)]


def texts(body: str):
    return [b.text for b in _blocks(body)]


# ---------------------------------------------------------------- <dl> field lists


def test_definition_list_fields_read_as_label_lines():
    body = (
        "<h1>Referat</h1><h3>2) Legepladsen</h3><dl>"
        "<dt>Ansvarlig</dt><dd>Frida Mølgaard</dd>"
        "<dt>Beslutning:</dt><dd>Gyngerne udskiftes i foråret.</dd>"
        "<div><dt>Opfølgning</dt><dd>Frida indhenter to tilbud.</dd></div>"
        "<dt>Sagen</dt><dd><p>Gyngerne er slidte.</p><p>Tilbud ventes i april.</p></dd>"
        "</dl>"
    )
    assert kinds(body) == [
        (H, 1, "Referat"),
        (H, 3, "2) Legepladsen"),
        (P, 0, "Ansvarlig: Frida Mølgaard"),
        (P, 0, "Beslutning: Gyngerne udskiftes i foråret."),
        (P, 0, "Opfølgning: Frida indhenter to tilbud."),
        (P, 0, "Sagen"),
        (P, 0, "Gyngerne er slidte."),
        (P, 0, "Tilbud ventes i april."),
    ]


def test_label_and_value_in_sibling_blocks_read_as_a_field_line():
    body = (
        "<h1>Referat</h1>"
        '<div class="row"><div class="label">Mødested</div><div class="value">Klubhuset, Engvej 2</div></div>'
        '<div class="row"><div class="label">Deltagere:</div><div class="value">Rie Holt, Per Vinge</div></div>'
        '<div class="row"><div>Kaffe</div><div>Kage</div></div>'  # not a field label: two lines
    )
    assert texts(body) == [
        "Referat",
        "Mødested: Klubhuset, Engvej 2",
        "Deltagere: Rie Holt, Per Vinge",
        "Kaffe",
        "Kage",
    ]


# ---------------------------------------------------------------- CMS: numbering in its own element


def test_number_and_title_in_separate_elements_read_as_one_numbered_line():
    body = (
        "<h1>Referat af rådsmøde</h1>"
        '<div class="pkt"><div style="display:flex"><div style="width:40px">1.</div>'
        "<div><b>Velkomst</b></div></div><div>Formanden bød velkommen.</div></div>"
        '<div class="pkt"><div class="row"><span class="nr">2</span><span class="t">Orientering</span></div>'
        "<div>Intet nyt.</div></div>"
        '<div style="display:flex"><div>a)</div><div>Kassereren</div></div>'
        "<p>Der kom <span>3</span><span>Nye</span> forslag.</p>"  # a number inside a sentence is left alone
    )
    assert texts(body) == [
        "Referat af rådsmøde",
        "1. Velkomst",
        "Formanden bød velkommen.",
        "2. Orientering",
        "Intet nyt.",
        "a) Kassereren",
        "Der kom 3Nye forslag.",
    ]


def test_flex_numbered_items_are_segmented_as_agenda_items(tmp_path):
    body = (
        "<h1>Referat</h1>"
        '<div style="display:flex"><div>1.</div><div>Godkendelse af dagsorden</div></div>'
        "<div>Beslutning: Godkendt.</div>"
        '<div style="display:flex"><div>2.</div><div>Regnskab</div></div>'
        "<div>Beslutning: Regnskabet blev godkendt.</div>"
    )
    path = tmp_path / "x.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    seg = segment(read_document(path).blocks)
    assert [(s.number, s.title) for s in seg.items] == [("1", "Godkendelse af dagsorden"), ("2", "Regnskab")]


# ---------------------------------------------------------------- CMS: styled pseudo-headings


def test_bold_or_large_lines_are_headings_but_labels_and_sentences_are_not():
    body = (
        '<div style="font-size:22px;font-weight:700">Referat af klubmøde</div>'
        "<p><strong>Baneforhold og vedligehold</strong></p>"
        '<div><span style="font-weight: bold">Klubhuset</span></div>'
        '<p style="font-weight:bold">Beslutning</p>'  # a field label stays a label line
        "<p><b>Alle var enige om at male klubhuset.</b></p>"  # a sentence
        "<p><b>Til stede:</b> Hugo Brandt, Sara Lind</p>"  # bold label, then the value
        "<p><u>Opfølgning</u></p><p>Hugo køber maling.</p>"
    )
    assert kinds(body) == [
        (H, 1, "Referat af klubmøde"),
        (H, 2, "Baneforhold og vedligehold"),
        (H, 2, "Klubhuset"),
        (P, 0, "Beslutning"),
        (P, 0, "Alle var enige om at male klubhuset."),
        (P, 0, "Til stede: Hugo Brandt, Sara Lind"),
        (P, 0, "Opfølgning"),
        (P, 0, "Hugo køber maling."),
    ]


def test_bold_lines_under_a_real_heading_go_one_level_below_it():
    body = "<h2>Referat</h2><p><b>Nyt fra kassereren</b></p><p>Kassen stemmer.</p>"
    assert kinds(body) == [
        (TITLE, 0, "Side"),
        (H, 2, "Referat"),
        (H, 3, "Nyt fra kassereren"),
        (P, 0, "Kassen stemmer."),
    ]


def test_accordions_and_an_article_per_item():
    body = (
        "<h1>Referat</h1>"
        "<article><h2>1. Budget</h2><p>Budgettet blev vedtaget.</p></article>"
        "<details><summary><h3>2. Kontingent</h3></summary><p>Uændret.</p></details>"
        "<section><details><summary>3. Eventuelt</summary><div><p>Intet.</p></div></details></section>"
    )
    assert kinds(body) == [
        (H, 1, "Referat"),
        (H, 2, "1. Budget"),
        (P, 0, "Budgettet blev vedtaget."),
        (H, 3, "2. Kontingent"),  # item titles: one level below the last real heading
        (P, 0, "Uændret."),
        (H, 3, "3. Eventuelt"),
        (P, 0, "Intet."),
    ]


# ---------------------------------------------------------------- Word-saved HTML


WORD_HEAD = '<meta name=Generator content="Microsoft Word 15"><title>Dok1</title>'


def test_word_html_list_markers_title_and_office_tags():
    body = (
        "<div class=WordSection1>"
        "<p class=MsoTitle>Referat af styregruppemøde<o:p></o:p></p>"
        "<p class=MsoNormal><b>Dato:</b> 3. april<o:p></o:p></p>"
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
        "<span style='mso-list:Ignore'>1.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>"
        "<![endif]>Valg af ordstyrer<o:p></o:p></p>"
        "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level2 lfo1'><![if !supportLists]>"
        "<span style='mso-list:Ignore'>a.<span>&nbsp;&nbsp; </span></span><![endif]>Forslag fra Kim<o:p></o:p></p>"
        "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='font-family:Symbol'>"
        "<span style='mso-list:Ignore'>·<span>&nbsp;&nbsp; </span></span></span>Kaffe og kage<o:p></o:p></p>"
        "<p class=MsoListParagraph style='mso-list:l1 level2 lfo2'><span style='font-family:Wingdings'>"
        "<span style='mso-list:Ignore'>§<span>&nbsp; </span></span></span>Frugt<o:p></o:p></p>"
        "<p class=MsoNormal>Be<span lang=EN-US>slut</span>ning<span>en<o:p></o:p></span> blev <span>taget.</span></p>"
        "</div>"
    )
    assert kinds(body, WORD_HEAD) == [
        (TITLE, 0, "Referat af styregruppemøde"),
        (P, 0, "Dato: 3. april"),
        (P, 0, "1. Valg af ordstyrer"),
        (P, 0, "a. Forslag fra Kim"),
        (L, 1, "Kaffe og kage"),
        (L, 2, "Frugt"),
        (P, 0, "Beslutningen blev taget."),
    ]


# ---------------------------------------------------------------- e-mail / newsletter layout


def test_newsletter_cells_keep_their_br_lines_apart():
    body = (
        '<table width="600"><tr><td>Nyhedsbrev fra vandværket</td></tr>'
        "<tr><td>Referat af bestyrelsesmøde<br>Til stede: Ole Kirk, Rita Holm<br>Afbud: Jan Bro</td></tr>"
        "<tr><td><p>Vandprøverne er fine.<br>Næste møde: 4. juni</p></td></tr></table>"
        "<table><tr><td>Kasserer</td><td>Rita Holm</td></tr><tr><td>Formand</td><td>Ole Kirk</td></tr></table>"
    )
    assert kinds(body) == [
        (TITLE, 0, "Side"),
        (P, 0, "Nyhedsbrev fra vandværket"),
        (P, 0, "Referat af bestyrelsesmøde"),
        (P, 0, "Til stede: Ole Kirk, Rita Holm"),
        (P, 0, "Afbud: Jan Bro"),
        (P, 0, "Vandprøverne er fine."),
        (P, 0, "Næste møde: 4. juni"),
        (T, 0, "Kasserer\tRita Holm"),
        (T, 0, "Formand\tOle Kirk"),
    ]


def test_a_field_row_with_a_value_of_several_lines_reads_as_label_and_lines(tmp_path):
    page = (
        "<html><body><h1>Referat</h1><table>"
        "<tr><td><b>Deltagere:</b></td><td>Pia Vang (A)<br>Nils Ravn (B)</td></tr>"
        "<tr><td><b>Mødested:</b></td><td>Rådhuset</td></tr></table></body></html>"
    )
    path = tmp_path / "x.html"
    path.write_text(page, encoding="utf-8")
    assert [b.text for b in read_document(path).blocks] == [
        "Referat",
        "Deltagere:",
        "Pia Vang (A)",
        "Nils Ravn (B)",
        "Mødested: Rådhuset",
    ]


# ---------------------------------------------------------------- page furniture


def test_breadcrumbs_link_bars_and_print_share_links_are_dropped():
    body = (
        '<div id="top"><a href="/">Forside</a> &rsaquo; <a href="/politik">Politik</a> &rsaquo; Referater</div>'
        '<div class="hdr">Grundejerforeningen Søbakken</div>'
        '<p><a href="/a">Om os</a> | <a href="/b">Kalender</a> | <a href="/c">Kontakt</a></p>'
        "<h1>Referat</h1>"
        '<p><a href="javascript:window.print()">Print</a> <a href="https://www.facebook.com/sharer/x">Del</a></p>'
        "<p>Mødet blev holdt hos <a href='/kim'>Kim</a> og <a href='/ib'>Ib</a>.</p>"
        '<p>Bilag: <a href="/b1.pdf">Regnskab</a></p>'
        '<div class="ftr">Søbakken 1 · Siden er opdateret 2. maj</div>'
    )
    assert texts(body) == ["Referat", "Mødet blev holdt hos Kim og Ib.", "Bilag: Regnskab"]
