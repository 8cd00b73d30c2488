"""ODT lists numbered by their list style: each item carries the number LibreOffice
shows ("3. Økonomi"), a list that continues its style's count goes on counting (the
agenda's items with the minutes' text between them), a new list starts again, and
levels show as their style says ("a)", "2.1")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pipeline.ingest import odt
from pipeline.ingest.base import Limits

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}><office:styles>
<text:list-style style:name="Agenda">
  <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
  <text:list-level-style-number text:level="2" style:num-format="a" style:num-suffix=")"/>
</text:list-style>
<text:list-style style:name="Dots"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/></text:list-style>
</office:styles></office:document-styles>"""


def _item(text: str, inner: str = "") -> str:
    return f"<text:list-item><text:p>{text}</text:p>{inner}</text:list-item>"


def _content(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body><office:text>{body}</office:text></office:body></office:document-content>'


def _blocks(body: str) -> list[tuple[str, str]]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", _content(body))
        z.writestr("styles.xml", STYLES)
    return [(b.kind.value, b.text) for b in odt.read(buf.getvalue(), Path("x.odt"), Limits()).blocks]


def test_continued_lists_keep_counting_and_a_new_list_starts_again():
    body = (
        f'<text:list text:style-name="Agenda">{_item("Godkendelse af dagsorden")}</text:list>'
        "<text:p>Godkendt.</text:p>"
        f'<text:list text:style-name="Agenda" text:continue-numbering="true">{_item("Økonomi")}</text:list>'
        f'<text:list text:style-name="Agenda">{_item("Forfra")}</text:list>'
    )
    assert _blocks(body) == [
        ("list_item", "1. Godkendelse af dagsorden"),
        ("paragraph", "Godkendt."),
        ("list_item", "2. Økonomi"),
        ("list_item", "1. Forfra"),
    ]


def test_levels_and_bullets():
    inner = f"<text:list>{_item('Forslag om hegn')}{_item('Forslag om bænke')}</text:list>"
    body = (
        f'<text:list text:style-name="Agenda">{_item("Valg")}{_item("Forslag", inner)}</text:list>'
        f'<text:list text:style-name="Dots">{_item("kaffe")}</text:list>'
    )
    assert _blocks(body) == [
        ("list_item", "1. Valg"),
        ("list_item", "2. Forslag"),
        ("list_item", "a) Forslag om hegn"),
        ("list_item", "b) Forslag om bænke"),
        ("list_item", "kaffe"),
    ]


def test_empty_table_cells_keep_their_place():
    row = "<table:table-row>{}</table:table-row>"
    cell = "<table:table-cell><text:p>{}</text:p></table:table-cell>"
    rows = [
        row.format("".join(cell.format(c) for c in cells))
        for cells in (["Navn", "Mødt", "Ikke mødt"], ["Bo Lind", "", "✓"])
    ]
    assert _blocks(f"<table:table>{''.join(rows)}</table:table>") == [
        ("table_row", "Navn\tMødt\tIkke mødt"),
        ("table_row", "Bo Lind\t\t✓"),
    ]
