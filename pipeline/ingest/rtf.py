"""Rich Text Format (.rtf).

Why LibreOffice first: it reads RTF completely (code pages, \\u escapes,
style sheets, list levels, tables) and its .docx goes through the same
reader as Word files, so headings, list levels and table rows come out as
for a .docx. striprtf, a small pure-Python converter, is the fallback when
LibreOffice is not installed: it gives correct text and "|"-drawn table rows
(read like antiword's output), but heading styles and list levels are lost.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest import convert
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.doc import tool_text_blocks


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    if convert.soffice():
        from pipeline.ingest import docx

        result = docx.read(convert.to_docx(data, ".rtf"), path, limits)
        return result.model_copy(update={"reader": "libreoffice+python-docx"})
    return ReaderResult(blocks=tool_text_blocks(plain_text(data)), reader="striprtf")


def plain_text(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("latin-1")  # RTF is 7-bit with \'xx escapes; code page set inside
    try:
        return rtf_to_text(raw, errors="replace")
    except Exception as e:  # striprtf raises plain exceptions on broken groups  # noqa: BLE001
        raise ReadError(f"damaged RTF ({type(e).__name__})") from e
