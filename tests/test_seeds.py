"""The bundled seed documents in every format against their hand annotations.

Done-when of the core pipeline: macro F1 >= 0.90 per rendition (.txt, .docx,
.pdf), measured with the project's own scorer (pipeline.evaluate), and the
three renditions of one document give the same records.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXPECTED, RAW, SHARED, needs_shared
from pipeline.evaluate import score_documents
from pipeline.extract import extract_record
from pipeline.ingest import read_document

STEMS = ["komdir_hb_2020-09-17_dagsorden", "komdir_hb_2022-01-14_referat"]
FORMATS = ["txt", "docx", "pdf"]


@pytest.fixture(scope="module")
def predictions(nlp):
    return {
        (stem, fmt): extract_record(read_document(RAW / f"{stem}.{fmt}"), nlp).to_gold_json()
        for stem in STEMS
        for fmt in FORMATS
    }


def expected(stem):
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_macro_f1_per_format(predictions, fmt):
    scores = score_documents((stem, expected(stem), predictions[(stem, fmt)]) for stem in STEMS)
    assert scores.macro_f1 >= 0.90, "\n".join(scores.misses)


def _comparable(pred):
    return {
        "meeting": {k: pred["meeting"][k] for k in ("kind", "title", "date", "mode", "body")},
        "attendees": pred["attendees"],
        "absentees": pred["absentees"],
        "agenda": [(a["number"], a["title"], a["owner"]) for a in pred["agenda_items"]],
        "decisions": [(d["item"], " ".join(d["text"].split())) for d in pred["decisions"]],
        "actions": [(a["item"], " ".join(a["text"].split()), a["owners"]) for a in pred["actions"]],
        "events": [(e["date"], e.get("end")) for e in pred["events"]],
    }


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_same_records_in_every_format(predictions, stem, fmt):
    assert _comparable(predictions[(stem, fmt)]) == _comparable(predictions[(stem, "txt")])


@needs_shared
def test_bundled_annotations_equal_shared_gold():
    for stem in STEMS:
        assert expected(stem) == json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


@needs_shared
@pytest.mark.parametrize("fmt", FORMATS)
def test_own_scorer_agrees_with_shared_score_py(predictions, fmt, tmp_path):
    for stem in STEMS:
        (tmp_path / f"{stem}.json").write_text(
            json.dumps(predictions[(stem, fmt)], ensure_ascii=False), encoding="utf-8"
        )
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score.py"),
            "--gold",
            str(SHARED / "gold"),
            "--pred",
            str(tmp_path),
            "--json",
            str(tmp_path / "s.json"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads((tmp_path / "s.json").read_text())
    ours = score_documents((stem, expected(stem), predictions[(stem, fmt)]) for stem in STEMS).rows()
    for field in (
        "attendees",
        "absentees",
        "agenda_items",
        "agenda_owners",
        "decisions",
        "actions",
        "action_owners",
        "events",
    ):
        assert ours[field]["f1"] == theirs[field]["f1"], (field, out.stdout)
    assert ours["overall"]["macro_f1"] == theirs["overall"]["macro_f1"]


def test_seed_meetings_share_an_organisation_and_people_merge(tmp_path, nlp):
    from pipeline.analyst.query import people
    from pipeline.process import run_import
    from pipeline.store import Store

    with Store(tmp_path / "r.db") as store:
        run_import([RAW], store, workers=0, nlp=nlp)
    df = people(tmp_path / "r.db")
    henriks = df[df["name"].str.startswith("Henrik")]
    assert len(henriks) == 2  # Kruise/Kruse are one person, Winther another
    merged = henriks[henriks["variants"].str.contains("Kruse") & henriks["variants"].str.contains("Kruise")]
    assert len(merged) == 1
