"""Extract a folder of real documents and score them against their gold JSON:
overall, per field, per format and per document, with the project's scorer
(pipeline.evaluate, which agrees with ../shared/tools/score.py).

    python scripts/score_corpus.py                      # ../shared/corpus, predictions in /tmp/referat-pred
    python scripts/score_corpus.py --raw R --gold G --pred OUT
    python scripts/score_corpus.py --write-ratchet      # commit the per-document figures (tests/ratchet/)
    python scripts/score_corpus.py --raw tests/corpus --gold tests/corpus/expected \
        --write-ratchet tests/ratchet/tests_corpus.json
    python scripts/score_corpus.py --only 139 --verbose # one document, with its misses and extras
    python scripts/score_corpus.py --model da_referat_sm --pred /tmp/pred-sm   # with the bundled model

A ratchet file (tests/ratchet/shared_corpus.json, tests_corpus.json) holds each document's
macro F1; tests/test_ratchet.py fails when a document drops more than 0.01
below it, so accuracy on real minutes never regresses silently.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
RATCHETS = ROOT / "tests" / "ratchet"
FIELDS = ("attendees", "absentees", "agenda_items", "agenda_owners", "decisions", "actions", "action_owners", "events")

_nlp = None
_model: str | None = None  # --model: None is build_nlp()'s default


def _set_model(model: str | None) -> None:
    global _model
    _model = model


def _extract(path: str) -> tuple[str, dict | None, str | None]:
    global _nlp
    from pipeline.errors import ReferatError
    from pipeline.extract import extract_record
    from pipeline.ingest import read_document
    from pipeline.nlp import build_nlp

    if _nlp is None:
        _nlp = build_nlp(_model)
    try:
        return path, extract_record(read_document(Path(path)), _nlp).to_gold_json(), None
    except ReferatError as e:
        return path, None, str(e)


def format_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def predict(paths: list[Path], workers: int, model: str | None = None) -> dict[Path, dict | None]:
    out: dict[Path, dict | None] = {}
    _set_model(model)
    results: Iterator[tuple[str, dict | None, str | None]]
    if workers <= 1:
        results = map(_extract, map(str, paths))
    else:
        pool = ProcessPoolExecutor(workers, initializer=_set_model, initargs=(model,))
        results = pool.map(_extract, map(str, paths))
    for p, pred, err in results:
        if err:
            print(f"Error: {p}: {err}", file=sys.stderr)
        out[Path(p)] = pred
    return out


def main(argv: list[str] | None = None) -> int:
    from pipeline.evaluate import format_scores, score_documents, score_pair

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, default=SHARED_CORPUS / "raw")
    ap.add_argument("--gold", type=Path, default=SHARED_CORPUS / "gold")
    ap.add_argument("--pred", type=Path, default=Path("/tmp/referat-pred"), help="where predictions are written")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", help="spaCy pipeline: blank, da_referat_sm, a package or a path (default: build_nlp's)")
    ap.add_argument("--only", nargs="*", help="document name prefixes to score")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    ap.add_argument("--per-doc", action="store_true", help="print each document's macro F1")
    ap.add_argument(
        "--write-ratchet",
        type=Path,
        nargs="?",
        const=RATCHETS / "shared_corpus.json",
        help="write per-document figures to this file (default tests/ratchet/shared_corpus.json)",
    )
    a = ap.parse_args(argv)
    if not a.raw.is_dir():
        print(f"Error: {a.raw}: no such folder", file=sys.stderr)
        return 2
    gold = {p.stem: p for p in a.gold.glob("*.json")}
    paths = sorted(p for p in a.raw.iterdir() if p.stem in gold)
    if a.only:
        paths = [p for p in paths if p.name.startswith(tuple(a.only))]
    preds = predict(paths, a.workers, a.model)
    a.pred.mkdir(parents=True, exist_ok=True)
    triples, per_format, per_doc = [], defaultdict(list), {}
    for p in paths:
        g = json.loads(gold[p.stem].read_text(encoding="utf-8"))
        pred = preds[p]
        if pred is not None:
            (a.pred / f"{p.stem}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
        triples.append((p.stem, g, pred))
        per_format[format_of(p)].append((p.stem, g, pred))
        per_doc[p.name] = score_pair(g, pred or {}, name=p.stem).macro_f1
    s = score_documents(triples)
    print(format_scores(s))
    print("\n| set | n | macro F1 | " + " | ".join(FIELDS) + " | meeting date |")
    print("|---|---|---|" + "---|" * (len(FIELDS) + 1))
    for label, tr in [("all", triples)] + sorted(per_format.items()):
        sc = score_documents(tr)
        md = sc.meeting_date
        print(
            f"| {label} | {len(tr)} | {sc.macro_f1:.3f} | "
            + " | ".join(f"{sc.f1(f):.2f}" for f in FIELDS)
            + f" | {md[0] / md[1] if md[1] else 1:.2f} |"
        )
    if a.per_doc:
        for name, f in per_doc.items():
            print(f"{f:.3f}  {name}")
    if a.verbose:
        print("\n".join(s.misses))
    if a.write_ratchet:
        a.write_ratchet.parent.mkdir(parents=True, exist_ok=True)
        a.write_ratchet.write_text(
            json.dumps({k: round(v, 3) for k, v in per_doc.items()}, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"wrote {a.write_ratchet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
