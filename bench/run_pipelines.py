"""Words per second of each spaCy pipeline on the text the extractors give spaCy.

    python bench/run_pipelines.py                          # blank+rules and da_referat_sm, ../shared/corpus/raw
    python bench/run_pipelines.py --models blank da_referat_sm --dir FOLDER --repeat 3
    python bench/run_pipelines.py --components             # and CPU seconds per component
    python bench/run_pipelines.py --parse-all              # and each model with its parser on every sentence

The texts are the blocks of every document of the folder (pipeline.ingest.read_document,
table rows left out, as the statement extractor does), read once. Each pipeline is built
once (not timed) and runs `nlp.pipe(texts, batch_size=64)` over all of them; the figure is
the best of --repeat runs, in CPU time of this process (time.process_time: other jobs on a
shared machine change it little), as words (non-space tokens) per CPU second. With
--components each component is timed on its own over the same docs (the Docs are made by
the tokenizer first, then every component runs over all of them in pipeline order).
By default a model's parser runs only on sentences with a statement cue
(pipeline/nlp/candidate_parser.py); --parse-all times it on every sentence as well.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.errors import ReferatError  # noqa: E402
from pipeline.ingest import read_document  # noqa: E402
from pipeline.nlp import build_nlp  # noqa: E402
from pipeline.nlp.build import pipeline_name  # noqa: E402
from pipeline.types import BlockKind  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "corpus" / "raw"


def corpus_texts(folder: Path) -> list[str]:
    texts = []
    for p in sorted(folder.iterdir()):
        if not p.is_file():
            continue
        try:
            doc = read_document(p)
        except ReferatError:
            continue
        texts += [b.text for b in doc.blocks if b.kind != BlockKind.table_row and b.text.strip()]
    return texts


def time_pipe(nlp, texts: list[str], repeat: int) -> tuple[float, int]:
    best, words = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        words = sum(sum(not t.is_space for t in d) for d in nlp.pipe(texts, batch_size=64))
        best = min(best, time.process_time() - t0)
    return best, words


def time_components(nlp, texts: list[str]) -> list[tuple[str, float]]:
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    out = [("tokenizer", time.process_time() - t0)]
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=64))
        else:
            docs = [proc(d) for d in docs]
        out.append((name, time.process_time() - t0))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="documents to read (default ../shared/corpus/raw)")
    ap.add_argument("--models", nargs="+", default=["blank", "da_referat_sm"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--components", action="store_true", help="CPU seconds per component too")
    ap.add_argument(
        "--parse-all", action="store_true", help="also time each statistical pipeline with its parser on every sentence"
    )
    a = ap.parse_args(argv)
    if not a.dir.is_dir():
        print(f"Error: {a.dir}: no such folder", file=sys.stderr)
        return 2
    texts = corpus_texts(a.dir)
    print(f"{len(texts)} blocks of {a.dir}")
    print("| pipeline | components | words | CPU s | words/s |")
    print("|---|---|---|---|---|")
    per_component = {}
    runs = [(m, False) for m in a.models] + ([(m, True) for m in a.models if m != "blank"] if a.parse_all else [])
    for m, parse_all in runs:
        nlp = build_nlp(m, parse_all=parse_all)
        label = pipeline_name(nlp) + (" (parser on every sentence)" if parse_all else "")
        secs, words = time_pipe(nlp, texts, a.repeat)
        print(f"| {label} | {', '.join(nlp.pipe_names)} | {words:,} | {secs:.2f} | {words / secs:,.0f} |")
        if a.components:
            per_component[label] = time_components(nlp, texts)
    for name, rows in per_component.items():
        print(f"\n{name}: CPU s per component")
        for comp, secs in rows:
            print(f"  {comp:24s} {secs:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
