"""Writing results: one Outcome into the store (the parent is the only writer), the
summary's counts, thin documents, and the pipeline's name announced once."""

from __future__ import annotations

from typing import Any

from pipeline.process.outcome import ImportSummary, Outcome, ProgressFn, _Task
from pipeline.types import MeetingRecord


def _announce(summary: ImportSummary, pipeline: str, report: ProgressFn) -> None:
    if pipeline and not summary.pipeline:
        summary.pipeline = pipeline
        report("pipeline", "", pipeline)


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
