"""Files -> records: discovery, one file's processing, and the import pool.

The parent process is the single writer: it walks the inputs lazily, skips
files the store already has (same size and mtime, else same SHA-256), and
hands the rest to worker processes, each of which builds the spaCy pipeline
once. At most two files per worker are in flight, so the corpus is never held
in memory. A worker that exceeds the per-file time or memory budget is killed
(with anything it started, e.g. LibreOffice) and replaced; that file is
reported as failed and the batch goes on.

Workers start from a fork server (`forkserver`): forked from a clean process
that has the pipeline's modules imported, not from the importer, which holds
an SQLite connection and maybe a progress-bar thread. Each worker has its own
pipe, so killing one never corrupts a queue another worker writes to.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Literal, NamedTuple, Optional

from pydantic import BaseModel, Field

from pipeline.errors import ExtractionError, ReferatError
from pipeline.ingest import SUPPORTED_SUFFIXES, Limits, read_document
from pipeline.paths import stored
from pipeline.types import MeetingRecord, SourceDocument

TEMP_PREFIXES = ("~$", ".~lock", "._")
OUT_OF_MEMORY = "ran out of memory"
PER_WORKER_IN_FLIGHT = 2
WORKER_START_TIMEOUT_S = 300.0  # building the spaCy pipeline in a new worker
MEMORY_CHECK_EVERY_S = 0.1
PRELOAD = [
    "pipeline.process",
    "pipeline.nlp",
    "pipeline.extract",
    "pipeline.ingest.text",
    "pipeline.ingest.docx",
    "pipeline.ingest.pdf",
]


class Outcome(BaseModel):
    """What processing one file gave: a record, or a one-line error."""

    path: str
    status: Literal["ok", "failed"]
    record: Optional[MeetingRecord] = None
    text: str = ""
    reader: str = ""
    format: Optional[str] = None
    ocr: bool = False
    ocr_confidence: Optional[float] = None
    warnings: list[str] = Field(default_factory=list)
    document: Optional[SourceDocument] = None  # only from process_file_keeping_document (the review page)
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
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    pages: int = 0
    seconds: float = 0.0
    pipeline: str = ""  # the spaCy pipeline that ran ("" when nothing needed extracting)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, sha) identical to another file
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) passed over in folders
    thin: list[tuple[str, str]] = field(default_factory=list)  # (path, "no date, no attendees, ...") imported

    @property
    def documents_per_second(self) -> float:
        return self.imported / self.seconds if self.seconds else 0.0


# (event, path, detail): "pipeline" (detail = its name), "unchanged", "imported", "failed" (detail = reason)
ProgressFn = Callable[[str, str, str], None]
Processor = Callable[[Path, Any, Limits], Outcome]


# ------------------------------------------------------------------ discovery

SkipFn = Callable[[str, str], None]  # (path, reason) of a file passed over


def discover(
    paths: Iterable[Path | str], on_skip: Optional[SkipFn] = None, follow_links: bool = False
) -> Iterator[Path]:
    """Files under `paths` (recursive, sorted), each once. A file named explicitly is
    yielded whatever its suffix; inside folders only supported suffixes are (and .json
    only when it is a dagsorden-portal export). Passed over, each reported to
    `on_skip(path, reason)`: hidden and temporary files with a document suffix,
    dangling links and link loops, FIFOs, sockets and devices, folders that cannot be
    read, and links that leave the folder being imported (unless `follow_links`).
    A folder reached twice (a symlink loop) is not entered again."""
    skip = on_skip or (lambda path, reason: None)
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk(p, os.path.realpath(p), seen_dirs, seen_files, skip, follow_links)
        elif _first_time(p, seen_files):
            yield p


JSON_PEEK_BYTES = 1 << 20


def _foreign_json(path: Path) -> bool:
    """A .json file in a folder is a document only when it is a dagsorden-portal export:
    other JSON (package.json, our own extract output) is not minutes and is passed over."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with open(path, "rb") as fh:
            return b'"dagsordenpunkter"' not in fh.read(JSON_PEEK_BYTES).lower()
    except OSError:
        return False  # unreadable: the reader reports it


def _first_time(path: Path, seen: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def _walk(
    folder: Path, root: str, seen_dirs: set[str], seen_files: set[str], skip: SkipFn, follow_links: bool
) -> Iterator[Path]:
    if not _first_time(folder, seen_dirs):
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        skip(str(folder), f"folder cannot be read ({e.strerror or e})")
        return
    for entry in entries:
        path = Path(entry.path)
        documentish = path.suffix.lower() in SUPPORTED_SUFFIXES
        if entry.name.startswith(".") or entry.name.startswith(TEMP_PREFIXES):
            if documentish and not entry.is_dir(follow_symlinks=False):
                skip(entry.path, "hidden or temporary file")
            continue
        try:
            if entry.is_symlink() and not follow_links:
                target = os.path.realpath(path)
                if not os.path.exists(path):
                    if documentish:
                        skip(entry.path, "link to nothing (dangling or a loop)")
                    continue
                if os.path.commonpath([root, target]) != root:
                    if documentish or path.is_dir():
                        skip(entry.path, "link out of the imported folder (pass --follow-links to follow it)")
                    continue
            if entry.is_dir():
                yield from _walk(path, root, seen_dirs, seen_files, skip, follow_links)
            elif not documentish:
                continue
            elif not entry.is_file():
                skip(
                    entry.path,
                    "not a regular file (a FIFO, socket or device)"
                    if os.path.exists(path)
                    else "link to nothing (dangling or a loop)",
                )
            elif _foreign_json(path):
                skip(entry.path, "JSON that is not a dagsorden-portal export")
            elif _first_time(path, seen_files):
                yield path
        except OSError as e:
            skip(entry.path, f"cannot be read ({e.strerror or e})")


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


# ------------------------------------------------------------------ one file

NOISY_LOGGERS = ("pdfminer", "pdfplumber", "pypdf", "PIL")


def quiet_third_party_logs() -> None:
    """pdfminer and friends log dozens of warnings per damaged PDF that name no file
    ("Could not get FontBBox ..."); what matters reaches the user as the file's one
    error line, so they are kept at ERROR."""
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def process_file(path: Path, nlp: Any, limits: Limits, keep_document: bool = False) -> Outcome:
    """Read and extract one file. Never raises for a bad file: every failure
    becomes a failed Outcome whose `error` says why in one line."""
    from pipeline.extract import extract_record

    started = time.perf_counter()
    base: dict[str, Any] = {"path": str(path)}
    try:
        st = path.stat()
        base.update(size=st.st_size, mtime=st.st_mtime)
        doc = read_document(path, limits)
        record = extract_record(doc, nlp)
        return Outcome(
            **base,
            status="ok",
            record=record,
            text=doc.text,
            reader=doc.reader,
            document=doc if keep_document else None,
            format=doc.format,
            ocr=doc.ocr,
            ocr_confidence=doc.ocr_confidence,
            warnings=doc.warnings,
            sha256=doc.doc_id,
            pages=doc.pages,
            seconds=time.perf_counter() - started,
        )
    except ReferatError as e:
        error = str(e)
    except OSError as e:
        error = f"cannot read file: {e.strerror or e}"
    except MemoryError:
        error = OUT_OF_MEMORY
    except RecursionError:
        error = "document structure too deeply nested"
    except Exception as e:  # noqa: BLE001 - a bug must cost one file, not the batch
        error = f"internal error ({type(e).__name__}: {e}); please report this file"
    return Outcome(**base, status="failed", error=" ".join(error.split()), seconds=time.perf_counter() - started)


def process_file_keeping_document(path: Path, nlp: Any, limits: Limits) -> Outcome:
    """process_file, with the SourceDocument kept in the Outcome (for `show`)."""
    return process_file(path, nlp, limits, keep_document=True)


# ------------------------------------------------------------------ workers


class _Task(NamedTuple):
    path: str
    sha256: Optional[str]
    size: Optional[int]
    mtime: Optional[float]


def _worker_main(
    conn: Connection,
    processor: Processor,
    limits: Limits,
    model: Optional[str],
    memory_mb: int,
    importer: Optional[int] = None,
) -> None:
    """Build nlp once, then process paths from `conn` until None, EOF or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    quiet_third_party_logs()
    if importer is not None:
        _watch_importer(importer)
    from pipeline.nlp import build_nlp, pipeline_name

    try:
        nlp = build_nlp(model)
    except Exception as e:  # noqa: BLE001 - reported to the parent, which raises a named error
        conn.send(("init_failed", " ".join(f"{type(e).__name__}: {e}".split())))
        return
    _limit_address_space(memory_mb)
    conn.send(("ready", pipeline_name(nlp)))
    parent = os.getppid()
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent:  # the importer (or its fork server) is gone
                return
            continue
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        outcome = _call(processor, Path(task), nlp, limits)
        if outcome.error == OUT_OF_MEMORY:
            outcome.error = f"{OUT_OF_MEMORY} (limit {memory_mb} MB)"
        conn.send(("done", outcome))
        if outcome.error.startswith(OUT_OF_MEMORY):
            return  # start afresh rather than continue in a damaged heap


PR_SET_PDEATHSIG = 1
WATCHDOG_EVERY_S = 0.25
WATCHDOG_STACK = 256 * 1024
M_ARENA_MAX = -8  # glibc mallopt parameter


def _watch_importer(pid: int) -> None:
    """A watchdog thread: when the importer is gone (kill -9), end this worker and
    what it started (Tesseract, LibreOffice) at once, even in the middle of a file.
    (The worker's parent is the fork server, so a parent-death signal alone is late.)"""
    import threading

    try:  # the thread must not reserve a malloc arena (64 MB of address space) under --memory-mb
        import ctypes

        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 1)
    except (OSError, AttributeError):
        pass
    previous = threading.stack_size(WATCHDOG_STACK)

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_EVERY_S)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                continue
        _kill_children()
        os._exit(1)

    threading.Thread(target=watch, name="referat-watchdog", daemon=True).start()
    threading.stack_size(previous)


def _kill_children() -> None:
    try:
        import psutil

        for child in psutil.Process().children(recursive=True):
            try:
                child.kill()
            except psutil.Error:
                pass
    except ImportError:
        pass


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker the moment its parent (the fork server,
    which exits with the importer) dies, even in the middle of a long file; elsewhere
    the worker notices at its next poll of the pipe."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _call(processor: Processor, path: Path, nlp: Any, limits: Limits) -> Outcome:
    """The processor's Outcome; a processor that raises fails its file, not the worker."""
    try:
        return processor(path, nlp, limits)
    except MemoryError:
        return Outcome(path=str(path), status="failed", error=OUT_OF_MEMORY)
    except Exception as e:  # noqa: BLE001
        return Outcome(path=str(path), status="failed", error=f"internal error ({type(e).__name__}: {e})")


def _limit_address_space(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not POSIX: the parent's RSS watch still holds
        pass


@dataclass
class _Worker:
    proc: Any  # a multiprocessing Process of the pool's context
    conn: Connection
    pipeline: str = ""  # set by the worker's "ready" message
    tasks: deque[_Task] = field(default_factory=deque)  # tasks[0] is being processed
    started: float = 0.0  # when tasks[0] started (monotonic)
    retiring: bool = False  # it ran out of memory and exits after its answer
    spawned: float = field(default_factory=time.monotonic)

    @property
    def ready(self) -> bool:
        return bool(self.pipeline)


class Pool:
    """Worker processes with a per-file time and memory budget; the caller reads
    finished Outcomes from `results()` and writes them (single writer)."""

    def __init__(
        self,
        workers: int,
        limits: Limits,
        *,
        timeout_s: float,
        memory_mb: int,
        model: Optional[str] = None,
        processor: Processor = process_file,
        start_method: Optional[str] = None,
    ):
        self.ctx = mp.get_context(start_method or default_start_method())
        if self.ctx.get_start_method() == "forkserver":
            self.ctx.set_forkserver_preload(PRELOAD)
        self.args = (processor, limits, model, memory_mb)
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self.retry: deque[_Task] = deque()  # tasks queued on a worker that was killed
        self.pipeline = ""
        self.next_memory_check = 0.0
        self.workers = [self._spawn() for _ in range(max(1, workers))]

    def _spawn(self) -> _Worker:
        ours, theirs = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(
            target=_worker_main,
            args=(theirs, *self.args),
            daemon=True,
            name="referat-worker",
            kwargs={"importer": os.getpid()},
        )
        proc.start()
        theirs.close()
        return _Worker(proc=proc, conn=ours)

    def free_slot(self) -> Optional[_Worker]:
        """A ready worker with fewer than PER_WORKER_IN_FLIGHT tasks, least loaded first."""
        ready = [w for w in self.workers if w.ready and not w.retiring and len(w.tasks) < PER_WORKER_IN_FLIGHT]
        return min(ready, key=lambda w: len(w.tasks), default=None)

    def in_flight(self) -> int:
        return sum(len(w.tasks) for w in self.workers) + len(self.retry)

    def submit(self, worker: _Worker, task: _Task) -> None:
        if not worker.tasks:
            worker.started = time.monotonic()
        worker.tasks.append(task)
        worker.conn.send(task.path)

    def results(self, wait_s: float) -> list[tuple[_Task, Outcome]]:
        """Finished files (waiting up to `wait_s` for one), then the budget police."""
        out: list[tuple[_Task, Outcome]] = []
        by_conn = {w.conn: w for w in self.workers}
        for conn in wait(list(by_conn), timeout=wait_s):
            worker = by_conn[conn]
            try:
                while conn.poll():
                    self._message(worker, conn.recv(), out)
            except (EOFError, OSError):
                pass  # it died: _police reports its file
        return out + self._police()

    def _message(self, worker: _Worker, message: tuple, out: list) -> None:
        kind, payload = message
        if kind == "ready":
            worker.pipeline = self.pipeline = payload
        elif kind == "init_failed":
            raise ExtractionError(f"the workers cannot build the spaCy pipeline: {payload}")
        elif kind == "done" and worker.tasks:
            out.append((worker.tasks.popleft(), payload))
            worker.started = time.monotonic()
            worker.retiring = payload.error.startswith(OUT_OF_MEMORY)

    def _police(self) -> list[tuple[_Task, Outcome]]:
        """Replace workers that are dead, over budget or retiring; fail their current file."""
        out = []
        check_memory = time.monotonic() >= self.next_memory_check
        if check_memory:
            self.next_memory_check = time.monotonic() + MEMORY_CHECK_EVERY_S
        for i, w in enumerate(self.workers):
            if not w.ready:
                self._check_start(w)
                continue
            reason = None if w.retiring else self._over_budget(w, check_memory)
            if reason is None and not w.retiring:
                continue
            _kill_tree(w.proc.pid)
            w.proc.join(timeout=5)
            w.conn.close()
            if w.tasks and reason is not None:
                task = w.tasks.popleft()
                out.append((task, Outcome(path=task.path, status="failed", error=reason)))
            self.retry.extendleft(reversed(w.tasks))  # queued behind it: give them to another worker
            self.workers[i] = self._spawn()
        return out

    def _check_start(self, w: _Worker) -> None:
        if not w.proc.is_alive():
            raise ExtractionError(
                f"a worker process died while starting (exit code {w.proc.exitcode}); try --workers 0 to see the error"
            )
        if time.monotonic() - w.spawned > WORKER_START_TIMEOUT_S:
            raise ExtractionError(
                f"a worker process did not start within {WORKER_START_TIMEOUT_S:g} s "
                "(building the spaCy pipeline); try --workers 0 to see why"
            )

    def _over_budget(self, w: _Worker, check_memory: bool) -> Optional[str]:
        if not w.proc.is_alive():
            code = w.proc.exitcode
            if not w.tasks:
                return "the worker exited"
            if code is not None and code < 0:
                return f"the worker crashed on this file (signal {-code}; out of memory? limit {self.memory_mb} MB)"
            return f"the worker crashed on this file (exit code {code})"
        if not w.tasks:
            return None
        if time.monotonic() - w.started > self.timeout_s:
            return f"timed out after {self.timeout_s:g} s"
        if check_memory and _tree_rss(w.proc.pid) > self.memory_mb * 1024 * 1024:
            return f"{OUT_OF_MEMORY} (limit {self.memory_mb} MB)"
        return None

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for w in self.workers:
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                _kill_tree(w.proc.pid)
                w.proc.join(timeout=5)
            w.conn.close()


def default_start_method() -> str:
    """forkserver where there is one (POSIX), else spawn. fork is not used: the
    importer holds an SQLite connection and possibly a progress-bar thread."""
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
    except psutil.Error:
        return 0


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        proc = psutil.Process(pid)
        family = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return
    for p in family:
        try:
            p.kill()
        except psutil.Error:
            pass


# ------------------------------------------------------------------ import


def run_import(
    paths: Iterable[Path | str],
    store: Any,
    *,
    workers: int = 0,
    limits: Limits = Limits(),
    timeout_s: float = 120.0,
    memory_mb: int = 2048,
    model: Optional[str] = None,
    progress: Optional[ProgressFn] = None,
    nlp: Any = None,
    processor: Processor = process_file,
    start_method: Optional[str] = None,
    force: bool = False,
    cluster: Optional[str] = None,
    send_bytes: bool = False,
    follow_links: bool = False,
) -> ImportSummary:
    """Import the files under `paths` into `store` (a pipeline.store.Store).

    workers=0 runs in this process (no time or memory budget; for debugging and
    tests; `nlp` is used if given); workers>=1 starts that many worker processes.
    `processor(path, nlp, limits) -> Outcome` does one file (tests replace it; it
    must be picklable for workers>=1). force=True extracts unchanged files again
    (after an upgrade of the extractor); corrections are applied again to them.
    cluster="tcp://HOST:8786" or "local:N" sends the files to Dask workers instead
    (pipeline.cluster; `workers` is then unused; send_bytes=True sends each file's
    bytes rather than its path)."""
    started = time.perf_counter()
    summary = ImportSummary()
    report = progress or (lambda event, path, detail: None)

    def skipped(path: str, reason: str) -> None:
        summary.skipped.append((path, reason))
        report("skipped", path, reason)

    todo = _changed_files(discover(paths, skipped, follow_links), store, summary, report, force=force)
    if cluster:
        from pipeline.cluster import run_cluster

        run_cluster(
            todo,
            store,
            summary,
            report,
            cluster,
            limits=limits,
            timeout_s=timeout_s,
            memory_mb=memory_mb,
            model=model,
            processor=processor,
            send_bytes=send_bytes,
        )
    elif workers <= 0:
        _run_here(todo, store, summary, report, limits, model, nlp, processor)
    else:
        _run_pool(
            todo,
            store,
            summary,
            report,
            lambda: Pool(
                workers,
                limits,
                timeout_s=timeout_s,
                memory_mb=memory_mb,
                model=model,
                processor=processor,
                start_method=start_method,
            ),
        )
    for path, sha in summary.duplicates:  # after their originals are stored
        store.add_path(path, sha)
    summary.seconds = time.perf_counter() - started
    return summary


def _changed_files(
    files: Iterator[Path], store: Any, summary: ImportSummary, report: ProgressFn, force: bool = False
) -> Iterator[_Task]:
    """New and changed files; unchanged ones (same size and mtime, else same
    SHA-256 at any path) are counted and skipped without being read."""
    known = store.known_files()
    first_path: dict[str, str] = {}  # sha -> the first path of this run that carries it
    for path in files:
        try:
            st = path.stat()
        except OSError:
            yield _Task(str(path), None, None, None)  # the processor reports it
            continue
        hit = None if force else known.get(stored(path))
        if hit and hit[0] == st.st_size and abs(hit[1] - st.st_mtime) < 1e-6:
            summary.unchanged += 1
            report("unchanged", str(path), "")
            continue
        try:
            sha = sha256_of(path) if path.is_file() else None
        except OSError:
            sha = None
        if sha and store.status(str(path), sha) == "unchanged" and not (force and store.holds(str(path), sha)):
            store.add_path(str(path), sha)
            summary.unchanged += 1
            report("unchanged", str(path), "")
            continue
        if sha and sha in first_path:  # identical to a file of this run: stored once, whatever the workers
            summary.duplicates.append((str(path), sha))
            summary.unchanged += 1
            report("unchanged", str(path), f"same content as {first_path[sha]}")
            continue
        if sha:
            first_path[sha] = str(path)
        yield _Task(str(path), sha, st.st_size, st.st_mtime)


def _run_here(
    todo: Iterator[_Task],
    store: Any,
    summary: ImportSummary,
    report: ProgressFn,
    limits: Limits,
    model: Optional[str],
    nlp: Any,
    processor: Processor,
) -> None:
    for task in todo:
        if nlp is None:
            nlp = _build_nlp(model)
        from pipeline.nlp import pipeline_name

        _announce(summary, pipeline_name(nlp), report)
        _record(task, _call(processor, Path(task.path), nlp, limits), store, summary, report)


def _build_nlp(model: Optional[str]) -> Any:
    from pipeline.nlp import build_nlp

    try:
        return build_nlp(model)
    except (OSError, ImportError, ValueError) as e:
        raise ExtractionError(f"cannot build the spaCy pipeline {model or ''}: {e}".replace("  ", " ")) from e


def _announce(summary: ImportSummary, pipeline: str, report: ProgressFn) -> None:
    if pipeline and not summary.pipeline:
        summary.pipeline = pipeline
        report("pipeline", "", pipeline)


def _run_pool(
    todo: Iterator[_Task],
    store: Any,
    summary: ImportSummary,
    report: ProgressFn,
    make_pool: Callable[[], Pool],
    record: Optional[Callable[[_Task, Outcome], None]] = None,
) -> None:
    """Feed `todo` to the pool; each result goes to `record` (default: into `store`)."""
    record = record or (lambda task, outcome: _record(task, outcome, store, summary, report))
    first = next(todo, None)
    if first is None:  # nothing new: no workers to start
        return
    pending: deque[_Task] = deque([first])
    exhausted = False
    pool = make_pool()
    try:
        while True:
            while (worker := pool.free_slot()) is not None:
                if pool.retry:
                    task = pool.retry.popleft()
                elif pending:
                    task = pending.popleft()
                elif not exhausted and (task := next(todo, None)) is not None:
                    pass
                else:
                    exhausted = True
                    break
                pool.submit(worker, task)
            if exhausted and not pending and pool.in_flight() == 0:
                break
            finished = pool.results(wait_s=0.2)
            _announce(summary, pool.pipeline, report)
            for task, outcome in finished:
                record(task, outcome)
    finally:
        pool.close()


def run_files(
    paths: Iterable[Path | str],
    on_outcome: Callable[[Outcome], None],
    *,
    workers: int = 1,
    limits: Limits = Limits(),
    timeout_s: float = 120.0,
    memory_mb: int = 2048,
    model: Optional[str] = None,
    nlp: Any = None,
    processor: Processor = process_file,
) -> None:
    """Read and extract `paths` (no store) under the same per-file time and memory
    budgets as an import: `extract`, `show` and `eval` use it. workers=0 runs here,
    without budgets (and with `nlp` if given). Outcomes come in completion order."""
    tasks = (_Task(str(p), None, None, None) for p in paths)
    if workers <= 0:
        for task in tasks:
            nlp = nlp if nlp is not None else _build_nlp(model)
            on_outcome(_call(processor, Path(task.path), nlp, limits))
        return
    _run_pool(
        tasks,
        None,
        ImportSummary(),
        lambda *a: None,
        lambda: Pool(
            min(workers, 4), limits, timeout_s=timeout_s, memory_mb=memory_mb, model=model, processor=processor
        ),
        record=lambda task, outcome: on_outcome(outcome),
    )


def yielded_nothing_of(record: MeetingRecord) -> str:
    """What an imported document gave nothing of: "no date, no attendees, no statements"
    (the parts that are missing), or "" when it gave all three."""
    missing = [
        what
        for what, none in (
            ("no date", record.meeting.date is None),
            ("no attendees", not record.attendees),
            ("no statements", not (record.decisions or record.actions)),
        )
        if none
    ]
    return ", ".join(missing)


def _record(task: _Task, outcome: Outcome, store: Any, summary: ImportSummary, report: ProgressFn) -> None:
    """Write one outcome (the parent is the only writer)."""
    if outcome.status == "ok" and outcome.record is not None:
        store.save(
            outcome.record,
            text=outcome.text,
            size=outcome.size or 0,
            mtime=outcome.mtime or 0.0,
            reader=outcome.reader,
            ocr=outcome.ocr,
            ocr_confidence=outcome.ocr_confidence,
            warnings=outcome.warnings,
        )
        summary.imported += 1
        summary.pages += outcome.pages
        if lacking := yielded_nothing_of(outcome.record):
            summary.thin.append((outcome.path, lacking))
        report("imported", outcome.path, "")
        return
    error = outcome.error or "failed for an unknown reason"
    kept = store.save_failure(
        outcome.path,
        outcome.sha256 or task.sha256,
        outcome.format,
        error,
        size=outcome.size if outcome.size is not None else task.size,
        mtime=outcome.mtime if outcome.mtime is not None else task.mtime,
    )
    if kept:
        error = f"{error} (kept the version imported on {kept})"
    summary.failed.append((outcome.path, error))
    report("failed", outcome.path, error)
