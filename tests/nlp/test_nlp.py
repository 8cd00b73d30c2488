"""The spaCy pipeline: built explicitly, rule components as data, and the
extractors unchanged (never broken) when a pipeline adds entities."""

from __future__ import annotations

import pytest

from conftest import RAW
from pipeline.extract import extract_record
from pipeline.ingest import read_document
from pipeline.nlp import build_nlp, pipeline_name


def test_blank_pipeline_is_named_and_has_the_rule_components(nlp):
    assert pipeline_name(nlp) == "blank:da+rules"
    assert nlp.pipe_names[0] == "minutes_sentencizer" and nlp.pipe_names[-1] == "minutes_cues"


def test_asking_for_a_missing_model_says_so():
    with pytest.raises(OSError):  # ModelError, a ReferatError and an OSError
        build_nlp("da_model_that_is_not_installed")


@pytest.mark.parametrize(
    "text,sentences",
    [
        ("Pga. et sammenfald rykkes årsmødet til 20/5. Det blev aftalt.", 2),
        ("Svarraten var ca. 75% i uge 3. Det er godt.", 2),
        ("Mødet d. 3. marts blev holdt kl. 10.30 bl.a. med gæster.", 1),
    ],
)
def test_sentences_respect_danish_abbreviations(nlp, text, sentences):
    assert len(list(nlp(text).sents)) == sentences


def test_cue_spans_carry_label_and_rule(nlp):
    doc = nlp("Som aftalt på forrige møde besluttede bestyrelsen at Leif undersøger sagen.")
    cues = {(s.label_, s.id_) for s in doc.spans["cues"]}
    assert ("NOT_DECISION", "som_aftalt") in cues and ("DECISION", "beslutte") in cues
    assert ("ACTION", "task_verb") in cues


def test_entities_from_a_richer_pipeline_do_not_change_the_records(nlp):
    richer = build_nlp("blank")
    ruler = richer.add_pipe("entity_ruler", before="minutes_cues")
    ruler.add_patterns(
        [{"label": "PER", "pattern": [{"TEXT": "Stine"}, {"TEXT": "Johansen"}]}, {"label": "ORG", "pattern": "KOMDIR"}]
    )
    doc = read_document(RAW / "komdir_hb_2020-09-17_dagsorden.txt")
    plain, rich = extract_record(doc, nlp).to_gold_json(), extract_record(doc, richer).to_gold_json()
    for key in ("attendees", "absentees", "agenda_items", "decisions", "actions", "events"):
        assert rich[key] == plain[key], key
