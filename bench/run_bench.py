"""Time `referat import` on N documents built from the seeds; write BENCHMARKS.md.

    python bench/run_bench.py --n 1000 --workers 2

Measures the first import (documents/s, pages/s), the peak resident memory of
the whole process tree (importer + workers, sampled every 50 ms with psutil),
and a second, unchanged import of the same folder. Needs only the project's
own dependencies.
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
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak RSS of the process tree in bytes, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root] + root.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    out = proc.stdout.read() if proc.stdout else ""
    return time.perf_counter() - start, peak, out


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

    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}, {platform.system()} {platform.release()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "bench.db"
        make(corpus, a.n)
        cmd = [sys.executable, "-m", "pipeline.cli", "import", str(corpus), "--db", str(db),
               "--workers", str(a.workers), "--quiet"]
        first, peak, out1 = run(cmd)
        second, peak2, out2 = run(cmd)
        with sqlite3.connect(db) as con:
            docs, pages = con.execute("SELECT count(*), sum(pages) FROM documents WHERE status='ok'").fetchone()
            failed = con.execute("SELECT count(*) FROM documents WHERE status='failed'").fetchone()[0]
    row = (f"| {dt.date.today().isoformat()} | {a.n} | {a.workers} | {docs} ok, {failed} failed | "
           f"{first:.1f} s | {docs / first:.1f} | {pages / first:.1f} | {max(peak, peak2) / 2**20:.0f} MB | "
           f"{second:.2f} s |")
    write(a.out, row, " ".join(["python", "bench/run_bench.py", "--n", str(a.n), "--workers", str(a.workers)]))
    print(out1.strip().splitlines()[-1] if out1.strip() else "", out2.strip().splitlines()[-1] if out2.strip() else "",
          row, sep="\n")


HEADER = """# Benchmarks

`bench/run_bench.py` builds N distinct documents from the seeds in data/raw
(a third each .txt, .docx, .pdf; see bench/make_corpus.py), imports them with
`referat import DIR --workers W --quiet` into a fresh database, then imports
the same folder again (every file unchanged). Peak memory is the resident
memory of the whole process tree (importer and workers), sampled every 50 ms.

Targets (issue #2, a 2-core machine): at least 8 documents/s for the seed mix
(1,000 in under 2 minutes), peak RSS under 1.5 GB, an unchanged re-import of
1,000 documents under 5 s.

| date | N | workers | result | first import | documents/s | pages/s | peak RSS | unchanged re-import |
|---|---|---|---|---|---|---|---|---|
"""


def write(path: Path, row: str, command: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if "| date |" not in text:
        text = HEADER
    lines = text.rstrip("\n").split("\n")
    table_end = max(i for i, line in enumerate(lines) if line.startswith("|"))
    lines.insert(table_end + 1, row)
    body = "\n".join(lines) + "\n"
    marker = "\n## Machine\n"
    body = body.split(marker)[0].rstrip("\n") + "\n" + marker + f"\n{machine()}\n\nCommand: `{command}`\n"
    path.write_text(body, encoding="utf-8")


if __name__ == "__main__":
    main()
