"""A closing task table with an item column ('Pkt. | Hvad | Hvem | Hvornår'): each task
belongs to the item its row names, not to the item the table stands under."""

from __future__ import annotations

from pipeline.types import BlockKind, RawBlock
from tests.helpers.records import record_of, table_row


def test_tasks_take_the_item_of_their_row(nlp):
    raw = [
        RawBlock(kind=BlockKind.title, text="Referat af bestyrelsesmøde 3. februar 2031"),
        RawBlock(kind=BlockKind.paragraph, text="Til stede: Hanne Juhl, Ebbe Holm"),
        RawBlock(kind=BlockKind.heading, text="1. Koncert", level=1),
        RawBlock(kind=BlockKind.paragraph, text="Programmet er klar."),
        RawBlock(kind=BlockKind.heading, text="2. Huskeliste", level=1),
        table_row("Pkt.", "Hvad", "Hvem", "Hvornår"),
        table_row("1", "Sende programmet til trykkeriet", "Hanne", "uge 8"),
        table_row("", "Købe kaffe", "Ebbe", ""),
    ]
    rec = record_of(nlp, raw, "odt")
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
        table_row("Hvad", "Hvornår", "Crew"),
        table_row("Opbygning", "fre 19/6 – ons 24/6", "Byg & Teknik"),
        table_row("Festival", "fre 26/6 – søn 28/6", "alle"),
    ]
    assert record_of(nlp, raw, "md").actions == []
