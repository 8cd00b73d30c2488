"""The import's orchestration: run_import (discover, skip unchanged, run here, in the
file pool or on Dask, write each result) and run_files (the same budgets, no store)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Optional

from pipeline.discover import discover
from pipeline.errors import ExtractionError
from pipeline.ingest import Limits
from pipeline.process.changed import _changed_files
from pipeline.process.one_file import _call, process_file
from pipeline.process.outcome import ImportSummary, Outcome, Processor, ProgressFn, _Task
from pipeline.process.recording import _announce, _record
from pipeline.process.workers import FilePool, file_pool


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
