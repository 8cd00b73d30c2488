"""PDF page layouts beyond one flow of text: a sidebar or a second column beside
the items, running headers and footers that carry the meeting's date. Every
document is written here with tests/helpers/pdf.py (invented names and text)."""

from __future__ import annotations

from pathlib import Path

from helpers.pdf import make_pdf, runs, text
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.base import Limits
from pipeline.ingest.layout import column_bands
from pipeline.types import BlockKind

LIMITS = Limits()


def _blocks(pages: list[bytes]) -> list[tuple[str, str]]:
    result = pdf_reader.read(make_pdf(pages), Path("x.pdf"), LIMITS)
    return [(b.kind.value, b.text) for b in result.blocks]


def _texts(pages: list[bytes]) -> list[str]:
    return [t for _, t in _blocks(pages)]


# ---------------------------------------------------------------- a sidebar beside the items

SIDEBAR = [  # (top, text, bold): a narrow column at the left margin, its own line pitch
    (130, "Sted", True),
    (154, "Klubhuset, Birkevej 3", False),
    (178, "Til stede", True),
    (202, "Tove Lund (formand)", False),
    (226, "Bjarne Holt", False),
    (250, "Inge Vestergaard", False),
    (274, "Afbud", True),
    (298, "Rasmus Krogh", False),
    (322, "Kalender", True),
    (346, "12. maj: Sommerfest", False),
]
MAIN = [  # the items at x=300: other heights than the sidebar's lines
    (126, "1. Godkendelse af dagsorden", True),
    (150, "Dagsordenen blev godkendt.", False),
    (174, "2. Økonomi", True),
    (198, "Kassereren fremlagde regnskabet, og", False),
    (212, "bestyrelsen godkendte det uden", False),
    (226, "bemærkninger. Bjarne sender det til", False),
    (240, "revisoren inden fredag.", False),
    (264, "3. Sommerfest", True),
    (288, "Sommerfesten holdes lørdag den 12. maj", False),
    (302, "i klubhuset. Inge laver en tilmelding.", False),
    (326, "4. Eventuelt", True),
    (350, "Intet.", False),
]


def _sidebar_page() -> bytes:
    head = text(50, 80, "Referat af bestyrelsesmøde", size=18, bold=True)
    side = b"".join(text(50, top, s, size=10, bold=b) for top, s, b in SIDEBAR)
    main = b"".join(text(300, top, s, size=10.5, bold=b) for top, s, b in MAIN)
    foot = text(50, 420, "Referent: Tove Lund", size=10.5)
    return head + side + main + foot


def test_a_sidebar_is_read_as_its_own_blocks_before_the_items():
    got = _texts([_sidebar_page()])
    assert got[0] == "Referat af bestyrelsesmøde"
    side = got[1 : got.index("1. Godkendelse af dagsorden")]
    assert side == [s for _, s, _ in SIDEBAR]  # each sidebar line its own block, in order
    assert "Kassereren fremlagde regnskabet, og bestyrelsen godkendte det uden bemærkninger. " in " ".join(got)
    assert "Bjarne sender det til revisoren inden fredag." in " ".join(got)
    assert "Sommerfesten holdes lørdag den 12. maj i klubhuset. Inge laver en tilmelding." in " ".join(got)
    assert got[-1] == "Referent: Tove Lund"  # under both columns: read after them


def test_sidebar_lines_at_the_height_of_a_main_line_are_not_merged_with_it():
    # a sidebar line at the very height of a main line ("Sted" beside item 1)
    page = runs(126, (50, "Sted", True), (300, "1. Godkendelse af dagsorden", True), size=10.5)
    rest = [(t, s, b) for t, s, b in SIDEBAR[1:]]
    page += b"".join(text(50, top, s, size=10, bold=b) for top, s, b in rest)
    page += b"".join(text(300, top, s, size=10.5, bold=b) for top, s, b in MAIN[1:])
    got = _texts([page])
    assert "Sted" in got and "1. Godkendelse af dagsorden" in got
    assert not any("Sted 1." in t for t in got)


# ---------------------------------------------------------------- what is not two columns


def test_a_label_column_with_its_values_on_the_same_lines_is_no_column_layout():
    page = b"".join(
        runs(100 + 16 * i, (72, label, False), (200, value, False))
        for i, (label, value) in enumerate(
            [
                ("Dato:", "Tirsdag den 4. marts 2025"),
                ("Sted:", "Klubhuset, Birkevej 3"),
                ("Til stede:", "Tove Lund, Bjarne Holt"),
                ("Afbud:", "Rasmus Krogh"),
                ("Referent:", "Inge Vestergaard"),
            ]
        )
    )
    got = " | ".join(_texts([page]))
    assert got.index("Dato:") < got.index("Tirsdag den 4. marts") < got.index("Sted:") < got.index("Klubhuset")


def test_a_hanging_indent_keeps_numbers_and_titles_together():
    lines = [
        runs(100, (72, "1.", True), (150, "Godkendelse af dagsorden", True)),
        text(150, 116, "Dagsordenen blev godkendt uden bemærkninger."),
        runs(140, (72, "2.", True), (150, "Økonomi", True)),
        text(150, 156, "Kassereren gennemgik regnskabet for perioden."),
        text(150, 170, "Regnskabet blev godkendt."),
        runs(194, (72, "3.", True), (150, "Eventuelt", True)),
        text(150, 210, "Intet."),
    ]
    got = _texts([b"".join(lines)])
    assert got.index("1. Godkendelse af dagsorden") < got.index("Dagsordenen blev godkendt uden bemærkninger.")
    assert got.index("2. Økonomi") < got.index("3. Eventuelt")


def test_column_bands_need_interleaved_lines_on_both_sides():
    sidebar = [(10.0 + 24 * i, 20.0 + 24 * i, [(50.0, 150.0)]) for i in range(6)]
    main = [(4.0 + 14 * i, 14.0 + 14 * i, [(300.0, 520.0)]) for i in range(10)]
    assert [round(x) for *_, x in column_bands(sidebar + main, 595)] == [300]
    assert column_bands(main, 595) == []  # one column, wherever it starts
    shared = [(10.0 + 14 * i, 20.0 + 14 * i, [(50.0, 120.0), (300.0, 520.0)]) for i in range(8)]
    assert column_bands(shared, 595) == []  # label / value lines: a table, not two flows
    under = [(10.0 + 14 * i, 20.0 + 14 * i, [(300.0, 520.0)]) for i in range(6)]
    under += [(200.0 + 14 * i, 210.0 + 14 * i, [(50.0, 200.0)]) for i in range(6)]
    assert column_bands(under, 595) == []  # one after the other: the order of the page is right


# ---------------------------------------------------------------- running headers and footers


def _with_running(body: list[bytes]) -> list[bytes]:
    return [
        text(72, 30, "Grundejerforeningen Lyngbo", size=8)
        + page
        + text(200, 815, f"Bestyrelsesmøde 14.03.2024 · side {k} af {len(body)}", size=8)
        for k, page in enumerate(body, start=1)
    ]


def test_a_dated_running_footer_is_kept_once_after_the_title():
    body = [
        text(72, 90, "Referat", size=20, bold=True)
        + text(72, 130, "1. Godkendelse af dagsorden", bold=True)
        + text(72, 150, "Dagsordenen blev godkendt."),
        text(72, 90, "2. Eventuelt", bold=True) + text(72, 110, "Intet."),
    ]
    got = _blocks(_with_running(body))
    texts = [t for _, t in got]
    assert texts[0] == "Referat"
    assert texts[1] == "Bestyrelsesmøde 14.03.2024 · side 1 af 2" and got[1][0] == BlockKind.paragraph.value
    assert sum("14.03.2024" in t for t in texts) == 1
    assert not any("Lyngbo" in t for t in texts)  # a running header without a date stays dropped
    assert texts[2:] == ["1. Godkendelse af dagsorden", "Dagsordenen blev godkendt.", "2. Eventuelt", "Intet."]


def test_a_dated_running_key_that_names_no_meeting_stays_dropped():
    body = [text(72, 90, "Referat", size=20, bold=True) + text(72, 130, f"Tekst på side {k}.") for k in (1, 2)]
    pages = [page + text(72, 815, "4471-2B ADV KLR 31.01.2025", size=8) for page in body]
    assert not any("4471" in t for t in _texts(pages))


# ---------------------------------------------------------------- lines drawn over each other


def test_two_lines_drawn_over_each_other_are_read_apart():
    # a Word export lays a heading 2.5 points under a paragraph's line: one text
    # line by pdfplumber's tolerance, its characters alternating between the two
    page = (
        text(72, 100, "Kommunen svarer at stien ikke kan udvides i år.", size=12)
        + text(72, 102.5, "Aktivitetsudvalgets beretning", size=12, bold=True)
        + text(72, 130, "Der holdes sommerfest i august.", size=12)
    )
    got = _texts([page])
    assert "Kommunen svarer at stien ikke kan udvides i år." in got
    assert "Aktivitetsudvalgets beretning" in got


def test_a_superscript_or_a_label_in_another_size_stays_on_its_line():
    page = runs(100, (72, "Formand:", True), (130, "Tove Lund blev genvalgt for to år.", False), size=11)
    page += text(302, 97, "1", size=6)  # a footnote mark
    got = _texts([page])
    assert len(got) == 1 and got[0].startswith("Formand: Tove Lund blev genvalgt for to år.")
