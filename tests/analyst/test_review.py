"""The HTML review page: highlights at their source spans, nesting and crossing
spans kept well formed, side-list anchors, escaping, page breaks."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from conftest import RAW
from pipeline.analyst.review import collect_highlights, render_review
from pipeline.types import (
    Action,
    AgendaItem,
    BlockKind,
    DateRange,
    Decision,
    Event,
    Meeting,
    MeetingRecord,
    Participant,
    Provenance,
    RawBlock,
    SourceDocument,
)

VOID = {"meta", "br", "img", "link", "input", "hr", "area", "base", "col", "embed", "source", "wbr"}


class PageParser(HTMLParser):
    """Checks that every element is closed in order; collects the text under each
    data-span (over all its fragments), element ids, classes and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.errors: list[str] = []
        self.span_text: dict[str, str] = defaultdict(str)
        self.fragments: dict[str, list[dict]] = defaultdict(list)
        self.ids: dict[str, dict] = {}
        self.links: list[str] = []
        self.in_text = False
        self.article_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append(f"duplicate id {a['id']}")
            self.ids[a["id"]] = {"tag": tag, **a}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "article":
            self.in_text = True
        if tag in VOID:
            return
        span = a.get("data-span")
        if span:
            self.fragments[span].append({"tag": tag, **a})
        self.stack.append((tag, span))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if tag == "article":
            self.in_text = False

    def handle_data(self, data):
        if self.in_text:
            self.article_text.append(data)
        for _, span in self.stack:
            if span:
                self.span_text[span] += data


def _doc_and_record() -> tuple[SourceDocument, MeetingRecord]:
    raw = [
        RawBlock(kind=BlockKind.title, text="Referat HB-møde"),
        RawBlock(kind=BlockKind.paragraph, text="Deltagere: Niels Ågesen, Stine Johansen"),
        RawBlock(kind=BlockKind.paragraph, text="Afbud: Eik Møller (syg)"),
        RawBlock(kind=BlockKind.heading, text="1. Budget <2023> & drift"),
        RawBlock(
            kind=BlockKind.paragraph,
            text="HB besluttede at hæve kontingentet fra 1. juli. Stine undersøger konsekvenserne inden uge 20.",
        ),
        RawBlock(kind=BlockKind.paragraph, text="Medlem med CPR 170980-1234 er orienteret."),
        RawBlock(kind=BlockKind.heading, text="2. Kalender", page=2),
        RawBlock(kind=BlockKind.table_row, text="20/5\t2022\tÅrsmøde", page=2),
        RawBlock(kind=BlockKind.paragraph, text="Niels Ågesen og sekretariatet tager kontakt til KL.", page=2),
    ]
    doc = SourceDocument.from_blocks(
        raw, doc_id="d" * 64, path="x/referat.txt", name="referat.txt", format="txt", reader="test"
    )
    text = doc.text

    def at(s: str, page: int = 1, nth: int = 0) -> Provenance:
        start = -1
        for _ in range(nth + 1):
            start = text.index(s, start + 1)
        return Provenance(doc_id=doc.doc_id, page=page, start=start, end=start + len(s), rule="test")

    def between(first: str, last: str, page: int = 1) -> Provenance:
        start = text.index(first)
        end = text.index(last) + len(last)
        return Provenance(doc_id=doc.doc_id, page=page, start=start, end=end, rule="test")

    record = MeetingRecord(
        document=doc.name,
        doc_id=doc.doc_id,
        path=doc.path,
        format="txt",
        pages=doc.pages,
        meeting=Meeting(
            organization="KOMDIR",
            body="HB",
            kind="minutes",
            title="Referat HB-møde",
            date=dt.date(2022, 1, 14),
            provenance=at("Referat HB-møde"),
        ),
        attendees=[
            Participant(name="Niels Ågesen", status="present", role="formand", provenance=at("Niels Ågesen")),
            Participant(name="Stine Johansen", status="present", provenance=at("Stine Johansen")),
        ],
        absentees=[Participant(name="Eik Møller", status="absent", reason="syg", provenance=at("Eik Møller (syg)"))],
        agenda_items=[
            AgendaItem(
                number="1",
                title="Budget <2023> & drift",
                owner="Stine Johansen",
                provenance=at("1. Budget <2023> & drift"),
            ),
            AgendaItem(number="2", title="Kalender", provenance=at("2. Kalender", 2)),
        ],
        decisions=[
            Decision(
                item="1",
                text="HB besluttede at hæve kontingentet fra 1. juli.",
                due=DateRange(text="1. juli", start=dt.date(2022, 7, 1), end=dt.date(2022, 7, 1)),
                provenance=at("HB besluttede at hæve kontingentet fra 1. juli."),
            ),
            # crosses the action below: starts inside the decision, ends inside the action
            Decision(
                item="1",
                text="kontingentet fra 1. juli. Stine undersøger",
                provenance=at("kontingentet fra 1. juli. Stine undersøger"),
            ),
        ],
        actions=[
            Action(
                item="1",
                text="Stine undersøger konsekvenserne inden uge 20.",
                owners=["Stine Johansen"],
                due=DateRange(text="uge 20", start=dt.date(2022, 5, 16), end=dt.date(2022, 5, 22)),
                provenance=at("Stine undersøger konsekvenserne inden uge 20."),
            ),
            # crosses a block boundary and the page break, and overlaps the event
            Action(
                item="2",
                text="Årsmøde ... tager kontakt til KL.",
                owners=["Niels Ågesen", "sekretariatet", "Ukendt Person"],
                provenance=between("Årsmøde", "tager kontakt til KL.", 2),
            ),
        ],
        events=[
            Event(date=dt.date(2022, 5, 20), text="Årsmøde", provenance=at("20/5\t2022\tÅrsmøde", 2)),
            Event(
                date=dt.date(2022, 6, 1),
                text="outside",
                provenance=Provenance(doc_id=doc.doc_id, page=2, start=9000, end=9010),
            ),
        ],
    )
    return doc, record


@pytest.fixture(scope="module")
def rendered():
    doc, record = _doc_and_record()
    page = render_review(doc, record)
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return doc, record, page, parser


def test_page_is_well_formed(rendered):
    _, _, page, parser = rendered
    assert page.startswith("<!DOCTYPE html>")
    assert parser.errors == []
    assert parser.stack == []


def test_every_span_is_highlighted_with_its_text_and_kind(rendered):
    doc, record, _, parser = rendered
    text = doc.text.replace("170980-1234", "XXXXXX-XXXX")
    highlights = collect_highlights(text, record)
    shown = [h for h in highlights if h.id]
    assert len(shown) == len(highlights) - 2  # the unknown owner and the span outside the text
    for h in shown:
        assert parser.span_text[h.id] == text[h.start : h.end], h
        first = parser.ids[h.id]
        assert first["tag"] == "mark"
        assert f"hl-{h.kind}" in first["class"].split()
        assert all(f"hl-{h.kind}" in f["class"].split() for f in parser.fragments[h.id])
    kinds = {h.kind for h in shown}
    assert kinds == {"meeting", "attendee", "absentee", "agenda", "decision", "action", "owner", "due", "event"}


def test_nested_and_crossing_spans(rendered):
    doc, record, page, parser = rendered
    text = doc.text
    highlights = collect_highlights(text, record)
    owner = next(h for h in highlights if h.kind == "owner" and h.label == "Stine Johansen")
    assert text[owner.start : owner.end] == "Stine"  # the first name used alone in the action
    action = next(h for h in highlights if h.kind == "action" and h.label.startswith("Stine"))
    crossing = next(h for h in highlights if h.kind == "decision" and h.label.startswith("kontingentet"))
    # the crossing decision and the block-crossing action are split into fragments
    assert len(parser.fragments[crossing.id]) + len(parser.fragments[action.id]) >= 3
    long_action = next(h for h in highlights if h.kind == "action" and h.label.startswith("Årsmøde"))
    assert len(parser.fragments[long_action.id]) >= 2
    assert sum("id" in f for f in parser.fragments[long_action.id]) == 1  # one anchor per span
    # the owner mark sits inside the action mark: nested, not split
    assert len(parser.fragments[owner.id]) == 1
    m = re.search(rf'<mark id="{action.id}"[^>]*>(.*?)</mark>', page, re.S)
    assert m and f'id="{owner.id}"' in m.group(1)


def test_side_list_links_resolve(rendered):
    _, record, page, parser = rendered
    anchors = [h[1:] for h in parser.links if h.startswith("#h-")]
    assert anchors and all(a in parser.ids for a in anchors)
    assert len(set(anchors)) == len(anchors)
    assert len(anchors) == sum(1 for k in parser.ids if k.startswith("h-"))
    for label in (
        "Attendees (2)",
        "Absentees (1)",
        "Agenda items (2)",
        "Decisions (2)",
        "Actions (2)",
        "Action owners (4)",
        "Due dates (2)",
        "Events (2)",
    ):
        assert label in page
    # record fields are shown in the side list
    assert "owners: Niels Ågesen, sekretariatet, Ukendt Person" in page
    assert "due 2022-05-16 – 2022-05-22 (uge 20)" in page
    assert "owner: Stine Johansen" in page and "reason: syg" in page
    # entries without a usable span are listed, unlinked, with the reason
    assert "not named in the action&#x27;s sentence" in page
    assert "span 9000–9010 is outside the text" in page


def test_text_is_escaped_paged_and_masked(rendered):
    doc, _, page, parser = rendered
    assert "1. Budget &lt;2023&gt; &amp; drift" in page
    assert "<2023>" not in page
    assert "170980-1234" not in page and "XXXXXX-XXXX" in page
    assert 'class="page-break"' in page and ">side 2<" in page
    shown = "".join(parser.article_text)
    assert shown.replace("side 2", "") == doc.text.replace("170980-1234", "XXXXXX-XXXX")


@pytest.mark.slow  # `show` starts a worker process
def test_show_command_writes_a_page(tmp_path):
    from pipeline.cli import app

    out = tmp_path / "review.html"
    result = CliRunner().invoke(app, ["show", str(RAW / "komdir_hb_2022-01-14_referat.txt"), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parser = PageParser()
    parser.feed(page)
    assert parser.errors == [] and parser.stack == []
    assert 'class="hl hl-decision"' in page and 'class="hl hl-attendee"' in page
    assert all(h[1:] in parser.ids for h in parser.links if h.startswith("#"))
    missing = CliRunner().invoke(app, ["show", str(tmp_path / "none.pdf"), "--html", str(out)])
    assert missing.exit_code == 1 and missing.output.startswith("Error: ")
