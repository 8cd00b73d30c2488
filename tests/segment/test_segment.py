"""Agenda item headings: the pattern table, and the segmenter on whole documents."""

from __future__ import annotations

import pytest

from pipeline.segment import match_item_heading, segment
from pipeline.types import RawBlock, SourceDocument


def block(text, kind="paragraph"):
    return SourceDocument.from_blocks(
        [RawBlock(kind=kind, text=text)], doc_id="x", path="x", name="x", format="txt", reader="t"
    ).blocks[0]


@pytest.mark.parametrize(
    "text,number,title",
    [
        ("1. Meddelelser", "1", "Meddelelser"),
        ("2) Godkendelse af dagsorden", "2", "Godkendelse af dagsorden"),
        ("Punkt 4: Budget 2024 ved Brian", "4", "Budget 2024 ved Brian"),
        ("Pkt. 3 Økonomi", "3", "Økonomi"),
        ("Ad 3) Vedligeholdelse", "3", "Vedligeholdelse"),
        ("Ad punkt 5. Eventuelt", "5", "Eventuelt"),
        ("Ad. pkt. 2: Drift og vandkvalitet", "2", "Drift og vandkvalitet"),
        ("B. Kassererens beretning", "B", "Kassererens beretning"),
        ("6. Større arrangementer 2022", "6", "Større arrangementer 2022"),
        (
            "2. INDSATSOMRÅDE: Et styrket lokaldemokrati og kommunestyre",
            "2",
            "INDSATSOMRÅDE: Et styrket lokaldemokrati og kommunestyre",
        ),
        ("Sag nr. 45 – Trafiksikkerhedsplan 2025-2028", "45", "Trafiksikkerhedsplan 2025-2028"),
        ("Sag 112: Budget 2025", "112", "Budget 2025"),
    ],
)
def test_item_headings(text, number, title):
    hit = match_item_heading(block(text))
    assert hit is not None and hit[0] == number and hit[1] == title


@pytest.mark.parametrize(
    "text",
    [
        "17. september 2020",  # a date line, not item 17
        "14. januar 2022",
        "1. Budgettet blev gennemgået, og bestyrelsen havde ingen bemærkninger til det fremlagte.",
        "2/2\t2022\tFællesmøde KL/KOMDIR",
        "Niels Ågesen, Per Røner",
    ],
)
def test_not_item_headings(text):
    assert match_item_heading(block(text)) is None


def doc_of(lines):
    return SourceDocument.from_blocks(
        [RawBlock(kind="paragraph", text=t) for t in lines], doc_id="x", path="x", name="x", format="txt", reader="t"
    )


def test_segment_sequence_and_body_lists():
    doc = doc_of(
        [
            "Referat af bestyrelsesmøde",
            "1. Velkomst",
            "Formanden bød velkommen.",
            "2. Økonomi",
            "1. Regnskabet er sendt ud.",
            "3. Eventuelt",
            "Intet.",
        ]
    )
    seg = segment(doc.blocks)
    assert [it.number for it in seg.items] == ["1", "2", "3"]
    assert [b.text for b in seg.items[1].blocks] == ["1. Regnskabet er sendt ud."]
    assert seg.title.text == "Referat af bestyrelsesmøde"


def test_lettered_items_and_calendar_flag():
    doc = doc_of(["Dagsorden", "A. Valg af dirigent", "B. Beretning", "C. Mødekalender", "D. Eventuelt"])
    seg = segment(doc.blocks)
    assert [it.number for it in seg.items] == ["A", "B", "C", "D"]
    assert [it.calendar for it in seg.items] == [False, False, True, False]


def test_unnumbered_headings_fallback():
    raw = [
        RawBlock(kind="title", text="Referat"),
        RawBlock(kind="heading", level=1, text="Velkomst"),
        RawBlock(kind="paragraph", text="Godkendt."),
        RawBlock(kind="heading", level=1, text="Eventuelt"),
    ]
    doc = SourceDocument.from_blocks(raw, doc_id="x", path="x", name="x", format="docx", reader="t")
    seg = segment(doc.blocks)
    assert [(it.number, it.title) for it in seg.items] == [("1", "Velkomst"), ("2", "Eventuelt")]


def _doc_blocks(lines):
    raw = [RawBlock(kind="paragraph", text=t) for t in lines]
    return SourceDocument.from_blocks(raw, doc_id="x", path="x", name="x", format="txt", reader="t").blocks


def test_case_numbered_items_start_anywhere_and_keep_their_numbered_lists():
    seg = segment(
        _doc_blocks(
            [
                "Beslutningsprotokol",
                "Sag nr. 44 – Godkendelse af dagsorden",
                "Godkendt.",
                "Sag nr. 45 – Trafikplan",
                "Indstilling:",
                "1. planen sendes i høring, og",
                "2. udvalget drøfter prioriteringen.",
                "Sagsnr.: 05.13.00-P22-3-23",
            ]
        )
    )
    assert [(it.number, it.title) for it in seg.items] == [("44", "Godkendelse af dagsorden"), ("45", "Trafikplan")]
    assert len(seg.items[1].blocks) == 4


def test_agenda_on_one_line_then_unnumbered_headings():
    seg = segment(
        _doc_blocks(
            [
                "Referat af LB-møde 21. januar 2025",
                "Til stede var Bodil Marstrand og Gorm Lauritzen.",
                "Dagsorden: 1) Siden sidst, 2) Regnskab 2024 og budget 2025, 3) Eventuelt",
                "Siden sidst",
                "Bodil bød velkommen.",
                "Regnskab 2024 og budget 2025",
                "LB godkendte regnskabet.",
                "Eventuelt",
                "Intet.",
            ]
        )
    )
    assert [(it.number, it.title) for it in seg.items] == [
        ("1", "Siden sidst"),
        ("2", "Regnskab 2024 og budget 2025"),
        ("3", "Eventuelt"),
    ]
    assert [b.text for b in seg.items[1].blocks] == ["LB godkendte regnskabet."]
    assert seg.items[0].heading.text == "Siden sidst"
    assert any(b.text.startswith("Til stede var") for b in seg.header)


def test_agenda_line_without_matching_headings_is_left_alone():
    seg = segment(_doc_blocks(["Referat", "Dagsorden: 1) Budget, 2) Eventuelt", "Vi talte om budget."]))
    assert seg.items == []


def test_agenda_title_repeated_in_the_text_heads_one_section():
    seg = segment(
        _doc_blocks(
            ["Referat", "Dagsorden: 1) Budget, 2) Eventuelt", "Budget", "Godkendt.", "Eventuelt", "Budget", "Intet."]
        )
    )
    assert [(it.number, [b.text for b in it.blocks]) for it in seg.items] == [
        ("1", ["Godkendt."]),
        ("2", ["Budget", "Intet."]),
    ]
