"""The review page of a file on disk: read and extract it (here or in a worker, under the
import's budgets) and show the corrections stored for it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pipeline.analyst.review.page import render_review


def review_file(
    path: str | Path,
    *,
    model: Optional[str] = None,
    nlp=None,
    db: Optional[str | Path] = None,
    workers: int = 0,
    timeout_s: float = 120.0,
    memory_mb: int = 2048,
) -> str:
    """Read `path`, extract its record and return the review page, with the
    corrections stored for this document in `db` when it is given and exists.
    workers=0 extracts here (with `nlp`, or a pipeline built once); workers=1 in a
    worker process under the import's time and memory budgets."""
    from pipeline.errors import ExtractionError
    from pipeline.process import Outcome, process_file_keeping_document, run_files

    got: list[Outcome] = []
    run_files(
        [path],
        got.append,
        workers=workers,
        timeout_s=timeout_s,
        memory_mb=memory_mb,
        model=model,
        nlp=nlp,
        processor=process_file_keeping_document,
    )
    outcome = got[0]
    if outcome.record is None or outcome.document is None:
        raise ExtractionError(outcome.error or "extraction failed")
    doc, record = outcome.document, outcome.record
    corrections: list[dict] = []
    if db is not None and Path(db).is_file():
        from pipeline.analyst import query
        from pipeline.store.corrections import list_corrections

        with query.connect(db) as conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'corrections'").fetchone():
                corrections = [c for c in list_corrections(conn) if c["sha256"] == doc.doc_id]
    return render_review(doc, record, corrections)
