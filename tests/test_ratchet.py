"""Accuracy ratchet: no document scores more than 0.01 below its committed figure.

tests/ratchet/shared_corpus.json holds the macro F1 of each real document of
../shared/corpus (43 minutes of 19 organisations; skipped when ../shared is
absent, as in a user's clone; marked slow, so `-m "not slow"` skips them and
CI runs them), tests/ratchet/tests_corpus.json the same for tests/corpus. After
an improvement, commit the new figures with

    python scripts/score_corpus.py --write-ratchet
    python scripts/score_corpus.py --raw tests/corpus --gold tests/corpus/expected \\
        --write-ratchet tests/ratchet/tests_corpus.json
    python scripts/score_corpus.py --raw tests/blind/raw --gold tests/blind/gold \\
        --write-ratchet tests/ratchet/blind.json
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import score_pair

REPO = Path(__file__).resolve().parents[1]
RATCHETS = REPO / "tests" / "ratchet"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
TOLERANCE = 0.01

SETS = {
    "shared_corpus": (SHARED_CORPUS / "raw", SHARED_CORPUS / "gold"),
    "tests_corpus": (REPO / "tests" / "corpus", REPO / "tests" / "corpus" / "expected"),
    "blind": (REPO / "tests" / "blind" / "raw", REPO / "tests" / "blind" / "gold"),
}


def _committed(name: str) -> dict[str, float]:
    path = RATCHETS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _cases() -> list:
    out = []
    for name, (raw, _gold) in SETS.items():
        for doc, floor in sorted(_committed(name).items()):
            marks = [pytest.mark.skipif(not raw.is_dir(), reason=f"{raw} is absent")]
            if name == "shared_corpus":  # 43 real documents, some scanned (OCR): ~40 s
                marks += [pytest.mark.shared, pytest.mark.slow]
            out.append(pytest.param(name, doc, floor, marks=marks, id=f"{name}/{doc}"))
    return out


def test_ratchet_files_cover_their_sets():
    for name, (raw, gold) in SETS.items():
        if not raw.is_dir():
            continue
        docs = {p.name for p in raw.iterdir() if (gold / f"{p.stem}.json").exists()}
        assert docs <= set(_committed(name)), f"{name}: not in the ratchet: {sorted(docs - set(_committed(name)))}"


@pytest.mark.parametrize("name,doc,floor", _cases())
def test_document_does_not_regress(nlp, name: str, doc: str, floor: float):
    from pipeline.extract import extract_record
    from pipeline.ingest import read_document

    raw, gold_dir = SETS[name]
    gold = json.loads((gold_dir / f"{Path(doc).stem}.json").read_text(encoding="utf-8"))
    pred = extract_record(read_document(raw / doc), nlp).to_gold_json()
    got = score_pair(gold, pred, name=doc).macro_f1
    assert got >= floor - TOLERANCE, f"{doc}: macro F1 {got:.3f} < committed {floor:.3f}"
