"""The statement model (models/statements/model, pipeline/nlp/statement_model.py): the
committed model loads and tells a decision, an action and neither apart in synthetic
Danish minutes; a missing or broken model is one log line and the rules stand alone."""

from __future__ import annotations

import logging

import pytest

from pipeline.nlp.statement_model import (
    MODEL_DIR,
    candidates,
    load_statement_model,
    review,
    score,
    score_sentences,
)
from pipeline.types import BlockKind, Decision, Provenance, RawBlock, SourceDocument

DECISION = "Bestyrelsen vedtog enstemmigt budgettet for 2025."
ACTION = "Mette undersøger priser på nye borde og vender tilbage til næste møde."
NEITHER = "Kaffen var god, og vejret var fint hele aftenen."


@pytest.fixture(scope="module")
def model():
    m = load_statement_model()
    assert m is not None, f"the committed statement model in {MODEL_DIR} does not load"
    return m


def _document(paragraphs: list[str]) -> SourceDocument:
    raw = [RawBlock(kind=BlockKind.heading, text="1. Budget", level=1, page=1)]
    raw += [RawBlock(kind=BlockKind.paragraph, text=t, page=1) for t in paragraphs]
    return SourceDocument.from_blocks(raw, doc_id="0" * 64, path="x.txt", name="x.txt", format="txt", reader="test")


def test_the_committed_model_loads(model):
    assert model.nlp.pipe_names == ["textcat_multilabel"]
    assert set(model.nlp.get_pipe("textcat_multilabel").labels) == {"decision", "action"}
    assert set(model.thresholds) == {"decision", "action"}
    assert (model.nlp.meta.get("referat") or {}).get("training_data", {}).get("real_docs", 0) > 0


def test_free_sentences_are_told_apart(model, nlp):
    dec, act, nei = score_sentences(model, nlp, [DECISION, ACTION, NEITHER])
    assert dec["decision"] > 0.5 and dec["decision"] > act["decision"] and dec["decision"] > nei["decision"]
    assert act["action"] > 0.5 and act["action"] > dec["action"] and act["action"] > nei["action"]
    assert nei["decision"] < 0.5 and nei["action"] < 0.5


def test_sentences_of_a_document_with_the_rules_features(model, nlp):
    from pipeline.extract import extract_record

    doc = _document([DECISION, ACTION, NEITHER])
    record = extract_record(doc, nlp)
    zones = [("1", [b for b in doc.blocks if b.kind == BlockKind.paragraph])]
    cands = candidates(nlp, zones, record.decisions, record.actions)
    assert [c.text for c in cands] == [DECISION, ACTION, NEITHER]
    assert "__rd_none" not in cands[0].tokens  # the rules made it a decision: the model sees that
    dec, act, nei = score(model, cands)
    assert dec["decision"] > 0.5 > nei["decision"]
    assert act["action"] > 0.5 > nei["action"]


def test_review_drops_and_adds_by_the_thresholds(nlp, model):
    doc = _document([DECISION, NEITHER])
    b1, b2 = doc.blocks[1], doc.blocks[2]
    rule = Decision(
        item="1", text=NEITHER, provenance=Provenance(doc_id="0", start=b2.start, end=b2.end, rule="x", page=1)
    )
    cands = candidates(nlp, [("1", [b1, b2])], [rule], [])
    scores = [{"decision": 0.9, "action": 0.0}, {"decision": 0.01, "action": 0.0}]
    th: dict[str, dict[str, float | None]] = {
        "decision": {"drop": 0.1, "add": 0.8},
        "action": {"drop": None, "add": None},
    }
    decisions, actions = review(model, cands, [rule], [], scores, th)
    assert [d.text for d in decisions] == [DECISION] and decisions[0].provenance.rule == "decision.model"
    assert actions == []
    off: dict[str, dict[str, float | None]] = {
        "decision": {"drop": None, "add": None},
        "action": {"drop": None, "add": None},
    }
    assert review(model, cands, [rule], [], scores, off) == ([rule], [])


def test_a_missing_model_is_one_log_line_and_the_rules_stand(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="pipeline.nlp.statement_model"):
        assert load_statement_model(tmp_path / "nowhere") is None
    assert len(caplog.records) == 1 and "rules only" in caplog.records[0].getMessage()
    rule = Decision(item="1", text=DECISION, provenance=Provenance(doc_id="0", start=0, end=10, rule="x", page=1))
    assert review(None, [], [rule], []) == ([rule], [])


def test_a_broken_model_is_one_log_line(tmp_path, caplog):
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "config.cfg").write_text("[nlp]\nlang = \n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="pipeline.nlp.statement_model"):
        assert load_statement_model(tmp_path) is None
    assert len(caplog.records) == 1 and "cannot be loaded" in caplog.records[0].getMessage()
