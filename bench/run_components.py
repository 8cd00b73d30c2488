"""Time the pipeline's stages one by one; record them in BENCHMARKS.md.

    python bench/run_components.py

The whole-import benchmark (bench/run_bench.py) says how fast referat is;
this one says where the time goes, stage by stage, on the bundled sample
documents in data/raw (best of several runs, one process, no workers):

- reading each format (.txt, .docx, .pdf) into document blocks, and for the
  PDF the share of that which is pdfplumber's own parsing;
- the Danish date grammar over 5,000 characters of minutes;
- extraction (spaCy pipeline + rules) of one document;
- saving one document's records in the store, and 1,000 synthetic documents
  of three organisations (people resolved across them) from scratch.

The figures replace the "Component timings" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic record builder the store tests use

from pipeline.dates import find_dates  # noqa: E402
from pipeline.extract import extract_record  # noqa: E402
from pipeline.ingest import pdf as pdf_reader  # noqa: E402
from pipeline.ingest import read_document  # noqa: E402
from pipeline.ingest.base import Limits  # noqa: E402
from pipeline.nlp import build_nlp  # noqa: E402
from pipeline.nlp.build import pipeline_name  # noqa: E402
from pipeline.store import Store  # noqa: E402

RAW = ROOT / "data" / "raw"
MINUTES = "komdir_hb_2022-01-14_referat"
SECTION = "## Component timings"


def best(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up: caches, compiled patterns
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(repeat: int) -> list[tuple[str, str, str]]:
    import pdfplumber

    from fixtures_records import synthetic

    rows: list[tuple[str, str, str]] = []
    limits = Limits()
    for ext in ("txt", "docx", "pdf"):
        path = RAW / f"{MINUTES}.{ext}"
        doc = read_document(path)
        t = best(lambda path=path: read_document(path), repeat)
        rows.append(
            (
                f"read .{ext} ({doc.pages} page{'s' if doc.pages != 1 else ''}, {len(doc.blocks)} blocks)",
                f"{t * 1000:.1f} ms",
                "",
            )
        )

    data = (RAW / f"{MINUTES}.pdf").read_bytes()

    def parse_only() -> None:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                _ = page.chars  # parse the page
                page.close()

    parse = best(parse_only, repeat)
    ours = best(lambda: pdf_reader.read(data, Path("x.pdf"), limits), repeat)
    rows.append(
        (
            "… of which pdfplumber parsing the pages",
            f"{parse * 1000:.1f} ms",
            f"layout work on top: {(ours - parse) * 1000:.1f} ms",
        )
    )

    text = (RAW / f"{MINUTES}.txt").read_text(encoding="utf-8")[:5000]
    reference = dt.date(2022, 1, 14)
    n_dates = len(find_dates(text, reference))
    t = best(lambda: find_dates(text, reference), repeat)
    rows.append(("date grammar, 5,000 characters", f"{t * 1000:.2f} ms", f"{n_dates} dates found"))

    start = time.perf_counter()
    nlp = build_nlp()
    rows.append(
        (
            f"build the spaCy pipeline ({pipeline_name(nlp)})",
            f"{(time.perf_counter() - start) * 1000:.0f} ms",
            "once per worker",
        )
    )
    doc = read_document(RAW / f"{MINUTES}.txt")
    t = best(lambda: extract_record(doc, nlp), repeat)
    rows.append(("extract one document (the 2022 minutes)", f"{t * 1000:.0f} ms", ""))

    records = synthetic(1000, seed=2)
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "r.db") as store:
            start = time.perf_counter()
            for built in records:
                built.save(store)
            total = time.perf_counter() - start
            people = store.conn.execute("SELECT count(*) FROM people").fetchone()[0]
    per_doc_ms = total * 1000 / len(records)
    rows.append(
        (
            "save 1,000 synthetic documents in a new store",
            f"{total:.1f} s",
            f"{per_doc_ms:.1f} ms per document; {people} people after merging name variants",
        )
    )
    return rows


def render(rows: list[tuple[str, str, str]], repeat: int) -> str:
    lines = [
        SECTION,
        "",
        f"`python bench/run_components.py` on {dt.date.today().isoformat()}, one process, best of {repeat} "
        "runs (the sample documents in data/raw). Where the time of one import goes:",
        "",
        "| stage | time | note |",
        "|---|---|---|",
    ]
    lines += [f"| {stage} | {t} | {note} |" for stage, t, note in rows]
    return "\n".join(lines) + "\n"


def write(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    head = text.split(f"\n{SECTION}\n")[0].rstrip("\n")
    path.write_text(head + "\n\n" + section, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs per stage; the best is kept")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    a = ap.parse_args()
    section = render(measure(a.repeat), a.repeat)
    write(a.out, section)
    print(section)


if __name__ == "__main__":
    main()
