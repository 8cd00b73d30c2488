"""Readers: one module per format, each `read(data, path, limits) -> ReaderResult`.

`read_document(path)` sniffs the real format from the bytes (the extension is
only a hint), enforces the size budget, dispatches, and assigns offsets.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from pipeline.errors import ReadError, ReferatError, UnsupportedFormat
from pipeline.ingest.base import DEFAULT_LIMITS, Limits, ReaderResult
from pipeline.ingest.fields import field_rows
from pipeline.ingest.limits import bound_blocks, check_block_count
from pipeline.ingest.sniff import sniff_format
from pipeline.privacy import mask_cpr
from pipeline.types import SourceDocument

# format -> module in this package that implements read()
READERS = {
    "txt": "text",
    "docx": "docx",
    "pdf": "pdf",
    "odt": "odt",
    "doc": "doc",
    "rtf": "rtf",
    "html": "html",
    "portal": "portal",  # a dagsorden-portal JSON export
}

SUPPORTED_SUFFIXES = {
    ".txt",
    ".md",
    ".text",
    ".docx",
    ".pdf",
    ".odt",
    ".doc",
    ".rtf",
    ".html",
    ".htm",
    ".aspx",
    ".xhtml",
    ".json",
}


def read_document(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(f"cannot open file: {e.strerror or e}") from e
    if size == 0:
        raise ReadError("empty file (0 bytes)")
    if size > limits.max_file_bytes:
        raise ReadError(f"file too large ({too_large(size, limits.max_file_bytes)})")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"cannot read file: {e.strerror or e}") from e
    fmt = sniff_format(data, path)
    result = _read(fmt, data, path, limits)
    if not any(b.text.strip() for b in result.blocks):
        raise ReadError(f"no text found in the {fmt} file")
    check_block_count(len(result.blocks))
    blocks, cut = bound_blocks(mask_blocks(field_rows(result.blocks)))  # masked first: a cut could split a CPR number
    check_block_count(len(blocks))
    return SourceDocument.from_blocks(
        blocks,
        doc_id=hashlib.sha256(data).hexdigest(),
        path=str(path),
        name=path.name,
        format=fmt,
        reader=result.reader,
        pages=result.pages,
        ocr=result.ocr,
        ocr_confidence=result.ocr_confidence,
        warnings=result.warnings + cut,
    )


def too_large(size: int, limit: int) -> str:
    """ "110.0 MB; the limit is 104.9 MB", in bytes when one decimal cannot tell them apart."""
    shown, allowed = f"{size / 1e6:.1f} MB", f"{limit / 1e6:.1f} MB"
    if shown == allowed:
        return f"{size:,} bytes; the limit is {limit:,} bytes"
    return f"{shown}; the limit is {allowed}"


def mask_blocks(blocks: list) -> list:
    """CPR numbers are masked here, once, on the way in (same length, so offsets hold):
    no record, store table, JSON, review page or export can hold one unmasked."""
    out = []
    for b in blocks:
        cells = [mask_cpr(c) for c in b.cells] if b.cells else b.cells
        text = mask_cpr(b.text)
        out.append(b if text == b.text and cells == b.cells else b.model_copy(update={"text": text, "cells": cells}))
    return out


def _read(fmt: str, data: bytes, path: Path, limits: Limits) -> ReaderResult:
    """Run the reader; whatever a parser raises on damaged input becomes one ReadError line."""
    module = importlib.import_module(f"pipeline.ingest.{READERS[fmt]}")
    try:
        return module.read(data, path, limits)
    except ReferatError:
        raise
    except MemoryError as e:
        raise ReadError(f"ran out of memory reading the {fmt} file") from e
    except RecursionError as e:
        raise ReadError(f"the {fmt} file is nested too deeply") from e
    except Exception as e:  # a third-party parser failing on damaged input  # noqa: BLE001
        detail = str(e).strip().splitlines()[0][:120] if str(e).strip() else ""
        raise ReadError(f"damaged {fmt} file ({type(e).__name__}{': ' + detail if detail else ''})") from e


__all__ = ["read_document", "Limits", "DEFAULT_LIMITS", "ReaderResult", "UnsupportedFormat", "SUPPORTED_SUFFIXES"]
