"""Municipal portal pages: a meeting card whose labels are set apart by CSS only, and
an <aside> beside the items holding the members' attendance table and the staff."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract import extract_record
from pipeline.ingest import html as html_reader
from pipeline.ingest.base import Limits
from pipeline.types import SourceDocument

PAGE = """<html><head><title>Kultur- og Fritidsudvalget</title></head><body>
<nav><a href="/">Forside</a><a href="/moeder">Møder</a></nav>
<h1>Kultur- og Fritidsudvalget – Referat</h1>
<div class="card"><div><span>Mødedato</span>09.09.2031</div><div><span>Mødested</span>Rådhuset</div></div>
<div class="layout"><div class="content">
<section><h2>1. Godkendelse af dagsorden</h2><h4>Beslutning</h4><p>Godkendt.</p>
<p>Fraværende: Ole Sand (A), Pia Moe (Ø)</p></section>
<section><h2>2. Hal 2</h2><h4>Beslutning</h4><p>Godkendt.</p><p>Fraværende: Ole Sand (A)</p></section>
</div>
<aside class="side">
<h3>Medlemmer</h3>
<table><thead><tr><th>Navn</th><th>Status</th></tr></thead><tbody>
<tr><td>Lise Krogh (A), formand</td><td>Deltog</td></tr>
<tr><td>Ole Sand (A)</td><td>Afbud</td></tr>
<tr><td>Pia Moe (Ø)</td><td>Deltog fra pkt. 2</td></tr>
<tr><td>Finn Lund (V)</td><td>Deltog</td></tr>
</tbody></table>
<h3>Fra forvaltningen</h3>
<p>Kultur- og fritidschef Anja Brink<br>Udvalgssekretær Jonas Krag (referent)</p>
<h3>Links</h3><ul><li><a href="/a">Arkiv</a></li><li><a href="/b">Kontakt</a></li></ul>
</aside></div></body></html>"""


def _blocks():
    return html_reader.read(PAGE.encode("utf-8"), Path("x.html"), Limits()).blocks


def test_a_label_set_apart_by_css_only_reads_as_a_field():
    texts = [b.text for b in _blocks()]
    assert "Mødedato: 09.09.2031" in texts and "Mødested: Rådhuset" in texts


def test_the_members_table_and_staff_of_a_sidebar_are_kept_and_its_links_are_not():
    texts = [b.text for b in _blocks()]
    assert "Lise Krogh (A), formand\tDeltog" in texts
    assert "Udvalgssekretær Jonas Krag (referent)" in texts
    assert "Arkiv" not in texts


def test_attendance_from_the_sidebar_table(nlp):
    doc = SourceDocument.from_blocks(
        _blocks(), doc_id="t", path="x.html", name="kfu_2031-09-09.html", format="html", reader="html"
    )
    rec = extract_record(doc, nlp)
    assert str(rec.meeting.date) == "2031-09-09"
    assert [p.name for p in rec.attendees] == ["Lise Krogh", "Pia Moe", "Finn Lund", "Anja Brink", "Jonas Krag"]
    # Pia Moe came late: an attendee, and absent from item 1 as its decision box says
    assert [p.name for p in rec.absentees] == ["Ole Sand", "Pia Moe"]
