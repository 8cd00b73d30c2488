"""Files -> records: one file -> its Outcome, and the import's orchestration.

The parent process is the single writer: it walks the inputs lazily
(pipeline.discover), skips files the store already has (same size and mtime,
else same SHA-256), and hands the rest to worker processes (pipeline.pool), each
of which builds the spaCy pipeline once. At most two files per worker are in
flight, so the corpus is never held in memory. A worker that exceeds the
per-file time or memory budget is killed (with anything it started, e.g.
LibreOffice) and replaced; that file is reported as failed and the batch goes on.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal, NamedTuple, Optional

from pydantic import BaseModel, Field

from pipeline.discover import discover, sha256_of
from pipeline.errors import ExtractionError, ReferatError
from pipeline.ingest import Limits, read_document
from pipeline.paths import stored
from pipeline.pool import OUT_OF_MEMORY, Pool, StartErrors
from pipeline.types import DocumentMeta, MeetingRecord, SourceDocument

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

    def meta(self) -> DocumentMeta:
        """What the store keeps of the document beside its record."""
        return DocumentMeta(
            text=self.text,
            size=self.size or 0,
            mtime=self.mtime or 0.0,
            reader=self.reader,
            ocr=self.ocr,
            ocr_confidence=self.ocr_confidence,
            warnings=self.warnings,
        )


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


# ------------------------------------------------------------------ the worker pool


class _Task(NamedTuple):
    path: str
    sha256: Optional[str]
    size: Optional[int]
    mtime: Optional[float]


def _call(processor: Processor, path: Path, nlp: Any, limits: Limits) -> Outcome:
    """The processor's Outcome; a processor that raises fails its file, not the worker."""
    try:
        return processor(path, nlp, limits)
    except MemoryError:
        return Outcome(path=str(path), status="failed", error=OUT_OF_MEMORY)
    except Exception as e:  # noqa: BLE001
        return Outcome(path=str(path), status="failed", error=f"internal error ({type(e).__name__}: {e})")


def _setup_worker(model: Optional[str]) -> tuple[Any, str]:
    """In a new worker: the spaCy pipeline, built once, and its name."""
    quiet_third_party_logs()
    from pipeline.nlp import build_nlp, pipeline_name

    nlp = build_nlp(model)
    return nlp, pipeline_name(nlp)


def _work(processor: Processor, limits: Limits, memory_mb: int, nlp: Any, task: _Task) -> Outcome:
    """In a worker: one file -> its Outcome."""
    outcome = _call(processor, Path(task.path), nlp, limits)
    if outcome.error == OUT_OF_MEMORY:
        outcome.error = f"{OUT_OF_MEMORY} (limit {memory_mb} MB)"
    return outcome


def _failed(task: _Task, reason: str) -> Outcome:
    """The Outcome of a file whose worker was killed (over budget, crashed)."""
    return Outcome(path=task.path, status="failed", error=reason)


def _out_of_memory(outcome: Outcome) -> bool:
    return outcome.error.startswith(OUT_OF_MEMORY)


START_ERRORS = StartErrors(
    setup_failed="the workers cannot build the spaCy pipeline: {detail}",
    died="a worker process died while starting (exit code {code}); try --workers 0 to see the error",
    too_slow="a worker process did not start within {seconds:g} s (building the spaCy pipeline); "
    "try --workers 0 to see why",
)

FilePool = Pool[_Task, Outcome]


def file_pool(
    workers: int,
    limits: Limits,
    *,
    timeout_s: float,
    memory_mb: int,
    model: Optional[str] = None,
    processor: Processor = process_file,
    start_method: Optional[str] = None,
) -> FilePool:
    """A pool of `workers` processes, each with its own spaCy pipeline, that turns files
    into Outcomes under a per-file time and memory budget (pipeline.pool)."""
    return Pool(
        workers,
        partial(_setup_worker, model),
        partial(_work, processor, limits, memory_mb),
        failed=_failed,
        retire=_out_of_memory,
        timeout_s=timeout_s,
        memory_mb=memory_mb,
        preload=PRELOAD,
        start_method=start_method,
        errors=START_ERRORS,
    )


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
            lambda: file_pool(
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
    make_pool: Callable[[], FilePool],
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
                task: Optional[_Task]
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
            _announce(summary, pool.name, report)
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
        lambda: file_pool(
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
        store.save(outcome.record, outcome.meta())
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
