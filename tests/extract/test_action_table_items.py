"""A closing task table with an item column ('Pkt. | Hvad | Hvem | Hvornår'): each task
belongs to the item its row names, not to the item the table stands under."""

from __future__ import annotations

from pipeline.extract import extract_record
from pipeline.types import BlockKind, RawBlock, SourceDocument


def _row(*cells: str) -> RawBlock:
    return RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=list(cells))


def test_tasks_take_the_item_of_their_row(nlp):
    raw = [
        RawBlock(kind=BlockKind.title, text="Referat af bestyrelsesmøde 3. februar 2031"),
        RawBlock(kind=BlockKind.paragraph, text="Til stede: Hanne Juhl, Ebbe Holm"),
        RawBlock(kind=BlockKind.heading, text="1. Koncert", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Programmet er klar."),
        RawBlock(kind=BlockKind.heading, text="2. Huskeliste", level=1),
        _row("Pkt.", "Hvad", "Hvem", "Hvornår"),
        _row("1", "Sende programmet til trykkeriet", "Hanne", "uge 8"),
        _row("", "Købe kaffe", "Ebbe", ""),
    ]
    doc = SourceDocument.from_blocks(raw, doc_id="0" * 64, path="x.odt", name="x.odt", format="odt", reader="t")
    rec = extract_record(doc, nlp)
    assert [(a.item, a.text, a.owners) for a in rec.actions] == [
        ("1", "Sende programmet til trykkeriet", ["Hanne Juhl"]),
        ("2", "Købe kaffe", ["Ebbe Holm"]),
    ]


def test_a_group_formed_with_its_members_owns_its_tasks_later(nlp):
    from tests.helpers.records import extract_lines

    rec = extract_lines(
        nlp,
        [
            "Referat af bestyrelsesmøde 3. marts 2031",
            "Til stede: Pia Hald, Ditte Ravn, Kim Mose, Bo Lind",
            ("h", "1. Jubilæum"),
            "Et festudvalg blev nedsat med Pia, Ditte og Kim. Udvalget mødes første gang i uge 14.",
            ("h", "2. Eventuelt"),
            "Vi talte med kommunen om udvalget og med Bo om festen.",
        ],
    )
    assert [(a["text"], a["owners"]) for a in rec["actions"]] == [
        ("Udvalget mødes første gang i uge 14.", ["Pia Hald", "Ditte Ravn", "Kim Mose"])
    ]


def test_a_schedule_without_an_owner_column_gives_no_tasks(nlp):
    raw = [
        RawBlock(kind=BlockKind.title, text="Referat af crewledermøde 15. april 2031"),
        RawBlock(kind=BlockKind.heading, text="1. Opbygning", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Tidsplan (som sidste år):"),
        _row("Hvad", "Hvornår", "Crew"),
        _row("Opbygning", "fre 19/6 – ons 24/6", "Byg & Teknik"),
        _row("Festival", "fre 26/6 – søn 28/6", "alle"),
    ]
    doc = SourceDocument.from_blocks(raw, doc_id="0" * 64, path="x.md", name="x.md", format="md", reader="t")
    assert extract_record(doc, nlp).actions == []
