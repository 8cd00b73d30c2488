"""Time `referat import` on N real-layout documents, and markitdown on the same files;
record it in BENCHMARKS.md.

    python bench/run_bench.py --n 100,1000 --workers 2          # real layouts (default)
    python bench/run_bench.py --n 1000 --cluster local:2        # the same on a Dask LocalCluster
    python bench/run_bench.py --n 1000 --seeds                  # the earlier seed-mix corpus
    python bench/run_bench.py --writer                          # the single SQLite writer's ceiling
    python bench/run_bench.py --smoke                           # 50 documents, no timing claims (CI)

For each N it builds the corpus in a temporary folder (bench/make_corpus.py:
--real variants of ../shared/corpus/raw, or data/raw when that is absent),
imports it with `python -m pipeline.cli import DIR --db NEW.db --workers W
--quiet` (or `--cluster SPEC`), then imports the same folder again (every file
unchanged), then converts the same files with markitdown (the `bench` extra)
in W processes (each builds one MarkItDown and converts its share), and
prints the ratio of the two times. For each run it measures the wall time
(process start to exit, so start-up and worker start are included),
documents/s and pages/s, the CPU seconds of the whole process tree, the
peak of the summed RSS of the process tree (importer, fork server, workers,
Dask scheduler and nannies; sampled every 50 ms with psutil; pages the
processes share count once per process, so it is an upper bound), and the
database size. The 1-minute load average is recorded before and after.
A chart of time against N (bench/scaling.png) is redrawn from the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make, make_real, real_source  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHART = ROOT / "bench" / "scaling.png"
SMOKE_N = 50
REAL_SECTION = "## Real-layout corpus (issue 12)"
WRITER_SECTION = "## The single SQLite writer's ceiling"


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

    return (
        f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.1f} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}"
    )


def load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def db_counts(db: Path) -> tuple[int, int, int, str]:
    with sqlite3.connect(db) as con:
        docs, pages = con.execute(
            "SELECT count(*), coalesce(sum(pages), 0) FROM documents WHERE status = 'ok'"
        ).fetchone()
        failed = con.execute("SELECT count(*) FROM documents WHERE status = 'failed'").fetchone()[0]
        pipeline = con.execute("SELECT max(pipeline) FROM documents").fetchone()[0] or ""
    return docs, pages, failed, pipeline


def db_size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


# ------------------------------------------------------------------ markitdown


def have_markitdown() -> bool:
    try:
        import markitdown  # noqa: F401
    except ImportError:
        return False
    return True


_MD = None


def _md_init() -> None:
    global _MD
    import logging
    import warnings

    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    from markitdown import MarkItDown

    _MD = MarkItDown()


def _md_convert(path: str) -> tuple[bool, int]:
    try:
        return True, len(_MD.convert(path).text_content or "")
    except Exception:  # noqa: BLE001 - counted as failed
        return False, 0


def markitdown_main(folder: Path, workers: int) -> None:
    """(run as a subprocess) Convert every file in `folder` with markitdown; print a JSON summary."""
    import multiprocessing as mp

    files = sorted(str(p) for p in folder.iterdir() if p.is_file())
    if workers <= 1:
        _md_init()
        results = [_md_convert(f) for f in files]
    else:
        with mp.get_context("forkserver").Pool(workers, initializer=_md_init) as pool:
            results = pool.map(_md_convert, files, chunksize=4)
    print(json.dumps({"files": len(files), "ok": sum(ok for ok, _ in results), "chars": sum(n for _, n in results)}))


def run_markitdown(folder: Path, workers: int) -> tuple[Run, dict]:
    r = run(
        [sys.executable, str(Path(__file__).resolve()), "--_markitdown", str(folder), "--workers", str(max(1, workers))]
    )
    try:
        info = json.loads(r.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        info = {"files": 0, "ok": 0, "chars": 0}
    return r, info


# ------------------------------------------------------------------ one size


def bench_size(
    n: int,
    workers: int,
    cluster: str | None,
    seeds: bool,
    markitdown: bool,
    formats: str = "txt,docx,pdf",
    ocr: bool = True,
) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "bench.db"
        t = time.perf_counter()
        if seeds:
            make(corpus, n, formats=tuple(formats.split(",")))
        else:
            make_real(corpus, n)
        built = time.perf_counter() - t
        print(f"corpus: {n} documents in {built:.0f} s (load {load():.1f})", file=sys.stderr)
        cmd = [sys.executable, "-m", "pipeline.cli", "import", str(corpus), "--db", str(db), "--quiet"]
        cmd += ["--cluster", cluster] if cluster else ["--workers", str(workers)]
        cmd += [] if ocr else ["--no-ocr"]
        load_before = load()
        first = run(cmd)
        second = run(cmd)
        docs, pages, failed, pipeline = db_counts(db)
        size = db_size(db)
        md = md_info = None
        if markitdown:
            md, md_info = run_markitdown(corpus, workers if not cluster else _cluster_workers(cluster))
        load_after = load()
    return dict(
        n=n,
        workers=workers,
        cluster=cluster,
        ocr=ocr,
        first=first,
        second=second,
        docs=docs,
        pages=pages,
        failed=failed,
        pipeline=pipeline,
        size=size,
        md=md,
        md_info=md_info,
        load_before=load_before,
        load_after=load_after,
        built=built,
    )


def _cluster_workers(cluster: str) -> int:
    m = re.fullmatch(r"local:(\d+)", cluster)
    return int(m.group(1)) if m else os.cpu_count() or 1


def summary_lines(r: dict) -> list[str]:
    first, second, md = r["first"], r["second"], r["md"]
    out = [
        f"import: {first.stdout.strip().splitlines()[-1] if first.stdout.strip() else f'exit {first.returncode}'}",
        f"unchanged re-import: {second.wall:.2f} s "
        f"({second.stdout.strip().splitlines()[-1] if second.stdout.strip() else f'exit {second.returncode}'})",
        f"documents/s {r['docs'] / first.wall:.1f}, pages/s {r['pages'] / first.wall:.1f}, CPU {first.cpu:.0f} s, "
        f"peak RSS tree {first.peak_tree / 2**20:.0f} MB, database {r['size'] / 2**20:.1f} MB",
    ]
    if md is not None:
        out.append(
            f"markitdown: {r['md_info']['ok']}/{r['md_info']['files']} files in {md.wall:.1f} s "
            f"(CPU {md.cpu:.0f} s); referat/markitdown documents/s ratio {md.wall / first.wall:.2f}x "
            f"(by CPU seconds {md.cpu / max(first.cpu, 1e-9):.2f}x)"
        )
    elif r.get("markitdown_wanted", True):
        out.append("markitdown: not installed (pip install -e '.[bench]'): column skipped")
    else:
        out.append("markitdown: skipped (--no-markitdown)")
    out.append(f"load: {r['load_before']:.1f} before, {r['load_after']:.1f} after")
    return out


def real_row(r: dict, note: str) -> str:
    first, second, md = r["first"], r["second"], r["md"]
    mb = 2**20
    mode = f"Dask {r['cluster']}" if r["cluster"] else f"{r['workers']} processes"
    mode += "" if r["ocr"] else ", --no-ocr"
    md_cell = (
        f"{md.wall:.1f} s ({r['md_info']['ok']}/{r['md_info']['files']} ok, CPU {md.cpu:.0f} s)"
        if md is not None
        else "not installed"
        if r.get("markitdown_wanted", True)
        else "not run"
    )
    ratio = f"{md.wall / first.wall:.2f}× (CPU {md.cpu / max(first.cpu, 1e-9):.2f}×)" if md is not None else "–"
    return (
        f"| {dt.date.today().isoformat()} | {r['n']} | {mode} | {r['docs']} ok, {r['failed']} failed | "
        f"{first.wall:.1f} s | {r['docs'] / first.wall:.1f} | {r['pages'] / first.wall:.1f} | {first.cpu:.0f} s | "
        f"{max(first.peak_tree, second.peak_tree) / mb:.0f} MB | {r['size'] / mb:.1f} MB | {second.wall:.2f} s | "
        f"{md_cell} | {ratio} | {r['load_before']:.1f} → {r['load_after']:.1f} | "
        f"{r['pipeline']}{'; ' + note if note else ''} |"
    )


def seed_row(r: dict, formats: str, speedup: float, note: str) -> str:
    first, second = r["first"], r["second"]
    mb = 2**20
    return (
        f"| {dt.date.today().isoformat()} | {r['n']} ({formats.replace(',', '/')}) | {r['workers']} | "
        f"{r['docs']} ok, {r['failed']} failed | {first.wall:.1f} s | {r['docs'] / first.wall:.1f} | "
        f"{r['pages'] / first.wall:.1f} | {first.cpu:.0f} s | {max(first.peak_one, second.peak_one) / mb:.0f} MB | "
        f"{max(first.peak_tree, second.peak_tree) / mb:.0f} MB | {second.wall:.2f} s | {r['load_before']:.1f} | "
        f"{speedup:.1f}× | {r['pipeline']}{'; ' + note if note else ''} |"
    )


REAL_INTRO = """{title}

`python bench/run_bench.py --n N` builds N documents from the real minutes in
../shared/corpus/raw (43 files of 20-odd organisations: text-layer and scanned
PDFs, .docx, .md, .txt, dagsorden-portal .json), document i a copy of file
i mod 43 with small changes that keep its layout (bench/make_corpus.py
--real: renamed people, moved years and changed figures in text, .docx and
JSON; an incremental update with a metadata entry and, where page 1 has a
literal string with digits, one changed digit in PDFs), imports them, imports
them again (all unchanged), and converts the same files with markitdown
0.1.x in the same number of processes. *ratio* is markitdown's time over
referat's for the same files (above 1: referat is faster, although it does
the whole extraction and markitdown only converts to text); in brackets the
same ratio of CPU seconds, which the other jobs on a shared machine distort
less than the wall time. *peak RSS* is
the peak of the sum over the process tree (an upper bound). *load* is the
1-minute load average before and after the run, on a 2-core machine shared
with other jobs: at a load far above 2 every figure is slowed down by the
other work (the CPU seconds are affected less). Rows with *Dask* ran
`--cluster local:N` (a LocalCluster of N worker processes, one thread each;
start-up of the scheduler and the workers included).

![time against corpus size](bench/scaling.png)

| date | N | workers | result | first import | documents/s | pages/s | CPU | peak RSS, tree | database | unchanged re-import | markitdown, same files | ratio | load | pipeline |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
"""

WRITER_INTRO = """{title}

`python bench/run_bench.py --writer`: the importer has one writer (the parent
process; with `--cluster` the client), so past some number of workers the
store is the bottleneck. This times `Store.save` alone: the real corpus is
extracted once in one process (without OCR), then 1,000 of its records (each
under its own path and SHA-256) are saved in a loop into a new database, one
transaction per document as in an import. A cluster whose workers together
deliver more documents/s than this needs a second store (sharded databases
merged afterwards, or a server database).

| date | records | time | documents/s | ms per document | database | load |
|---|---|---|---|---|---|---|
"""


def writer_ceiling(count: int = 1000) -> str:
    """Save `count` pre-extracted real records in a loop; a table row."""
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import Limits
    from pipeline.nlp import build_nlp
    from pipeline.process import process_file
    from pipeline.store import Store

    nlp = build_nlp(None)
    src = real_source()
    outcomes = [
        o
        for p in sorted(src.iterdir())
        if p.is_file()
        for o in [process_file(p, nlp, Limits(ocr=False))]
        if o.record is not None
    ]
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.db"
        with Store(db) as store:
            t = time.perf_counter()
            for i in range(count):
                o = outcomes[i % len(outcomes)]
                rec = o.record.model_copy(
                    update={"path": f"copy{i:05d}/{o.record.path}", "doc_id": f"{i:08x}{o.record.doc_id[8:]}"}
                )
                store.save(rec, o.meta())
            took = time.perf_counter() - t
        size = db_size(db)
    after = load()
    print(
        f"Store.save: {count} real records ({len(outcomes)} distinct) in {took:.2f} s = "
        f"{count / took:.0f} documents/s ({1000 * took / count:.1f} ms each); load {before:.1f} -> {after:.1f}"
    )
    return (
        f"| {dt.date.today().isoformat()} | {count} (copies of {len(outcomes)} real records) | {took:.2f} s | "
        f"{count / took:.0f} | {1000 * took / count:.1f} | {size / 2**20:.1f} MB | {before:.1f} → {after:.1f} |"
    )


# ------------------------------------------------------------------ BENCHMARKS.md


def write(path: Path, row: str, command: str, section: str | None = None, intro: str = "") -> None:
    """Append `row` to the table of `section` (None: the first, seed-mix table), creating the
    section before "## Machine" when missing, and refresh the machine section."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if "| date |" not in text:
        text = HEADER
    components = text.split("\n## Component timings\n", 1)[1] if "\n## Component timings\n" in text else None
    body = text.split("\n## Machine\n")[0].rstrip("\n")
    parts = re.split(r"\n(?=## )", body)  # parts[0]: title and the seed-mix table
    index = 0
    if section is not None:
        index = next((i for i, p in enumerate(parts) if p.startswith(section + "\n")), -1)
        if index < 0:
            parts.append(intro.format(title=section).rstrip("\n"))
            index = len(parts) - 1
    lines = parts[index].rstrip("\n").split("\n")
    table_end = max(i for i, line in enumerate(lines) if line.startswith("|"))
    lines.insert(table_end + 1, row)
    parts[index] = "\n".join(lines)
    body = "\n\n".join(p.rstrip("\n") for p in parts) + "\n"
    text = body + f"\n## Machine\n\n{machine()}\n\nLast command: `{command}`\n"
    if components is not None:  # written by bench/run_components.py: keep it
        text += "\n## Component timings\n" + components
    path.write_text(text, encoding="utf-8")


def chart(md_path: Path, png: Path = CHART) -> None:
    """Wall time and CPU seconds against N from the real-layout table (the latest row per N
    and mode), with a dotted line for linear growth from the smallest N."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = md_path.read_text(encoding="utf-8")
    if REAL_SECTION not in text:
        return
    table = text.split(REAL_SECTION, 1)[1].split("\n## ", 1)[0]
    wall: dict[str, dict[int, float]] = {}
    cpu: dict[str, dict[int, float]] = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) < 13 or not cells[1].isdigit():
            continue
        n, mode = int(cells[1]), cells[2]
        wall.setdefault(f"referat, {mode}", {})[n] = float(cells[4].split()[0])
        cpu.setdefault(f"referat, {mode}", {})[n] = float(cells[7].split()[0])
        md = re.match(r"([\d.]+) s \(.*CPU ([\d.]+) s\)", cells[11])
        if md and not mode.startswith("Dask"):
            wall.setdefault(f"markitdown, {mode}", {})[n] = float(md.group(1))
            cpu.setdefault(f"markitdown, {mode}", {})[n] = float(md.group(2))
    if not wall:
        return
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.4))
    for ax, series, ylabel in (
        (axes[0], wall, "wall time of the whole run (s)"),
        (axes[1], cpu, "CPU seconds of the process tree"),
    ):
        for label, points in sorted(series.items()):
            xs = sorted(points)
            (line,) = ax.plot(xs, [points[x] for x in xs], marker="o", label=label)
            if len(xs) > 1:
                ax.plot(xs, [points[xs[0]] * x / xs[0] for x in xs], linestyle=":", color=line.get_color(), alpha=0.6)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("documents (real layouts)")
        ax.set_ylabel(ylabel)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle(
        "referat import and markitdown against corpus size (dotted: linear growth); "
        "shared 2-core VM, see the load column",
        fontsize=9,
    )
    fig.tight_layout()
    fig.savefig(png, dpi=100)
    plt.close(fig)


# ------------------------------------------------------------------ main


def smoke(workers: int) -> int:
    """50 documents through import, re-import and markitdown: it must run; no timing claims."""
    r = bench_size(SMOKE_N, workers, None, seeds=False, markitdown=have_markitdown(), ocr=False)
    for line in summary_lines(r):
        print(f"smoke: {line}")
    problems = []
    if r["first"].returncode not in (0, 1):
        problems.append(f"the import exited {r['first'].returncode}")
    if r["docs"] + r["failed"] != SMOKE_N:
        problems.append(f"{r['docs'] + r['failed']} of {SMOKE_N} documents in the store")
    if "Imported 0," not in r["second"].stdout:
        problems.append("the re-import imported files again")
    for p in problems:
        print(f"smoke: FAILED: {p}", file=sys.stderr)
    return 1 if problems else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="1000", help="corpus sizes, comma-separated (e.g. 100,1000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cluster", default=None, help="import with --cluster SPEC (e.g. local:2) instead")
    ap.add_argument("--seeds", action="store_true", help="the earlier corpus: variants of the seeds in data/raw")
    ap.add_argument("--formats", default="txt,docx,pdf", help="with --seeds: the formats")
    ap.add_argument("--no-markitdown", action="store_true", help="skip the markitdown column")
    ap.add_argument("--no-ocr", action="store_true", help="import with --no-ocr (scanned pages are not read)")
    ap.add_argument("--writer", action="store_true", help="time the single SQLite writer (Store.save) only")
    ap.add_argument("--smoke", action="store_true", help=f"{SMOKE_N} documents; checks it runs, writes nothing")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--note", default="", help="a remark for the table row")
    ap.add_argument("--_markitdown", type=Path, default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a._markitdown is not None:
        markitdown_main(a._markitdown, a.workers)
        return
    if a.smoke:
        raise SystemExit(smoke(a.workers))
    argv = " ".join(sys.argv[1:])
    command = f"python bench/run_bench.py {argv}".strip()
    if a.writer:
        write(a.out, writer_ceiling(), command, WRITER_SECTION, WRITER_INTRO)
        return
    markitdown = not a.no_markitdown and not a.seeds
    if markitdown and not have_markitdown():
        print("markitdown is not installed (pip install -e '.[bench]'): its column is skipped", file=sys.stderr)
        markitdown = False
    for n in [int(x) for x in a.n.split(",")]:
        if a.seeds:
            speedup = parallel_speedup(a.workers) if a.workers > 1 else 1.0
            r = bench_size(n, a.workers, a.cluster, seeds=True, markitdown=False, formats=a.formats)
            row = seed_row(r, a.formats, speedup, a.note)
        else:
            r = bench_size(n, a.workers, a.cluster, seeds=False, markitdown=markitdown, ocr=not a.no_ocr)
            r["markitdown_wanted"] = not a.no_markitdown
            row = real_row(r, a.note)
        for line in summary_lines(r):
            print(line, flush=True)
        print(row, flush=True)
        if a.seeds:
            write(a.out, row, command)
        else:
            write(a.out, row, command, REAL_SECTION, REAL_INTRO)
            chart(a.out)


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


if __name__ == "__main__":
    main()
