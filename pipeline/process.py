"""Files -> records: discovery, one file's processing, and the import pool.

The parent process is the single writer: it walks the inputs lazily, skips
files the store already has (same size and mtime, else same SHA-256), and
hands the rest to worker processes, each of which builds the spaCy pipeline
once. A worker that exceeds the per-file time or memory budget is killed and
replaced; that file is reported as failed and the batch goes on.
"""
from __future__ import annotations

import hashlib
import itertools
import multiprocessing as mp
import os
import queue
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal, Optional

from pydantic import BaseModel

from pipeline.errors import ReferatError
from pipeline.ingest import SUPPORTED_SUFFIXES, Limits, read_document
from pipeline.types import MeetingRecord

TEMP_PREFIXES = ("~$", ".~lock", "._")


class Outcome(BaseModel):
    path: str
    status: Literal["ok", "failed"]
    record: Optional[MeetingRecord] = None
    text: str = ""
    reader: str = ""
    format: Optional[str] = None
    ocr: bool = False
    ocr_confidence: Optional[float] = None
    warnings: list[str] = []
    sha256: Optional[str] = None
    size: Optional[int] = None
    mtime: Optional[float] = None
    pages: int = 0
    error: str = ""
    seconds: float = 0.0


@dataclass
class ImportSummary:
    imported: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0

    @property
    def documents_per_second(self) -> float:
        return self.imported / self.seconds if self.seconds else 0.0


# ------------------------------------------------------------------ discovery

def discover(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files under `paths` (recursive, sorted), each once; hidden and temporary
    files are skipped, a directory reached twice (a symlink loop) is not re-entered.
    A file named explicitly is always yielded, whatever its suffix."""
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk(p, seen_dirs, seen_files)
        elif os.path.realpath(p) not in seen_files:
            seen_files.add(os.path.realpath(p))
            yield p


def _walk(folder: Path, seen_dirs: set[str], seen_files: set[str]) -> Iterator[Path]:
    real = os.path.realpath(folder)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.startswith(TEMP_PREFIXES):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path, seen_dirs, seen_files)
            elif entry.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
                if os.path.realpath(path) not in seen_files:
                    seen_files.add(os.path.realpath(path))
                    yield path
        except OSError:
            continue


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


# ------------------------------------------------------------------ one file

def process_file(path: Path, nlp, limits: Limits) -> Outcome:
    """Read and extract one file; every expected failure becomes a failed Outcome."""
    from pipeline.extract import extract_record

    started = time.perf_counter()
    base = {"path": str(path)}
    try:
        st = path.stat()
        base.update(size=st.st_size, mtime=st.st_mtime)
        doc = read_document(path, limits)
        record = extract_record(doc, nlp)
        return Outcome(**base, status="ok", record=record, text=doc.text, reader=doc.reader, format=doc.format,
                       ocr=doc.ocr, ocr_confidence=doc.ocr_confidence, warnings=doc.warnings,
                       sha256=doc.doc_id, pages=doc.pages, seconds=time.perf_counter() - started)
    except ReferatError as e:
        return Outcome(**base, status="failed", error=str(e), seconds=time.perf_counter() - started)
    except OSError as e:
        return Outcome(**base, status="failed", error=f"cannot read file: {e.strerror or e}")
    except MemoryError:
        return Outcome(**base, status="failed", error="ran out of memory")
    except RecursionError:
        return Outcome(**base, status="failed", error="document structure too deeply nested")


def failed(path: Path | str, error: str, **kw) -> Outcome:
    return Outcome(path=str(path), status="failed", error=error, **kw)


# ------------------------------------------------------------------ workers

def _worker_main(inbox, outbox, limits: Limits, model: Optional[str]) -> None:
    from pipeline.nlp import build_nlp

    nlp = build_nlp(model)
    while True:
        task = inbox.get()
        if task is None:
            return
        outbox.put((os.getpid(), process_file(Path(task), nlp, limits)))


@dataclass
class _Worker:
    proc: mp.Process
    inbox: object
    task: Optional[str] = None
    started: float = 0.0


class Pool:
    """Worker processes with a per-file time and memory budget."""

    def __init__(self, workers: int, limits: Limits, *, timeout_s: float, memory_mb: int,
                 model: Optional[str] = None):
        self.ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.outbox = self.ctx.Queue()
        self.limits, self.model = limits, model
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self.workers = [self._spawn() for _ in range(max(1, workers))]

    def _spawn(self) -> _Worker:
        inbox = self.ctx.Queue()
        proc = self.ctx.Process(target=_worker_main, args=(inbox, self.outbox, self.limits, self.model), daemon=True)
        proc.start()
        return _Worker(proc=proc, inbox=inbox)

    def idle(self) -> Optional[_Worker]:
        return next((w for w in self.workers if w.task is None), None)

    def busy(self) -> int:
        return sum(w.task is not None for w in self.workers)

    def submit(self, worker: _Worker, path: str) -> None:
        worker.task, worker.started = path, time.monotonic()
        worker.inbox.put(path)

    def results(self, wait: float) -> list[Outcome]:
        out: list[Outcome] = []
        try:
            pid, outcome = self.outbox.get(timeout=wait)
            out.append(self._finish(pid, outcome))
            while True:
                pid, outcome = self.outbox.get_nowait()
                out.append(self._finish(pid, outcome))
        except queue.Empty:
            pass
        return out + self._police()

    def _finish(self, pid: int, outcome: Outcome) -> Outcome:
        for w in self.workers:
            if w.proc.pid == pid:
                w.task = None
        return outcome

    def _police(self) -> list[Outcome]:
        """Kill workers over their time or memory budget, or dead ones; report their files."""
        out = []
        for i, w in enumerate(self.workers):
            if w.task is None and w.proc.is_alive():
                continue
            reason = self._over_budget(w)
            if reason is None:
                continue
            if w.proc.is_alive():
                w.proc.kill()
            w.proc.join(timeout=5)
            if w.task is not None:
                out.append(failed(w.task, reason))
            self.workers[i] = self._spawn()
        return out

    def _over_budget(self, w: _Worker) -> Optional[str]:
        if not w.proc.is_alive():
            code = w.proc.exitcode
            return f"the worker died (exit code {code}; out of memory?)" if w.task else "worker exited"
        if time.monotonic() - w.started > self.timeout_s:
            return f"timed out after {self.timeout_s:.0f} s"
        try:
            import psutil

            if psutil.Process(w.proc.pid).memory_info().rss > self.memory_mb * 1024 * 1024:
                return f"ran out of memory (limit {self.memory_mb} MB)"
        except Exception:  # the process is gone between the checks  # noqa: BLE001
            return None
        return None

    def close(self) -> None:
        for w in self.workers:
            if w.proc.is_alive():
                w.inbox.put(None)
        for w in self.workers:
            w.proc.join(timeout=5)
            if w.proc.is_alive():
                w.proc.kill()


# ------------------------------------------------------------------ import

ProgressFn = Callable[[str, Outcome | None], None]  # (event, outcome): "unchanged", "done", "failed"


def run_import(paths: Iterable[Path | str], store, *, workers: int = 0, limits: Limits = Limits(),
               timeout_s: float = 120.0, memory_mb: int = 2048, model: Optional[str] = None,
               progress: Optional[ProgressFn] = None, nlp=None) -> ImportSummary:
    """Import files into `store` (pipeline.store.Store). workers=0 runs in this process."""
    started = time.perf_counter()
    summary = ImportSummary()
    report = progress or (lambda event, outcome: None)
    todo = _changed_files(discover(paths), store, summary, report)
    if workers <= 0:
        if nlp is None:
            from pipeline.nlp import build_nlp

            nlp = build_nlp(model)
        for path in todo:
            _record(process_file(path, nlp, limits), store, summary, report)
    else:
        _run_pool(todo, store, summary, report, workers, limits, timeout_s, memory_mb, model)
    summary.seconds = time.perf_counter() - started
    return summary


def _changed_files(files: Iterator[Path], store, summary: ImportSummary, report: ProgressFn) -> Iterator[Path]:
    known = store.known_files()
    for path in files:
        try:
            st = path.stat()
            hit = known.get(str(path))
            if hit and hit[0] == st.st_size and abs(hit[1] - st.st_mtime) < 1e-6:
                summary.unchanged += 1
                report("unchanged", None)
                continue
            if st.st_size and store.status(str(path), sha256_of(path)) == "unchanged":
                summary.unchanged += 1
                report("unchanged", None)
                continue
        except OSError:
            pass  # process_file reports it
        yield path


def _run_pool(todo: Iterator[Path], store, summary, report, workers, limits, timeout_s, memory_mb, model) -> None:
    first = next(todo, None)
    if first is None:  # nothing new: no workers to start
        return
    todo = itertools.chain([first], todo)
    pool = Pool(workers, limits, timeout_s=timeout_s, memory_mb=memory_mb, model=model)
    try:
        exhausted = False
        while True:
            while not exhausted and (w := pool.idle()) is not None:
                nxt = next(todo, None)
                if nxt is None:
                    exhausted = True
                    break
                pool.submit(w, str(nxt))
            if exhausted and pool.busy() == 0:
                break
            for outcome in pool.results(wait=0.2):
                _record(outcome, store, summary, report)
    finally:
        pool.close()


def _record(outcome: Outcome, store, summary: ImportSummary, report: ProgressFn) -> None:
    if outcome.status == "ok" and outcome.record is not None:
        store.save(outcome.record, text=outcome.text, size=outcome.size or 0, mtime=outcome.mtime or 0.0,
                   reader=outcome.reader, ocr=outcome.ocr, ocr_confidence=outcome.ocr_confidence,
                   warnings=outcome.warnings)
        summary.imported += 1
        summary.pages += outcome.pages
        report("done", outcome)
    else:
        store.save_failure(outcome.path, outcome.sha256, outcome.format, outcome.error,
                           size=outcome.size, mtime=outcome.mtime)
        summary.failed.append((outcome.path, outcome.error))
        report("failed", outcome)
