"""Issue 12, third round: the faster paths give what the plain ones gave.

- the cue matcher (word sequences matched on LOWER hashes, the other patterns' Matchers
  skipped when a word they need is missing) finds what one Matcher of every pattern finds,
  in the same order;
- the participant label and prose tests, built once from the lexicon, answer as the
  per-cue loops did;
- the owner finder's per-Doc token lists and memos follow a new Doc and a changed roster;
- find_dates, remembering each text's reading, hands every caller its own DateRange;
- the rule-based pipeline's lemmatizer is off (no extractor reads lemmas) and comes on
  when asked;
- pdfium's per-character and per-object calls without argtypes give what the typed
  calls give.
"""

from __future__ import annotations

import ctypes
import re
from datetime import date
from pathlib import Path

import pytest
from spacy.matcher import Matcher

from pipeline.extract import participant_labels as pl
from pipeline.extract.owners import OwnerFinder
from pipeline.extract.roster import Roster
from pipeline.lexicon import lexicon
from pipeline.nlp import build_nlp
from pipeline.nlp.components import _requirements, _word_sequence, load_cue_patterns

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"
SEED_PDFS = sorted(SEEDS.glob("*.pdf"))

TEXTS = [
    "Bestyrelsen godkendte budgettet, og det blev besluttet at udsætte punktet til næste møde.",
    "Forslaget faldt. Kontingentet er uændret. 5 stemte for, 2 imod.",
    "Peter skal kontakte kommunen og sende referatet ud. Vi vender tilbage til det på næste møde.",
    "Der var enighed om at arbejde videre med sagen. Det sættes på dagsordenen.",
    "Ved generalforsamlingsmødet den 12. maj blev Hanne Lund valgt som kasserer.",
    "Hvis forslaget bliver vedtaget, skal Søren have bestilt containeren inden fredag.",
    "Formand er Tove Rask. Kasserer blev Jens Bak. Der er ikke opnået enighed.",
    "Mette lovede at undersøge prisen, og Kaj har et møde med grundejerne.",
    "",
    "Ingen bemærkninger.",
]


def _one_matcher(nlp, doc) -> list[tuple]:
    """The cues as one Matcher of every pattern gives them, ordered by start, longest
    first, then by key in order of first appearance (what CueMatcher promises)."""
    matcher = Matcher(nlp.vocab)
    order: dict[str, int] = {}
    for row in load_cue_patterns():
        key = f"{row['label']}|{row['id']}"
        order.setdefault(key, len(order))
        matcher.add(key, [row["pattern"]])
    found = set()
    for match_id, start, end in matcher(doc):
        found.add((start, end, nlp.vocab.strings[match_id]))
    ordered = sorted(found, key=lambda m: (m[0], -m[1], order[m[2]]))
    return [(*key.split("|", 1), start, end) for start, end, key in ordered]


def _seed_texts() -> list[str]:
    from pipeline.ingest import read_document

    texts = []
    for path in sorted(SEEDS.iterdir()):
        texts += [b.text for b in read_document(path).blocks]
    return texts


def test_the_cue_matcher_finds_what_one_matcher_finds(nlp):
    texts = TEXTS + _seed_texts()
    found = 0
    for doc in nlp.pipe(texts):
        got = [(s.label_, s.id_, s.start, s.end) for s in doc.spans["cues"]]
        assert got == _one_matcher(nlp, doc), doc.text
        found += len(got)
    assert found > 50


def test_word_sequences_and_requirements_of_patterns(nlp):
    assert _word_sequence([{"LOWER": "vender"}, {"LOWER": {"IN": ["tilbage", "retur"]}}]) == [
        ["vender"],
        ["tilbage", "retur"],
    ]
    assert _word_sequence([{"LOWER": "a", "OP": "?"}]) is None
    assert _word_sequence([{"LOWER": "a"}, {"IS_PUNCT": True}]) is None
    assert _word_sequence([{"LOWER": {"REGEX": "^a"}}]) is None
    assert _word_sequence([{}]) is None
    h = nlp.vocab.strings.add
    need = _requirements(
        [
            {"LIKE_NUM": True},
            {"LOWER": {"IN": ["stemte", "stemmer"]}},
            {"LOWER": "ikke", "OP": "?"},
            {"LOWER": {"REGEX": "^for"}, "OP": "{1,2}"},
            {"LOWER": "x", "OP": "*"},
            {"LOWER": "y", "OP": "+"},
        ],
        nlp.vocab.strings,
    )
    assert [(hashes, rx.pattern if rx else None) for hashes, rx in need] == [
        (frozenset({h("stemte"), h("stemmer")}), None),
        (frozenset(), "^for"),
        (frozenset({h("y")}), None),
    ]


def _cue_status_plain(label: str):
    """_cue_status as it was: a loop over the cues and qualifiers on every call."""
    lx = lexicon()
    statuses = (
        (lx.participants_absent, "absent"),
        (lx.participants_present, "present"),
        (lx.participants_guest, "present"),
    )
    key = " ".join(re.sub(r"\(.*?\)", " ", pl._ZERO_WIDTH.sub(" ", label)).casefold().split()).strip(" :")
    for cues, status in statuses:
        if key in cues:
            return status
    words = key.split()
    for cues, status in statuses:
        if len(words) <= 5 and any(key.startswith(f"{c} {q} ") for c in cues for q in lx.participant_label_qualifiers):
            return status
    if len(words) <= 5 and words and words[0] == "fra" and words[-1] in lx.participants_present:
        return "present"
    if 1 <= len(words) <= 2 and words[-1].endswith(tuple(lx.participants_group_label_suffixes)):
        return "present"
    return None


def _prose_status_plain(clause: str, full: bool = True):
    low = " ".join(clause.casefold().split())
    lx = lexicon()
    table = [(lx.participants_absent_prose, "absent"), (lx.participants_present_here, "present")]
    if full:
        table.append((lx.participants_present_prose, "present"))
    for cues, status in table:
        if any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)(?!\s+(?:med|hos)\b)", low) for c in cues):
            return status
    return None


def _labels() -> list[str]:
    lx = lexicon()
    cues = lx.participants_absent + lx.participants_present + lx.participants_guest
    quals = lx.participant_label_qualifiers
    out = ["Til stede (digitalt)", "Afbud\u200b:", "Fra forvaltningen deltog", "Forældrerepræsentanter", "Referent"]
    for c in cues:
        out += [c, c.upper(), f"{c} (via Teams)", f"{c}:", f"{c} i alt", f"{c} af alle seks medlemmer i dag"]
        out += [f"{c} {q} bestyrelsen" for q in quals[:4]]
    return out


def test_participant_labels_answer_as_the_plain_loops():
    for label in _labels():
        assert pl._cue_status(label) == _cue_status_plain(label), label
    lx = lexicon()
    clauses = ["Hanne Lund deltog ikke", "Ole deltog med en kollega", "Der var ingen til stede"]
    for cue in lx.participants_absent_prose + lx.participants_present_here + lx.participants_present_prose:
        clauses += [f"Kim Sand {cue}.", f"{cue} hos Pia", f"x{cue}", f"Og så {cue} med Bo, men {cue}"]
    for clause in clauses:
        for full in (True, False):
            assert pl._prose_status(clause, full) == _prose_status_plain(clause, full), (clause, full)


def test_the_leading_cue_is_the_longest():
    lx = lexicon()
    longest = max(lx.participants_absent + lx.participants_present, key=len)
    assert pl._leading_cue(f"{longest} Bo Holm") == longest
    assert pl._leading_cue("Ingen cue her") is None


def test_cells_without_a_colon_are_not_cut():
    assert pl._cells("Dato: 3/2-21\tDeltagere: Ida, Bo Referent: Ida") == [
        ("Dato: 3/2-21", 0),
        ("Deltagere: Ida, Bo ", 13),
        ("Referent: Ida", 32),
    ]
    assert pl._cells("Ida Holm\tBo Sand") == [("Ida Holm", 0), ("Bo Sand", 9)]


def test_the_owner_finder_reads_each_doc_and_follows_the_roster(nlp):
    roster = Roster(names=["Ida Holm"])
    finder = OwnerFinder(roster, "bestyrelsen")
    first = nlp("Ida sender referatet. Legepladsudvalget og formanden ser på det.")
    names = [(m.name, m.kind) for s in first.sents for m in finder.mentions(s)]
    assert names == [("Ida Holm", "person"), ("legepladsudvalget", "group"), ("formanden", "body")]
    second = nlp("Bo Sand og IDA Holm kigger på sagen, og Pris- og vurderingsudvalget svarer.")
    assert [(m.start, m.end, m.name, m.kind) for s in second.sents for m in finder.mentions(s)][-1][3] == "group"
    roster.add("Bo Sand")  # the roster grows: the remembered resolutions go
    third = nlp("Bo kommer.")
    assert [m.name for s in third.sents for m in finder.mentions(s)] == ["Bo Sand"]


def test_find_dates_gives_every_caller_its_own_ranges():
    from pipeline.dates import find_dates

    ref = date(2024, 3, 12)
    one = find_dates("Næste møde er den 4. april kl. 17.", ref)
    one[0].range.start = date(1999, 1, 1)
    two = find_dates("Næste møde er den 4. april kl. 17.", ref)
    assert two[0].range.start == date(2024, 4, 4)
    assert two[0].range is not one[0].range and two is not one
    assert find_dates("Ingen datoer her.", ref) == []


def test_the_rule_pipeline_runs_no_lemmatizer_unless_asked():
    from pipeline.nlp.statement_model import lemmatizing

    blank = build_nlp("blank")
    assert "lemmatizer" not in blank.pipe_names and "lemmatizer" in blank.disabled
    assert blank("Vi holdt møderne")[2].lemma_ == ""
    with lemmatizing(blank, True):
        assert blank("Vi holdt møderne")[2].lemma_ == "møde"
    assert "lemmatizer" in blank.disabled
    with lemmatizing(blank, False):
        assert "lemmatizer" in blank.disabled
    lemmas = build_nlp("blank", lemmas=True)
    assert lemmas.pipe_names == ["minutes_sentencizer", "lemmatizer", "minutes_cues"]
    assert lemmas("Vi holdt møderne")[2].lemma_ == "møde"


def _typed_paths(parent, raw, form=False, depth=0):
    """The path objects of a page and its forms, through pypdfium2's typed bindings."""
    count = raw.FPDFFormObj_CountObjects(parent) if form else raw.FPDFPage_CountObjects(parent)
    for k in range(max(count, 0)):
        obj = raw.FPDFFormObj_GetObject(parent, k) if form else raw.FPDFPage_GetObject(parent, k)
        kind = raw.FPDFPageObj_GetType(obj) if obj else None
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 15:
            yield from _typed_paths(obj, raw, True, depth + 1)


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_untyped_pdfium_calls_give_what_the_typed_calls_give(path):
    import pypdfium2
    from pypdfium2 import raw

    from pipeline.ingest.pdf_chars import _fast
    from pipeline.ingest.pdf_paths import _paths

    f = _fast()
    doc = pypdfium2.PdfDocument(path.read_bytes())
    try:
        for page in doc:
            text_page = page.get_textpage()
            tp = ctypes.cast(text_page.raw, ctypes.c_void_p).value
            tpv = ctypes.c_void_p(tp)
            a, b = (ctypes.c_double(), ctypes.c_double()), (ctypes.c_double(), ctypes.c_double())
            box_a, box_b, m_a, m_b = f.FS_RECTF(), f.FS_RECTF(), f.FS_MATRIX(), f.FS_MATRIX()
            for i in range(text_page.count_chars()):
                assert f.char_object(tpv, i) == f.text_object(tp, i)
                assert f.char_generated(tpv, i) == f.generated(tp, i)
                f.char_origin(tpv, i, ctypes.byref(a[0]), ctypes.byref(a[1]))
                f.origin(tp, i, ctypes.byref(b[0]), ctypes.byref(b[1]))
                f.char_box(tpv, i, ctypes.byref(box_a))
                f.loose_box(tp, i, ctypes.byref(box_b))
                f.char_matrix(tpv, i, ctypes.byref(m_a))
                f.matrix(tp, i, ctypes.byref(m_b))
                assert (a[0].value, a[1].value) == (b[0].value, b[1].value)
                assert (box_a.left, box_a.right, box_a.bottom, box_a.top) == (
                    box_b.left,
                    box_b.right,
                    box_b.bottom,
                    box_b.top,
                )
                assert (m_a.a, m_a.b, m_a.c, m_a.d) == (m_b.a, m_b.b, m_b.c, m_b.d)
                assert f.char_font_size(tpv, i) == f.font_size(tp, i)
            typed = [ctypes.cast(obj, ctypes.c_void_p).value for obj in _typed_paths(page.raw, raw)]
            assert [ctypes.cast(obj, ctypes.c_void_p).value for obj, _ in _paths(page.raw, raw)] == typed
            text_page.close()
            page.close()
    finally:
        doc.close()
