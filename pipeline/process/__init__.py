"""Files -> records: one file -> its Outcome, and the import's orchestration.

The parent process is the single writer: it walks the inputs lazily
(pipeline.discover), skips files the store already has (same size and mtime,
else same SHA-256), and hands the rest to worker processes (pipeline.pool), each
of which builds the spaCy pipeline once. At most two files per worker are in
flight, so the corpus is never held in memory. A worker that exceeds the
per-file time or memory budget is killed (with anything it started, e.g.
LibreOffice) and replaced; that file is reported as failed and the batch goes on.

By job: outcome.py (the task, Outcome, ImportSummary), one_file.py (one file ->
its Outcome), workers.py (the file pool of worker processes), changed.py (which
discovered files need work), recording.py (each result into the store),
importing.py (run_import, run_files).
"""

from pipeline.process.changed import _changed_files
from pipeline.process.importing import _run_here, _run_pool, run_files, run_import
from pipeline.process.one_file import (
    NOISY_LOGGERS,
    _call,
    process_file,
    process_file_keeping_document,
    quiet_third_party_logs,
)
from pipeline.process.outcome import ImportSummary, Outcome, Processor, ProgressFn, _Task
from pipeline.process.recording import _announce, _record, yielded_nothing_of
from pipeline.process.workers import PRELOAD, START_ERRORS, FilePool, file_pool

__all__ = [
    "NOISY_LOGGERS",
    "PRELOAD",
    "START_ERRORS",
    "FilePool",
    "ImportSummary",
    "Outcome",
    "Processor",
    "ProgressFn",
    "_Task",
    "_announce",
    "_call",
    "_changed_files",
    "_record",
    "_run_here",
    "_run_pool",
    "file_pool",
    "process_file",
    "process_file_keeping_document",
    "quiet_third_party_logs",
    "run_files",
    "run_import",
    "yielded_nothing_of",
]
