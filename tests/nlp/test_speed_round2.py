"""Issue 12, second round: the faster paths give what the plain ones gave.

- text_map_lines builds the lines pdfplumber's chars_to_textmap(...).extract_text_lines
  builds, the same dicts in the same order (seed PDFs and made-up characters);
- the cue matcher runs each key's Matcher only over the tokens a match can cover
  (from a possible first token as far as its longest pattern reaches) and finds
  what one Matcher of every pattern finds;
- the sentencizer, setting sentence starts from token texts in one from_array call,
  splits as the per-token version did.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfplumber.utils.text import chars_to_textmap
from spacy.matcher import Matcher
from spacy.tokens import Span

from pipeline.ingest import pdf as pdf_reader
from pipeline.nlp import build_nlp
from pipeline.nlp.components import _max_length, load_cue_patterns

SEED_PDFS = sorted((Path(__file__).resolve().parents[2] / "data" / "raw").glob("*.pdf"))


def _plumber(chars, y_tolerance=3.0):
    text_map = chars_to_textmap(chars, x_tolerance_ratio=pdf_reader.X_TOLERANCE_RATIO, y_tolerance=y_tolerance)
    return list(text_map.extract_text_lines(strip=True, return_chars=True))


def _char(text, x0, top, size=10.0, x1=None, fontname="Arial"):
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + 0.5 * size if x1 is None else x1,
        "top": top,
        "bottom": top + size,
        "doctop": top,
        "size": size,
        "fontname": fontname,
        "upright": True,
        "object_type": "char",
    }


def _word(text, x0, top, size=10.0):
    return [_char(ch, x0 + 5 * i, top, size) for i, ch in enumerate(text)]


MADE_UP = {
    "two lines, a tab gap": _word("Referat", 50, 100) + _word("side", 300, 100) + _word("Dagsorden", 50, 120),
    "tops chained within the tolerance": _word("a", 50, 100) + _word("b", 70, 102) + _word("c", 90, 104.5),
    "a space, a ligature, an empty text": _word("ab", 50, 100)
    + [_char(" ", 60, 100), _char("ﬁ", 65, 100), _char("", 70, 100)]
    + _word("cd", 75, 100),
    "out of order, a step back": _word("xyz", 200, 100) + _word("uvw", 50, 100.5) + _word("q", 10, 100),
    "a superscript a little higher": _word("Punkt", 50, 100) + [_char("1", 76, 97, size=6)] + _word("slut", 90, 100),
    "a blank line start": [_char("", 50, 100)] + _word("ord", 60, 100),
}


@pytest.mark.parametrize("name", sorted(MADE_UP))
@pytest.mark.parametrize("y_tolerance", [3.0, pdf_reader.BASELINE_EPS])
def test_text_map_lines_are_pdfplumbers_on_made_up_characters(name, y_tolerance):
    chars = MADE_UP[name]
    assert pdf_reader.text_map_lines(chars, y_tolerance) == _plumber(chars, y_tolerance)


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_text_map_lines_are_pdfplumbers_on_the_seed_pages(path):
    import pypdfium2

    doc = pypdfium2.PdfDocument(path.read_bytes())
    try:
        for page in doc:
            text_page = page.get_textpage()
            chars = [c for c in pdf_reader.pdfium_chars(page, text_page) if c["upright"]]
            for y_tolerance in (3.0, pdf_reader.BASELINE_EPS):
                assert pdf_reader.text_map_lines(chars, y_tolerance) == (_plumber(chars, y_tolerance) if chars else [])
            text_page.close()
            page.close()
    finally:
        doc.close()


def test_rotated_characters_go_to_pdfplumber():
    chars = _word("ab", 50, 100) + [{**_char("c", 70, 100), "upright": False}]
    assert pdf_reader.text_map_lines(chars) == _plumber(chars)


def test_max_length_of_a_pattern():
    assert _max_length([{"LOWER": "a"}, {"LOWER": "b"}]) == 2
    assert _max_length([{"LOWER": "a", "OP": "?"}, {"LOWER": "b", "OP": "{0,4}"}]) == 5
    assert _max_length([{"LOWER": "a", "OP": "{2}"}, {"OP": "{1,3}"}]) == 5
    assert _max_length([{"LOWER": "a"}, {"OP": "*"}]) is None
    assert _max_length([{"LOWER": "a", "OP": "+"}]) is None
    assert _max_length([{"LOWER": "a", "OP": "{2,}"}]) is None


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("blank")


def _one_matcher(nlp, doc) -> list[tuple]:
    matcher = Matcher(nlp.vocab)
    for row in load_cue_patterns():
        matcher.add(f"{row['label']}|{row['id']}", [row["pattern"]])
    spans = [
        Span(doc, s, e, label=lab, span_id=rule)
        for m, s, e in matcher(doc)
        for lab, rule in [nlp.vocab.strings[m].split("|", 1)]
    ]
    return [(s.label_, s.id_, s.start, s.end) for s in sorted(spans, key=lambda s: (s.start, -s.end))]


CUE_TEXTS = [
    "Formanden har lovet at sende referatet, og kassereren lovede at tjekke kontoen.",
    "Punktet sættes på dagsordenen til næste møde, hvor det behandles igen på det kommende møde.",
    "Sagen tages op igen. Forslaget blev vedtaget med 7 stemmer for og 2 imod. Forslaget faldt.",
    "Bestyrelsen besluttede at udsætte sagen; det blev besluttet, at Mette skal kontakte kommunen "
    "og at Ole sørger for at booke salen, mens budgettet er uændret og godkendt.",
    "Det indstilles, at udvalget godkender planen. Det forventes at blive dyrere. 5 stemte for.",
    "Aktion: Jens undersøger priser og vender tilbage til næste møde; Lise påtager sig at skrive.",
]


@pytest.mark.parametrize("text", CUE_TEXTS)
def test_windowed_cue_matching_finds_what_one_matcher_finds(nlp, text):
    doc = nlp(text)
    assert [(s.label_, s.id_, s.start, s.end) for s in doc.spans["cues"]] == _one_matcher(nlp, doc)


def _plain_sentence_starts(doc) -> list[bool]:
    """The per-token sentencizer of before (Token objects, token by token)."""
    from pipeline.nlp.components import ABBREVIATIONS, SENTENCE_END

    def ends(tok, prev):
        text = tok.text
        if text in SENTENCE_END:
            return not (prev is not None and prev.text.lower().rstrip(".") in ABBREVIATIONS and prev.whitespace_ == "")
        if text.endswith(".") and len(text) > 1:
            stem = text[:-1].lower()
            return not (stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()))
        return False

    def starts(tok):
        return tok.text[:1].isupper() or tok.text[:1] in {'"', "“", "»", "-", "–", "•"}

    out = [i == 0 for i in range(len(doc))]
    for i in range(len(doc) - 1):
        if ends(doc[i], doc[i - 1] if i else None) and starts(doc[i + 1]):
            out[i + 1] = True
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Mødet startede kl. 19. Alle var til stede. Referent: Kim.",
        "Der henvises til pkt. 4 og bl.a. budgettet! Næste møde d. 19. oktober. “Godt,” sagde hun.",
        "Vi drøftede f.eks. økonomien … – Ole spurgte. » Svar følger. A. Jensen kommer. OK?Ja.",
        "",
        ".",
    ],
)
def test_sentence_starts_are_those_of_the_per_token_version(nlp, text):
    doc = nlp(text)
    assert [bool(t.is_sent_start) for t in doc] == _plain_sentence_starts(doc)
