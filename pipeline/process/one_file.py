"""One file -> its Outcome: read and extract, every failure a one-line error."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from pipeline.errors import ReferatError
from pipeline.ingest import Limits, read_document
from pipeline.pool import OUT_OF_MEMORY
from pipeline.process.outcome import Outcome, Processor

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


def _call(processor: Processor, path: Path, nlp: Any, limits: Limits) -> Outcome:
    """The processor's Outcome; a processor that raises fails its file, not the worker."""
    try:
        return processor(path, nlp, limits)
    except MemoryError:
        return Outcome(path=str(path), status="failed", error=OUT_OF_MEMORY)
    except Exception as e:  # noqa: BLE001
        return Outcome(path=str(path), status="failed", error=f"internal error ({type(e).__name__}: {e})")
