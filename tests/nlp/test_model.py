"""The bundled Danish pipeline models/da_referat_sm: it loads, it parses, tags,
lemmatises and finds names, and the rule components keep the sentences; a
broken or missing model is one clear error, never a silent fallback."""

from __future__ import annotations

import json
import shutil

import pytest

from pipeline.errors import ModelError, ReferatError
from pipeline.nlp import build_nlp, pipeline_name
from pipeline.nlp.build import default_model_path, describe


def test_the_bundled_model_loads_and_is_described(model_nlp):
    assert default_model_path() is not None
    assert pipeline_name(model_nlp) == "da_referat_sm-0.1.0+rules"
    assert model_nlp.pipe_names[0] == "minutes_sentencizer" and model_nlp.pipe_names[-2:] == [
        "minutes_cues",
        "minutes_candidate_parser",
    ]
    for name in ("tok2vec", "morphologizer", "parser", "lemmatizer", "ner"):
        assert name in model_nlp.component_names
    assert model_nlp.disabled == ["parser"]  # it runs inside minutes_candidate_parser
    info = describe(model_nlp)
    assert info["path"] and info["version"] == "0.1.0"
    assert 0.8 < info["accuracy"]["pos_acc"] <= 1 and 0 < info["accuracy"]["ents_f"] <= 1


def test_a_subject_is_parsed(model_nlp):
    doc = model_nlp("Bestyrelsen godkendte budgettet.")
    assert [t.text for t in doc if t.dep_ == "nsubj"] == ["Bestyrelsen"]
    assert doc[1].dep_ == "ROOT" and doc[1].pos_ == "VERB"


def test_pos_and_lemma(model_nlp):
    doc = model_nlp("Mødet blev holdt i huset.")
    assert [t.pos_ for t in doc] == ["NOUN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"]
    assert [doc[1].lemma_, doc[2].lemma_, doc[4].lemma_] == ["blive", "holde", "hus"]


def test_an_obvious_danish_name_is_a_person(model_nlp):
    doc = model_nlp("Mette Frederiksen holdt en tale i København.")
    assert ("Mette Frederiksen", "PER") in {(e.text, e.label_) for e in doc.ents}
    doc = model_nlp("Jens Hansen fremlagde regnskabet for bestyrelsen.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Jens Hansen", "PER")]


@pytest.mark.parametrize(
    "text,sentences",
    [
        ("Pga. et sammenfald rykkes årsmødet til 20/5. Det blev aftalt.", 2),
        ("Svarraten var ca. 75% i uge 3. Det er godt.", 2),
        ("Mødet d. 3. marts blev holdt kl. 10.30 bl.a. med gæster.", 1),
        ("Punkt 3 Budget Jens fremlagde budgettet og det blev godkendt", 1),
    ],
)
def test_the_parser_keeps_the_rule_sentences(model_nlp, nlp, text, sentences):
    """minutes_sentencizer sets every boundary; the parser may not add or drop one."""
    ours, blank = model_nlp(text), nlp(text)
    assert [s.text for s in ours.sents] == [s.text for s in blank.sents]
    assert len(list(ours.sents)) == sentences


CANDIDATE_TEXTS = [
    "Knud laver et opslag til hjemmesiden. Vejret var fint. Bestyrelsen besluttede at købe en ny plæneklipper.",
    "Mødet sluttede kl. 21.",
    "Det regnede hele dagen. Anne og Bo undersøger priser inden næste møde.",
    "",
]


def test_the_parser_runs_on_candidate_sentences_only(model_nlp):
    """A sentence with a decision or task cue is parsed exactly as the parser on every
    sentence parses it; another sentence of its block gets a flat tree (root labelled
    UNPARSED, nothing else labelled); a block with no candidate no parse; the sentences
    are those of the rules in every case."""
    from pipeline.nlp.candidate_parser import UNPARSED, sentence_parsed

    full = build_nlp("da_referat_sm", parse_all=True)
    assert "parser" in full.pipe_names and "minutes_candidate_parser" not in full.pipe_names
    for a, b in zip(full.pipe(CANDIDATE_TEXTS), model_nlp.pipe(CANDIDATE_TEXTS)):
        assert [s.text for s in a.sents] == [s.text for s in b.sents]
        for sa, sb in zip(a.sents, b.sents):
            if sentence_parsed(sb):
                assert [(t.head.i, t.dep_) for t in sa] == [(t.head.i, t.dep_) for t in sb]
            elif b.has_annotation("DEP"):
                assert sb[0].dep_ == UNPARSED and all(t.dep_ == "" for t in sb[1:])
            else:
                assert all(t.dep_ == "" for t in sb)
    docs = list(model_nlp.pipe(CANDIDATE_TEXTS))
    assert [sentence_parsed(s) for s in docs[0].sents] == [True, False, True]
    assert not docs[1].has_annotation("DEP")
    assert [sentence_parsed(s) for s in docs[2].sents] == [False, True]


def test_the_default_is_the_measured_choice():
    """DEFAULT_PIPELINE is the rules until the model scores as well on every field (models/README.md)."""
    from pipeline.nlp.build import DEFAULT_PIPELINE

    expected = "blank:da+rules" if DEFAULT_PIPELINE == "blank" else "da_referat_sm-0.1.0+rules"
    assert pipeline_name(build_nlp()) == expected


def test_blank_is_the_rule_only_pipeline():
    blank = build_nlp("blank")
    assert pipeline_name(blank) == "blank:da+rules"
    assert "parser" not in blank.pipe_names and "ner" not in blank.pipe_names
    assert blank.pipe_names[0] == "minutes_sentencizer" and blank.pipe_names[-1] == "minutes_cues"


def test_a_bad_path_is_one_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no such model folder") as e:
        build_nlp(str(tmp_path / "nowhere"))
    assert "\n" not in str(e.value) and isinstance(e.value, ReferatError)


def test_a_missing_package_is_one_clear_error():
    with pytest.raises(ModelError, match="neither an installed spaCy package nor a model folder"):
        build_nlp("da_model_that_is_not_installed")


def test_a_broken_model_folder_is_one_clear_error(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(default_model_path(), broken)
    (broken / "ner" / "model").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot be loaded") as e:
        build_nlp(str(broken))
    assert "\n" not in str(e.value)


def test_meta_holds_the_held_out_figures():
    meta = json.loads((default_model_path() / "meta.json").read_text(encoding="utf-8"))
    for key in ("pos_acc", "morph_acc", "dep_uas", "dep_las", "lemma_acc", "ents_p", "ents_r", "ents_f"):
        assert 0 < meta["performance"][key] <= 1, key
    assert meta["license"] == "CC BY-SA 4.0"
