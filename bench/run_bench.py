"""Time `referat import` on N documents built from the seeds; record it in BENCHMARKS.md.

    python bench/run_bench.py --n 1000 --workers 2

Builds the corpus in a temporary folder (bench/make_corpus.py), imports it
with `python -m pipeline.cli import DIR --db NEW.db --workers W --quiet`,
then imports the same folder again (every file unchanged). For each run it
measures the wall time (process start to exit, so start-up and worker start
are included), documents/s and pages/s, the CPU seconds of the whole process
tree, and the peak memory: the largest resident set of any one process and
the peak of the sum over the tree (importer, fork server, workers; sampled
every 50 ms with psutil; the sum counts pages the processes share once per
process, so it is an upper bound). Needs only the project's dependencies
(and LibreOffice, if present, to make content-varied PDFs).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    wall: float
    cpu: float  # user+system seconds of the process tree
    peak_tree: int  # bytes
    peak_one: int  # bytes
    returncode: int
    stdout: str


def run(cmd: list[str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    root = psutil.Process(proc.pid)
    peak_tree = peak_one = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            tree = [root] + root.children(recursive=True)
        except psutil.Error:
            break
        total = 0
        for p in tree:
            try:
                rss = p.memory_info().rss
                t = p.cpu_times()
            except psutil.Error:
                continue
            total += rss
            peak_one = max(peak_one, rss)
            cpu[p.pid] = t.user + t.system
        peak_tree = max(peak_tree, total)
        time.sleep(0.05)
    out = proc.communicate()[0]
    return Run(time.perf_counter() - start, sum(cpu.values()), peak_tree, peak_one, proc.returncode, out)


def _burn(n: int) -> float:
    start = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - start


def parallel_speedup(workers: int, n: int = 10_000_000) -> float:
    """How many times one process's throughput `workers` CPU-bound processes get
    together (ideally `workers`; less on a shared or throttled machine)."""
    import multiprocessing as mp

    alone = _burn(n)
    with mp.get_context("spawn").Pool(workers) as pool:
        together = pool.map(_burn, [n] * workers)
    return workers * alone / max(together)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import spacy

    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.1f} GiB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"spaCy {spacy.__version__}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--formats", default="txt,docx,pdf")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--note", default="", help="a remark for the table row (e.g. which extractor)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "bench.db"
        t = time.perf_counter()
        make(corpus, a.n, formats=tuple(a.formats.split(",")))
        print(f"corpus: {a.n} documents in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        cmd = [sys.executable, "-m", "pipeline.cli", "import", str(corpus), "--db", str(db),
               "--workers", str(a.workers), "--quiet"]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        speedup = parallel_speedup(a.workers) if a.workers > 1 else 1.0
        first = run(cmd)
        second = run(cmd)
        with sqlite3.connect(db) as con:
            docs, pages = con.execute("SELECT count(*), coalesce(sum(pages), 0) FROM documents "
                                      "WHERE status = 'ok'").fetchone()
            failed = con.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0]
            pipeline = con.execute("SELECT max(pipeline) FROM documents").fetchone()[0]
    mb = 2**20
    row = (f"| {dt.date.today().isoformat()} | {a.n} ({a.formats.replace(',', '/')}) | {a.workers} | "
           f"{docs} ok, {failed} failed | {first.wall:.1f} s | {docs / first.wall:.1f} | {pages / first.wall:.1f} | "
           f"{first.cpu:.0f} s | {max(first.peak_one, second.peak_one) / mb:.0f} MB | "
           f"{max(first.peak_tree, second.peak_tree) / mb:.0f} MB | {second.wall:.2f} s | {load:.1f} | {speedup:.1f}× | "
           f"{pipeline}{'; ' + a.note if a.note else ''} |")
    command = f"python bench/run_bench.py --n {a.n} --workers {a.workers}"
    write(a.out, row, command)
    for r in (first, second):
        print(r.stdout.strip().splitlines()[0] if r.stdout.strip() else f"(exit {r.returncode}, no output)")
    print(row)


HEADER = """# Benchmarks

`bench/run_bench.py` builds N distinct documents from the seeds in data/raw
(.txt, .docx and .pdf in turn, with renamed people, moved dates, changed
figures and shuffled bullets; the PDFs are LibreOffice renderings of varied
.docx files, like the seed PDFs; see bench/make_corpus.py), imports them with
`python -m pipeline.cli import DIR --workers W --quiet` into a fresh
database, then imports the same folder again (every file unchanged).

- *first import*: wall time of the whole command (start-up, worker start,
  reading, extraction, writing); documents/s and pages/s over that time.
- *CPU*: user+system seconds of the process tree during the first import.
- *peak RSS, one process*: the largest resident set of any one process
  (importer or a worker); *tree*: the peak of the sum over all processes
  (an upper bound: pages shared between processes count once per process).
- *load*: the 1-minute load average before the run; other work on the machine
  slows the figures down (compare CPU seconds, which it affects less).
- *parallel*: the throughput W CPU-bound processes get together, in units of
  one process alone (a pure-Python loop, measured just before the import):
  W on a machine with W free cores; on a shared or throttled VM it can be
  near 1, and the importer cannot be faster than that allows.

Targets (issue #2, a 2-core machine): at least 8 documents/s for the seed mix
(1,000 in under 2 minutes), peak RSS under 1.5 GB, an unchanged re-import of
1,000 documents under 5 s.

| date | N | workers | result | first import | documents/s | pages/s | CPU | peak RSS, one process | peak RSS, tree | unchanged re-import | load | parallel | pipeline |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
"""


def write(path: Path, row: str, command: str) -> None:
    """Append `row` to the table (a new file gets the header) and refresh the machine section."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if "| date |" not in text:
        text = HEADER
    components = text.split("\n## Component timings\n", 1)[1] if "\n## Component timings\n" in text else None
    body = text.split("\n## Machine\n")[0].rstrip("\n")
    lines = body.split("\n")
    table_end = max(i for i, line in enumerate(lines) if line.startswith("|"))
    lines.insert(table_end + 1, row)
    body = "\n".join(lines) + "\n"
    text = body + f"\n## Machine\n\n{machine()}\n\nLast command: `{command}`\n"
    if components is not None:  # written by bench/run_components.py: keep it
        text += "\n## Component timings\n" + components
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
