"""Arrows typed as text open a list item, the way action lines are marked in e-mailed
minutes ("--> Kirsten sender ...", "=> Bo tjekker", "→ Ida booker")."""

from __future__ import annotations

import pytest

from pipeline.ingest.lines import split_bullet
from pipeline.ingest.text import text_blocks
from tests.helpers.records import extract_lines


@pytest.mark.parametrize(
    "line, expect",
    [
        ("--> Kirsten sender opkrævningen", ("-->", "Kirsten sender opkrævningen")),
        ("-> Bo tjekker", ("->", "Bo tjekker")),
        ("=> Bo tjekker", ("=>", "Bo tjekker")),
        ("→ Ida booker salen", ("→", "Ida booker salen")),
        ("-->", None),  # an arrow alone
        ("->x", None),  # no space after it
        ("- Bo", ("-", "Bo")),
    ],
)
def test_arrows_are_list_markers(line, expect):
    assert split_bullet(line) == expect


def test_an_arrow_line_under_a_paragraph_is_an_item_of_its_own():
    blocks = text_blocks("2) Økonomi\n   Kassen er god.\n   --> Kirsten sender opkrævningen i uge 10.\n")
    assert [(b.kind.value, b.text) for b in blocks][-2:] == [
        ("paragraph", "Kassen er god."),
        ("list_item", "Kirsten sender opkrævningen i uge 10."),
    ]


def test_a_label_alone_over_a_list_is_no_action(nlp):
    rec = extract_lines(
        nlp,
        [
            "Referat af gruppemøde 3. marts 2031",
            ("h", "1. Status"),
            "Noter:",
            ("li", "Ida har skrevet teoriafsnittet."),
            ("li", "Noter: alle læser kapitel 2"),
        ],
    )
    texts = [a["text"] for a in rec["actions"]]
    assert "Noter:" not in texts and any("alle læser kapitel 2" in t for t in texts)
