"""CPU time per stage of a whole import of real-layout documents, into BENCHMARKS.md.

    python bench/profile_stages.py --n 200                  # 200 real-layout documents, OCR off
    python bench/profile_stages.py --n 200 --ocr            # with OCR of the scanned pages
    python bench/profile_stages.py --dir FOLDER             # the files of a folder instead
    python bench/profile_stages.py --n 200 --hot 25         # and the 25 hottest functions (cProfile)
    python bench/profile_stages.py --ocr-pages 1,2          # OCR pages/s of the scanned PDFs, 1 and 2 at once

It builds N documents with bench/make_corpus.py --real (as bench/run_bench.py
does), then, in this one process, does what an import worker and the importer
do for each file: read it (pipeline.ingest.read_document), extract its record
(pipeline.extract.extract_record with the default spaCy pipeline, built once)
and save it (Store.save, one transaction, into a new database). Each stage's
functions are wrapped with a timer of this process's CPU time
(time.process_time: user + system, so other jobs on a shared machine change it
little), and every second of CPU time is counted once, in the innermost stage
that was running (exclusive time: the spaCy calls inside the statement
extractor count as spaCy, not as the extractor). With --hot the same files are
run again under cProfile, and the functions with the largest cumulative time
are listed (cProfile, timing CPU time too, inflates those figures by its own
overhead, so compare them with each other, not with the stage table).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib
import io
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PACKAGE = str(ROOT / "pipeline") + os.sep
SECTION = "## Time per stage (issue 12)"
INTRO = """{title}

`python bench/profile_stages.py --n N`: CPU seconds of this process
(time.process_time) per stage of reading, extracting and storing N
real-layout documents (bench/make_corpus.py --real) in one process, each
second counted once in the innermost stage running (the spaCy calls made by
the statement extractor count as *spaCy*). The import's workers do the
same work per file, so the table says where an import's CPU time goes (the
pool, the fork server and the progress bar are not in it). Newest run first.
"""

# (module, attribute, stage): the functions timed. Order is the table's order.
STAGES: list[tuple[str, str, str]] = [
    ("pipeline.ingest", "read_document", "read: sniff, hash, CPR mask, offsets"),
    ("pipeline.process.one_file", "read_document", "read: sniff, hash, CPR mask, offsets"),
    ("pipeline.ingest.pdf", "read", "read: PDF (rest)"),
    ("pipeline.ingest.pdf", "pdfium_chars", "read: PDF characters (pdfium)"),
    ("pipeline.ingest.pdf", "_read_chars", "read: PDF words and lines"),
    ("pipeline.ingest.pdf", "ruled", "read: PDF ruled-table check (pdfium paths)"),
    ("pipeline.ingest.pdf", "_read_page", "read: PDF pages with rules (pdfplumber)"),
    ("pipeline.ingest.pdf_tables", "_cell_groups", "read: PDF ruled-table grid (table finder on pdfium paths)"),
    ("pipeline.ingest.pdf", "_read_tables", "read: PDF pages with tables (pdfium characters)"),
    ("pipeline.ingest.pdf", "_no_text_layer", "read: OCR (render + Tesseract)"),
    ("pipeline.ingest.pdf", "drop_headers_footers", "layout: headers, footers, tables, blocks"),
    ("pipeline.ingest.pdf", "tabulate", "layout: headers, footers, tables, blocks"),
    ("pipeline.ingest.pdf", "lines_to_blocks", "layout: headers, footers, tables, blocks"),
    ("pipeline.ingest.docx", "read", "read: .docx"),
    ("pipeline.ingest.text", "read", "read: .txt/.md"),
    ("pipeline.ingest.portal", "read", "read: .json (portal)"),
    ("pipeline.ingest.html", "read", "read: .html"),
    ("pipeline.ingest.odt", "read", "read: .odt"),
    ("pipeline.ingest.doc", "read", "read: .doc"),
    ("pipeline.ingest.rtf", "read", "read: .rtf"),
    ("pipeline.extract", "extract_record", "extract: record assembly (rest)"),
    ("pipeline.extract.context", "segment", "extract: segment"),
    ("pipeline.extract.context", "find_participants", "extract: participants (people)"),
    ("pipeline.extract.context", "meeting_date", "extract: meeting date"),
    ("pipeline.extract.context", "fallback_reference", "extract: meeting date"),
    ("pipeline.extract.context", "collect_events", "extract: events"),
    ("pipeline.extract", "extract_statements", "extract: statements (decisions, actions)"),
    ("pipeline.extract.statements", "table_actions", "extract: table actions"),
    ("pipeline.extract", "resolve_dues", "extract: due dates"),
    ("pipeline.extract", "agenda_items", "extract: agenda items"),
    ("pipeline.extract", "build_meeting", "extract: meeting metadata"),
    ("pipeline.extract.context", "meeting_body", "extract: meeting metadata"),
    ("pipeline.store.writer", "Store.save", "store write (one transaction)"),
]
SPACY = "spaCy (nlp.pipe and nlp() calls)"
BUILD = "spaCy pipeline build (once per worker)"
LOOP = "outcome, file stat, loop (not in any stage)"


class Timer:
    """Exclusive CPU time per stage: a stack of running stages."""

    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.stack: list[str] = []
        self.mark = time.process_time()

    def enter(self, stage: str) -> None:
        now = time.process_time()
        self.total[self.stack[-1] if self.stack else LOOP] += now - self.mark
        self.mark = now
        self.stack.append(stage)
        self.calls[stage] += 1

    def leave(self) -> None:
        now = time.process_time()
        self.total[self.stack.pop()] += now - self.mark
        self.mark = now

    def wrap(self, fn: Callable, stage: str) -> Callable:
        def timed(*args, **kwargs):
            self.enter(stage)
            try:
                return fn(*args, **kwargs)
            finally:
                self.leave()

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed


class TimedNlp:
    """The spaCy pipeline with its calls timed as one stage (extractors get this in its place)."""

    def __init__(self, nlp: Any, timer: Timer) -> None:
        self._nlp, self._timer = nlp, timer

    def __call__(self, *args, **kwargs):
        self._timer.enter(SPACY)
        try:
            return self._nlp(*args, **kwargs)
        finally:
            self._timer.leave()

    def pipe(self, *args, **kwargs) -> Iterator:
        it = iter(self._nlp.pipe(*args, **kwargs))
        while True:
            self._timer.enter(SPACY)
            try:
                doc = next(it)
            except StopIteration:
                return
            finally:
                self._timer.leave()
            yield doc

    def __getattr__(self, name: str):
        return getattr(self._nlp, name)


def install(timer: Timer) -> list[tuple[Any, str, Any]]:
    """Wrap every stage function; the originals, for uninstall()."""
    undo = []
    for module_name, attr, stage in STAGES:
        try:
            owner: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        fn = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name, None)
        if fn is None:  # the stage list drifted from the code: say so, never time nothing
            raise SystemExit(f"profile_stages: {module_name}.{attr} no longer exists; update STAGES")
        undo.append((owner, name, fn))
        setattr(owner, name, timer.wrap(fn, stage))
    return undo


def uninstall(undo: list[tuple[Any, str, Any]]) -> None:
    for owner, name, fn in reversed(undo):
        setattr(owner, name, fn)


def run_files(files: list[Path], nlp: Any, db: Path, ocr: bool) -> tuple[int, int, int, dict[str, float]]:
    """Read, extract and save each file as an import does (a worker's process_file, the
    importer's Store.save); (ok, failed, pages, CPU s per format)."""
    from pipeline.ingest import Limits
    from pipeline.process import process_file
    from pipeline.store import Store

    limits = Limits(ocr=ocr)
    ok = failed = pages = 0
    per_format: dict[str, float] = defaultdict(float)
    with Store(db) as store:
        for path in files:
            start = time.process_time()
            outcome = process_file(path, nlp, limits)
            if outcome.record is not None:
                store.save(outcome.record, outcome.meta())
                ok += 1
                pages += outcome.pages
            else:
                failed += 1
            per_format[path.suffix.lower()] += time.process_time() - start
    return ok, failed, pages, per_format


def profile(files: list[Path], ocr: bool) -> dict:
    from pipeline.nlp import build_nlp
    from pipeline.process import quiet_third_party_logs

    quiet_third_party_logs()
    timer = Timer()
    timer.enter(BUILD)
    nlp = build_nlp(None)
    timer.leave()
    undo = install(timer)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.process_time()
            ok, failed, pages, per_format = run_files(files, TimedNlp(nlp, timer), Path(tmp) / "p.db", ocr)
            timer.enter("end")
            timer.leave()
            total = time.process_time() - start
    finally:
        uninstall(undo)
    timer.total.pop("end", None)
    return dict(
        stages=dict(timer.total),
        calls=dict(timer.calls),
        total=total,
        ok=ok,
        failed=failed,
        pages=pages,
        per_format=per_format,
        nlp=nlp,
    )


def hot_functions(files: list[Path], nlp: Any, ocr: bool, top: int) -> list[tuple[str, float, float]]:
    """(function, cumulative s, own s) of the `top` functions by cumulative time under cProfile,
    leaving out the driver and the stage entry points everyone passes through."""
    prof = cProfile.Profile(time.process_time)  # CPU time: other jobs on the machine do not inflate it
    with tempfile.TemporaryDirectory() as tmp:
        prof.enable()
        run_files(files, nlp, Path(tmp) / "h.db", ocr)
        prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_, _, own, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        if not filename.startswith(PACKAGE) or name in ("run_files", "extract_record", "read_document", "<module>"):
            continue
        rows.append((f"{Path(filename).relative_to(ROOT)}:{line} {name}", cum, own))
    rows.sort(key=lambda r: -r[1])
    return rows[:top]


def scanned_pdfs(folder: Path) -> list[tuple[Path, int]]:
    """(PDF, pages without a text layer) of the PDFs in `folder` that have such pages."""
    import pypdfium2

    out = []
    for path in sorted(folder.rglob("*.pdf")):
        try:
            doc = pypdfium2.PdfDocument(path.read_bytes())
        except pypdfium2.PdfiumError:
            continue
        try:
            blank = 0
            for page in doc:
                text_page = page.get_textpage()
                blank += text_page.count_chars() <= 0
                text_page.close()
                page.close()
        finally:
            doc.close()
        if blank:
            out.append((path, blank))
    return out


def ocr_rate(files: list[tuple[Path, int]], threads: int) -> tuple[int, float, float]:
    """(pages OCR'd, wall s, CPU s of this process and its children: Tesseract) reading
    `files` with OCR, `threads` pages of a PDF at once."""
    import resource

    from pipeline.ingest import Limits, read_document

    limits = Limits(ocr=True, extra={"ocr_threads": threads})
    pages = sum(n for _, n in files)

    def cpu() -> float:
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    wall, used = time.perf_counter(), cpu()
    for path, _ in files:
        read_document(path, limits)
    return pages, time.perf_counter() - wall, cpu() - used


def ocr_table(folder: Path, thread_counts: list[int], command: str) -> str:
    files = scanned_pdfs(folder)
    before = os.getloadavg()[0]
    rows = []
    for threads in thread_counts:
        pages, wall, cpu = ocr_rate(files, threads)
        rows.append(
            f"| {threads} | {pages} | {wall:.1f} s | {pages / wall:.2f} | {cpu:.1f} s | {pages / max(cpu, 1e-9):.2f} |"
        )
        print(rows[-1], flush=True)
    return "\n".join(
        [
            f"### {dt.date.today().isoformat()}: OCR, {len(files)} scanned PDFs of {folder.name}/, "
            f"{sum(n for _, n in files)} pages without a text layer",
            "",
            f"`{command}`; load {before:.1f} → {os.getloadavg()[0]:.1f}. Pages of one PDF OCR'd at once "
            "(threads, one Tesseract process each, OMP_THREAD_LIMIT=1 when more than one); CPU s include "
            "the Tesseract processes (getrusage of the children). Wall time is that of a shared machine: "
            "compare it at a similar load.",
            "",
            "| pages at once | pages | wall | pages/s (wall) | CPU | pages per CPU s |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )


# ------------------------------------------------------------------ BENCHMARKS.md


def table(r: dict, n: int, ocr: bool, note: str, command: str, hot: list | None, load: tuple[float, float]) -> str:
    stages = r["stages"]
    run_total = r["total"]
    docs = max(r["ok"] + r["failed"], 1)
    order = []
    for _, _, stage in STAGES:
        if stage not in order:
            order.append(stage)
    order += [SPACY, LOOP]
    lines = [
        f"### {dt.date.today().isoformat()}: {n} documents, {r['ok']} ok, {r['failed']} failed, {r['pages']} pages"
        f"{', OCR on' if ocr else ', --no-ocr'}{'; ' + note if note else ''}",
        "",
        f"`{command}`; load {load[0]:.1f} → {load[1]:.1f}; {run_total:.1f} CPU s for the files "
        f"({1000 * run_total / docs:.0f} ms per document, {docs / max(run_total, 1e-9):.1f} documents per CPU second), "
        f"plus {stages.get(BUILD, 0.0):.1f} s to build the spaCy pipeline once.",
        "",
        "| stage | CPU s | share | ms per document |",
        "|---|---|---|---|",
    ]
    for stage in order:
        s = stages.get(stage, 0.0)
        if s < 0.005 and stage not in (SPACY,):
            continue
        lines.append(f"| {stage} | {s:.2f} | {100 * s / max(run_total, 1e-9):.1f} % | {1000 * s / docs:.1f} |")
    reading = sum(v for k, v in stages.items() if k.startswith(("read", "layout")))
    extracting = sum(v for k, v in stages.items() if k.startswith("extract"))
    lines.append(
        f"| **all reading + layout / extractors / spaCy / store** | {reading:.1f} / {extracting:.1f} / "
        f"{stages.get(SPACY, 0.0):.1f} / {stages.get('store write (one transaction)', 0.0):.1f} | "
        f"{100 * reading / run_total:.0f} / {100 * extracting / run_total:.0f} / "
        f"{100 * stages.get(SPACY, 0.0) / run_total:.0f} / "
        f"{100 * stages.get('store write (one transaction)', 0.0) / run_total:.0f} % | |"
    )
    fmt = ", ".join(f"{k or '(none)'} {v:.1f} s" for k, v in sorted(r["per_format"].items(), key=lambda kv: -kv[1]))
    lines += ["", f"CPU s per file format (read + extract + store): {fmt}."]
    if hot:
        lines += [
            "",
            "Hottest functions under cProfile (cumulative s, own s; inflated by the profiler):",
            "",
            "| function | cumulative s | own s |",
            "|---|---|---|",
        ]
        lines += [f"| `{name}` | {cum:.2f} | {own:.2f} |" for name, cum, own in hot]
    return "\n".join(lines)


def write(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, machine = text.partition("\n## Machine\n")
    if SECTION in head:
        before, _, after = head.partition(SECTION)
        rest = after.split("\n", 1)[1] if "\n" in after else ""
        # keep the intro paragraph (up to the first "### "), put the new run first
        intro_end = rest.find("\n### ")
        intro, runs = (rest[:intro_end], rest[intro_end:]) if intro_end >= 0 else (rest, "")
        # the section ends at the next "## " heading
        nxt = runs.find("\n## ")
        runs, tail = (runs[:nxt], runs[nxt:]) if nxt >= 0 else (runs, "")
        head = before + SECTION + intro.rstrip("\n") + "\n\n" + block + "\n" + runs.rstrip("\n") + "\n" + tail
    else:
        head = head.rstrip("\n") + "\n\n" + INTRO.format(title=SECTION) + "\n" + block + "\n"
    path.write_text(head.rstrip("\n") + "\n" + sep + machine if sep else head, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="real-layout documents to build and profile")
    ap.add_argument("--dir", type=Path, default=None, help="profile the files of this folder instead")
    ap.add_argument("--ocr", action="store_true", help="OCR scanned pages (default: off, as --no-ocr)")
    ap.add_argument("--hot", type=int, default=0, help="also list this many hottest functions (cProfile)")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--no-write", action="store_true", help="print only")
    ap.add_argument("--note", default="")
    ap.add_argument(
        "--ocr-pages",
        default=None,
        help="instead: OCR pages/s of the scanned PDFs of the real corpus at these thread counts (e.g. 1,2)",
    )
    a = ap.parse_args()
    command = "python bench/profile_stages.py " + " ".join(sys.argv[1:])
    if a.ocr_pages:
        from make_corpus import real_source

        block = ocr_table(a.dir or real_source(), [int(x) for x in a.ocr_pages.split(",")], command)
        print(block)
        if not a.no_write:
            write(a.out, block)
        return
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        if a.dir is not None:
            files = sorted(p for p in a.dir.rglob("*") if p.is_file())
            n = len(files)
        else:
            from make_corpus import make_real

            make_real(Path(tmp) / "corpus", a.n)
            files = sorted(p for p in (Path(tmp) / "corpus").iterdir() if p.is_file())
            n = a.n
        r = profile(files, a.ocr)
        hot = hot_functions(files, r["nlp"], a.ocr, a.hot) if a.hot else None
    block = table(r, n, a.ocr, a.note, command, hot, (load_before, os.getloadavg()[0]))
    print(block)
    if not a.no_write:
        write(a.out, block)


if __name__ == "__main__":
    main()
