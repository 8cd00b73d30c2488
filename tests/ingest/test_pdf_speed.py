"""The speed changes of issue 12 give the same results as the plain versions: the cue
matcher run per pattern key, pdfium's character codes in one call, the bold-font
cache, and scanned pages OCR'd several at once (their lines in page order)."""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import pytest
from spacy.matcher import Matcher
from spacy.tokens import Span

from pipeline.ingest import ocr, pdf_page_lines
from pipeline.ingest import pdf as pdf_reader
from pipeline.ingest.base import Limits
from pipeline.ingest.layout import Line
from pipeline.nlp import build_nlp
from pipeline.nlp.components import _first_token_test, load_cue_patterns

DATA = Path(__file__).parents[1] / "data"
SEED_PDFS = sorted((Path(__file__).resolve().parents[2] / "data" / "raw").glob("*.pdf"))
SCAN = DATA / "legacy" / "komdir_hb_2020-09-17_dagsorden_scan.pdf"

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("blank")


def _one_matcher(nlp, doc) -> list[tuple]:
    """The cues as one Matcher of every pattern gives them (what CueMatcher did before)."""
    matcher = Matcher(nlp.vocab)
    for row in load_cue_patterns():
        matcher.add(f"{row['label']}|{row['id']}", [row["pattern"]])
    spans = []
    for match_id, start, end in matcher(doc):
        label, rule = nlp.vocab.strings[match_id].split("|", 1)
        spans.append(Span(doc, start, end, label=label, span_id=rule))
    return [(s.label_, s.id_, s.start, s.end) for s in sorted(spans, key=lambda s: (s.start, -s.end))]


def test_the_cue_matcher_per_key_finds_what_one_matcher_finds(nlp):
    texts = [
        "Bestyrelsen godkendte budgettet, og det blev besluttet at udsætte punktet til næste møde.",
        "Forslaget faldt. Kontingentet er uændret. 5 stemte for, 2 imod.",
        "Peter skal kontakte kommunen og sende referatet ud. Vi vender tilbage til det på næste møde.",
        "Der var enighed om at arbejde videre med sagen. Det sættes på dagsordenen.",
        "Ved generalforsamlingsmødet den 12. maj.",
        "",
        "Ingen bemærkninger.",
    ]
    for text in texts:
        doc = nlp(text)
        got = [(s.label_, s.id_, s.start, s.end) for s in doc.spans["cues"]]
        assert got == _one_matcher(nlp, doc), text
    first = nlp(texts[0])
    assert len(first.spans["cues"]) > 0


def test_first_token_tests():
    assert _first_token_test([{"LOWER": "vender"}, {"LOWER": "tilbage"}]) == ("words", {"vender"})
    assert _first_token_test([{"LOWER": {"IN": ["skal", "må"]}}]) == ("words", {"skal", "må"})
    assert _first_token_test([{"IS_SENT_START": True, "LOWER": {"IN": ["ok"]}}]) == ("words", {"ok"})
    assert _first_token_test([{"LOWER": {"REGEX": "forslag(et)?$"}}]) == ("regex", "forslag(et)?$")
    assert _first_token_test([{"LIKE_NUM": True}, {"LOWER": "stemte"}]) == ("number", None)
    assert _first_token_test([{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]) == ("words", {"a", "b"})
    assert _first_token_test([{"LOWER": "a", "OP": "?"}, {"IS_TITLE": True}]) == ("any", None)
    assert _first_token_test([{"LOWER": "a", "OP": "*"}]) == ("any", None)
    assert _first_token_test([{"IS_TITLE": True}]) == ("any", None)


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_character_codes_in_one_call_are_those_of_each_character(path):
    import pypdfium2

    f = pdf_reader._fast()
    doc = pypdfium2.PdfDocument(path.read_bytes())
    try:
        for page in doc:
            text_page = page.get_textpage()
            tp = ctypes.cast(text_page.raw, ctypes.c_void_p).value
            n = text_page.count_chars()
            assert pdf_reader._codes(f, tp, n) == [f.unicode(tp, i) for i in range(n)]
            text_page.close()
            page.close()
    finally:
        doc.close()


def test_the_bold_cache_agrees_and_stays_bounded(monkeypatch):
    monkeypatch.setattr(pdf_page_lines, "BOLD_CACHE", 3)
    pdf_reader._BOLD.clear()
    names = ["ABCDEF+Arial-BoldMT", "Calibri", "X+Foo-Semibold", "TimesNewRoman", "Heavy Sans", "arial"]
    assert [pdf_reader._is_bold(n) for n in names * 2] == [True, False, True, False, True, False] * 2
    assert len(pdf_reader._BOLD) <= 3


def _fake_ocr(page, number, limits):
    return [
        Line(
            text=f"Side {number} læst",
            page=number,
            x0=72,
            top=100,
            bottom=111,
            size=11,
            confidence=90.0 + number,
            group=(number, 1, 1),
        )
    ], 90.0 + number


@pytest.mark.parametrize("threads", [1, 3])
def test_scanned_pages_ocr_in_parallel_keep_page_order(monkeypatch, threads):
    monkeypatch.setattr(ocr, "ocr_page", _fake_ocr)
    limits = Limits(extra={"ocr_threads": threads})
    result = pdf_reader.read(SCAN.read_bytes(), Path("s.pdf"), limits)
    assert result.pages >= 2
    assert [b.text for b in result.blocks] == [f"Side {n} læst" for n in range(1, result.pages + 1)]
    assert result.ocr_confidence == pytest.approx(sum(90.0 + n for n in range(1, result.pages + 1)) / result.pages)


def test_ocr_pages_renders_in_the_caller_and_yields_in_order(monkeypatch):
    seen = []

    def fake(page, number, limits):
        seen.append(type(page).__name__)
        return [], float(number)

    monkeypatch.setattr(ocr, "ocr_page", fake)
    monkeypatch.setattr(ocr, "render", lambda page: (object(), 100.0, 200.0))
    out = list(ocr.ocr_pages([3, 1, 7, 5, 2], lambda k: f"page {k}", Limits(extra={"ocr_threads": 2})))
    assert [(n, mean) for n, _, mean in out] == [(3, 3.0), (1, 1.0), (7, 7.0), (5, 5.0), (2, 2.0)]
    assert set(seen) == {"Rendered"}


def test_ocr_threads_setting(monkeypatch):
    monkeypatch.delenv(ocr.THREADS_ENV, raising=False)
    assert ocr.ocr_threads(Limits(extra={"ocr_threads": 3})) == 3
    monkeypatch.setenv(ocr.THREADS_ENV, "2")
    assert ocr.ocr_threads(Limits()) == 2
    monkeypatch.setenv(ocr.THREADS_ENV, "x")
    assert ocr.ocr_threads(Limits()) == 1


def test_stage_timer_counts_each_second_once():
    import profile_stages

    timer = profile_stages.Timer()

    def inner():
        sum(range(200_000))

    def outer():
        sum(range(200_000))
        wrapped_inner()

    wrapped_inner = timer.wrap(inner, "inner")
    timer.wrap(outer, "outer")()
    assert set(timer.total) >= {"inner", "outer"}
    assert timer.calls == {"outer": 1, "inner": 1}
    assert all(v >= 0 for v in timer.total.values())
