"""Municipal portal pages and CMS posts, as the HTML reader reads them.

One invented page per class: agenda items in repeated plain <div> containers
whose first child is the item's header ("punkt-header", "case-header",
"agenda-item__header") and whose fields repeat the same way ("felt" / "felt-titel");
a page header (logo, menu) that stays dropped; a meta table of label and value
divs whose value is a list of members; several fields on one line ("Sagsnr.:
... · Sagsansvarlig: ..."); a sidebar calendar of coming events beside a post
(other widgets, link lists, stay dropped); WordPress furniture (skip links,
screen-reader text, the post's byline and date, the comments).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import html as html_reader
from pipeline.ingest import read_document
from pipeline.ingest.base import Limits
from pipeline.segment import segment
from pipeline.types import BlockKind

H, P, L = BlockKind.heading, BlockKind.paragraph, BlockKind.list_item


def _blocks(body: str):
    page = f"<html><head><title>Side</title></head><body>{body}</body></html>"
    return html_reader.read(page.encode("utf-8"), Path("x.html"), Limits()).blocks


def kinds(body: str):
    return [(b.kind, b.level, b.text) for b in _blocks(body)]


def texts(body: str):
    return [b.text for b in _blocks(body)]


def _item(cls: str, header: str, number: str, title: str, text: str) -> str:
    return (
        f'<div class="{cls}"><div class="{header}"><span class="nr">{number}</span> '
        f'<span class="titel">{title}</span></div><div class="{cls}-body"><p>{text}</p></div></div>'
    )


# ---------------------------------------------------------------- item headers in repeated containers

PORTAL_ITEMS = (
    '<div id="top" class="site-header"><a href="/"><img src="logo.svg" alt="Vesterå Kommune"></a>'
    '<ul><li><a href="/borger">Borger</a></li><li><a href="/politik">Politik</a></li></ul></div>'
    '<div class="page-header">Velkommen til Vesterå Kommunes dagsordener</div>'
    "<h1>Referat</h1>"
    '<div class="punkter">'
    '<div class="dagsordenpunkt" id="p1">'
    '<div class="punkt-header"><span class="punktnr">1.</span> <span class="punkttitel">Godkendelse af dagsorden</span></div>'
    '<div class="punkt-body"><div class="felt"><div class="felt-titel">Beslutning i Kulturudvalget</div>'
    '<div class="felt-tekst"><p>Godkendt.</p></div></div></div></div>'
    '<div class="dagsordenpunkt lukket" id="p2">'
    '<div class="punkt-header"><span class="punktnr">2.</span> <span class="punkttitel">Lukket: Salg af grund</span></div>'
    '<div class="punkt-body"><div class="felt"><div class="felt-titel">Sagsfremstilling</div>'
    '<div class="felt-tekst"><p>Der er kommet to bud.</p></div></div>'
    '<div class="felt felt-beslutning"><div class="felt-titel">Beslutning i Kulturudvalget</div>'
    '<div class="felt-tekst"><p>Det højeste bud blev antaget.</p></div></div></div></div>'
    "</div>"
)


def test_item_headers_in_repeated_div_containers_are_headings_and_the_page_header_is_dropped():
    assert kinds(PORTAL_ITEMS) == [
        (H, 1, "Referat"),
        (H, 2, "1. Godkendelse af dagsorden"),
        (H, 3, "Beslutning i Kulturudvalget"),
        (P, 0, "Godkendt."),
        (H, 2, "2. Lukket: Salg af grund"),
        (H, 3, "Sagsfremstilling"),
        (P, 0, "Der er kommet to bud."),
        (H, 3, "Beslutning i Kulturudvalget"),
        (P, 0, "Det højeste bud blev antaget."),
    ]


def test_item_headers_in_repeated_div_containers_are_agenda_items(tmp_path):
    path = tmp_path / "x.html"
    path.write_text(f"<html><body>{PORTAL_ITEMS}</body></html>", encoding="utf-8")
    seg = segment(read_document(path).blocks)
    assert [(s.number, s.title) for s in seg.items] == [
        ("1", "Godkendelse af dagsorden"),
        ("2", "Lukket: Salg af grund"),
    ]


@pytest.mark.parametrize(
    ("container", "header"),
    [("case", "case-header"), ("item", "item-header"), ("agenda-item", "agenda-item__header"), ("sag", "sag_hdr")],
)
def test_qualified_item_header_class_names_are_kept(container, header):
    body = "<h1>Dagsorden</h1>" + "".join(
        _item(container, header, f"{n}.", title, text)
        for n, title, text in ((1, "Budget", "Budgettet blev vedtaget."), (2, "Eventuelt", "Intet."))
    )
    assert kinds(body) == [
        (H, 1, "Dagsorden"),
        (H, 2, "1. Budget"),
        (P, 0, "Budgettet blev vedtaget."),
        (H, 2, "2. Eventuelt"),
        (P, 0, "Intet."),
    ]


@pytest.mark.parametrize(
    "header", ["site-header", "page-header", "main-header", "top-header", "global-header", "header"]
)
def test_page_level_headers_stay_dropped(header):
    body = f'<div class="{header}">Grundejerforeningen Kærhøj</div><h1>Referat</h1><p>Mødet blev holdt i salen.</p>'
    assert texts(body) == ["Referat", "Mødet blev holdt i salen."]


def test_a_header_leading_a_repeated_grid_container_is_the_page_header():
    body = (
        '<div class="container"><div class="header">Grundejerforeningen Kærhøj</div><p>Velkommen</p></div>'
        '<div class="container"><h1>Referat</h1><p>Mødet blev holdt i salen.</p></div>'
    )
    assert texts(body) == ["Velkommen", "Referat", "Mødet blev holdt i salen."]


def test_a_header_with_a_menu_or_logo_is_the_page_header_even_with_an_item_like_name():
    body = (
        '<div class="kommune-header"><a href="/"><img src="l.png" alt="Logo"></a> Kommunen</div>'
        '<div class="portal-header"><a href="/a">Borger</a> <a href="/b">Politik</a></div>'
        "<h1>Referat</h1><p>Mødet blev holdt i salen.</p>"
    )
    assert texts(body) == ["Referat", "Mødet blev holdt i salen."]


# ---------------------------------------------------------------- meta table of label / value divs


def test_a_label_div_with_a_list_of_members_reads_as_the_label_line_and_its_lines():
    body = (
        "<h1>Dagsorden</h1>"
        '<div class="meta"><div class="meta-row"><div class="meta-label">Mødested</div>'
        '<div class="meta-value">Byrådssalen</div></div>'
        '<div class="meta-row"><div class="meta-label">Medlemmer</div><div class="meta-value">'
        '<div class="member">Lone Vinther (A), formand</div><div class="member">Ejnar Bach (V)</div>'
        '<div class="member">Rikke Sand (F)</div></div></div>'
        '<div class="meta-row"><div class="meta-label">Fraværende</div><div class="meta-value">Ejnar Bach (V)</div></div>'
        "</div>"
    )
    assert texts(body) == [
        "Dagsorden",
        "Mødested: Byrådssalen",
        "Medlemmer:",
        "Lone Vinther (A), formand",
        "Ejnar Bach (V)",
        "Rikke Sand (F)",
        "Fraværende: Ejnar Bach (V)",
    ]


# ---------------------------------------------------------------- several fields on one line


def test_fields_on_one_line_separated_by_a_dot_bar_or_spaces_are_lines_of_their_own():
    body = (
        "<h1>Dagsorden</h1>"
        '<p class="case">Sagsnr.: 14.02.00-G01-3-25 · Sagsansvarlig: Dorte Winther</p>'
        '<p class="case">Sagsnr.: 25/0412 &nbsp;|&nbsp; Sagsansvarlig: Jonas Friis</p>'
        "<p>Sagsnr.: 00.01.00-A00-2-26 &nbsp; Sagsansvarlig: Mette Kure</p>"
        "<p>Vi talte om fordelingen · det blev ikke afklaret.</p>"  # no field label after the dot
    )
    assert texts(body) == [
        "Dagsorden",
        "Sagsnr.: 14.02.00-G01-3-25",
        "Sagsansvarlig: Dorte Winther",
        "Sagsnr.: 25/0412",
        "Sagsansvarlig: Jonas Friis",
        "Sagsnr.: 00.01.00-A00-2-26",
        "Sagsansvarlig: Mette Kure",
        "Vi talte om fordelingen · det blev ikke afklaret.",
    ]


# ---------------------------------------------------------------- sidebars and CMS furniture


def test_a_sidebar_calendar_of_coming_events_is_kept_and_other_widgets_dropped():
    body = (
        "<main><article><h1>Referat af bestyrelsesmøde</h1><p>Kontingentet fastholdes.</p></article>"
        '<aside class="widget-area">'
        '<section class="widget"><h2 class="widget-title">Kommende arrangementer</h2>'
        "<ul><li>7. maj – Fællesspisning i hallen</li><li>lørdag 14. juni – Sommerfest</li></ul></section>"
        '<section class="widget"><h2 class="widget-title">Seneste indlæg</h2>'
        '<ul><li><a href="/a">Referat fra mødet 2. april</a></li><li><a href="/b">Velkommen til nye medlemmer</a></li></ul>'
        "</section>"
        '<section class="widget"><h2 class="widget-title">Om os</h2><p>Foreningen blev stiftet i 1971.</p></section>'
        "</aside></main>"
        '<div class="sidebar"><h3>Arkiv</h3><ul><li><a href="/2025/04">april 2025</a></li></ul></div>'
        "<aside>Seneste nyt</aside>"
    )
    assert kinds(body) == [
        (H, 1, "Referat af bestyrelsesmøde"),
        (P, 0, "Kontingentet fastholdes."),
        (H, 2, "Kommende arrangementer"),
        (L, 1, "7. maj – Fællesspisning i hallen"),
        (L, 1, "lørdag 14. juni – Sommerfest"),
    ]


def test_a_sidebar_calendar_without_widgets_keeps_its_title_and_dated_lines():
    body = (
        "<h1>Dagsorden</h1><p>Mødet holdes på rådhuset.</p>"
        '<aside class="sidebar"><h3>Kommende møder i udvalget</h3>'
        "<ul><li>03.06.2025 kl. 16:00</li><li>09.09.2025 kl. 16:00</li></ul>"
        '<p>Se også <a href="/kalender">kalenderen</a>.</p></aside>'
    )
    assert texts(body) == [
        "Dagsorden",
        "Mødet holdes på rådhuset.",
        "Kommende møder i udvalget",
        "03.06.2025 kl. 16:00",
        "09.09.2025 kl. 16:00",
    ]


def test_wordpress_skip_links_byline_post_date_and_comments_are_dropped():
    body = (
        '<a class="skip-link screen-reader-text" href="#c">Gå til indhold</a>'
        '<article class="post"><header class="entry-header">'
        '<div class="entry-categories"><span class="screen-reader-text">Kategorier</span>'
        '<a href="/k/referater/" rel="category tag">Referater</a></div>'
        '<h1 class="entry-title">Referat af bestyrelsesmøde</h1>'
        '<ul class="post-meta"><li class="post-author"><span>Af <a href="/a/ulla">Ulla</a></span></li>'
        '<li class="post-date"><a href="/p"><time datetime="2026-02-03">3. februar 2026</time></a></li></ul>'
        '</header><div class="entry-content"><p>Havedagen blev fastlagt til lørdag den 9. maj.</p></div>'
        '<div class="comments-wrapper" id="comments"><div class="comment"><span class="fn">Kaj Holt</span> '
        "<p>Kan vi flytte den til 16. maj?</p></div></div></article>"
    )
    assert texts(body) == ["Referat af bestyrelsesmøde", "Havedagen blev fastlagt til lørdag den 9. maj."]
