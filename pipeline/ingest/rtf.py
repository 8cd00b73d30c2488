"""Rich Text Format (.rtf). With LibreOffice installed the file is converted to
.docx (headings, lists and tables survive); otherwise striprtf, a small
pure-Python converter, gives the plain text, read line by line."""
from __future__ import annotations

from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest import convert
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.text import text_blocks


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    if convert.soffice():
        from pipeline.ingest import docx

        result = docx.read(convert.to_docx(data, ".rtf"), path, limits)
        return result.model_copy(update={"reader": "libreoffice+python-docx"})
    return ReaderResult(blocks=text_blocks(plain_text(data)), reader="striprtf")


def plain_text(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("latin-1")  # RTF is 7-bit with \'xx escapes; code page set inside
    try:
        return rtf_to_text(raw, errors="replace")
    except Exception as e:  # striprtf raises plain exceptions on broken groups  # noqa: BLE001
        raise ReadError(f"damaged RTF ({type(e).__name__})") from e
