"""A portal's numbered meta line over the item's title heading: "Punkt 3 · Åbent punkt ·
Sag 25/03318 · Sagsansvarlig: X" (or "Punkt 3" alone) / "### Trafikbestilling 2027"."""

from __future__ import annotations

import pytest

from tests.helpers.records import extract_lines


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
