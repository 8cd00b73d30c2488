"""The file pool: worker processes (pipeline.pool), each with its spaCy pipeline
built once, that turn files into Outcomes under a per-file time and memory budget."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Optional

from pipeline.ingest import Limits
from pipeline.pool import OUT_OF_MEMORY, Pool, StartErrors
from pipeline.process.one_file import _call, process_file, quiet_third_party_logs
from pipeline.process.outcome import Outcome, Processor, _Task

PRELOAD = [
    "pipeline.process",
    "pipeline.nlp",
    "pipeline.extract",
    "pipeline.ingest.text",
    "pipeline.ingest.docx",
    "pipeline.ingest.pdf",
]


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
