"""A portal's numbered meta line over the item's title heading: "Punkt 3 · Åbent punkt ·
Sag 25/03318 · Sagsansvarlig: X" (or "Punkt 3" alone) / "### Trafikbestilling 2027"."""

from __future__ import annotations

import pytest

from tests.helpers.records import extract_lines, record_of, table_row


@pytest.mark.parametrize(
    "meta", ["Punkt {n}", "Punkt {n} · Åbent punkt", "Punkt {n} · Åbent punkt · Sag 26/0041{n} · Sagsansvarlig: Bo Thy"]
)
def test_the_heading_under_a_meta_line_is_the_title(nlp, meta):
    rec = extract_lines(
        nlp,
        [
            "Referat af udvalgsmøde 9. marts 2031",
            "Til stede: Bo Thy, Lis Dam",
            meta.format(n=1),
            ("h", "Godkendelse af dagsorden", 3),
            "Godkendt.",
            meta.format(n=2),
            ("h", "Trafikbestilling 2032 – regionale busruter", 3),
            "Taget til efterretning.",
        ],
    )
    owner = "Bo Thy" if "Sagsansvarlig" in meta else None
    assert [(i["number"], i["title"], i["owner"]) for i in rec["agenda_items"]] == [
        ("1", "Godkendelse af dagsorden", owner),
        ("2", "Trafikbestilling 2032 – regionale busruter", owner),
    ]
    assert [(d["item"], d["text"]) for d in rec["decisions"]] == [("1", "Godkendt."), ("2", "Taget til efterretning.")]


def test_an_abbreviated_owner_label_in_the_title(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af bestyrelsesmøde 13. april 2031",
            "Til stede: Poul Sand, Yasmin Had",
            ("h", "1. Økonomi (ansv.: Poul)"),
            "Godkendt.",
            ("h", "2. Haveudvalget (ansv: Yasmin)"),
        ],
    )
    assert [(i["title"], i["owner"]) for i in rec["agenda_items"]] == [
        ("Økonomi", "Poul Sand"),
        ("Haveudvalget", "Yasmin Had"),
    ]


def test_an_agenda_tables_sub_rows_are_sub_items(nlp):
    from pipeline.types import BlockKind, RawBlock

    raw = [
        RawBlock(kind=BlockKind.title, text="Dagsorden for Ungdomsrådet 14. april 2031"),
        table_row("Nr.", "Tid", "Punkt", "Ansvarlig"),
        table_row("1", "16.30", "Velkomst", "Sofie Lind"),
        table_row("2", "16.40", "Ungepuljen – ansøgninger", "Emil Krog"),
        table_row("2a", "Ansøgning fra E-sport om LAN-party"),
        table_row("2b", "Ansøgning fra skatere om materialer"),
        table_row("3", "17.40", "Evt."),
    ]
    rec = record_of(nlp, raw, "pdf")
    assert [(a.number, a.title) for a in rec.agenda_items] == [
        ("1", "Velkomst"),
        ("2", "Ungepuljen – ansøgninger"),
        ("2a", "Ansøgning fra E-sport om LAN-party"),
        ("2b", "Ansøgning fra skatere om materialer"),
        ("3", "Evt."),
    ]


def test_a_field_line_between_the_meta_line_and_the_title(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af udvalgsmøde 9. marts 2031",
            "Til stede: Bo Thy, Lis Dam",
            "Punkt 1 · Åbent punkt · Sag 25/03318",
            "Sagsansvarlig: Bo Thy",
            ("h", "Trafikbestilling 2032", 3),
            "Godkendt.",
            "Punkt 2 · Åbent punkt",
            ("h", "Eventuelt", 3),
        ],
    )
    assert [(i["number"], i["title"], i["owner"]) for i in rec["agenda_items"]] == [
        ("1", "Trafikbestilling 2032", "Bo Thy"),
        ("2", "Eventuelt", None),
    ]
