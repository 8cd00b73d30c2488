"""Which discovered files need work: new and changed ones; unchanged files (same size
and mtime, else same SHA-256 at any path) and copies of a file of this run are
counted and skipped without being read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.discover import sha256_of
from pipeline.paths import stored
from pipeline.process.outcome import ImportSummary, ProgressFn, _Task


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
