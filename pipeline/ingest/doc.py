"""Word 97-2003 (.doc). LibreOffice converts it to .docx, which keeps headings,
list levels and tables, and the .docx reader takes over; without LibreOffice,
antiword gives the text, read line by line like a .txt (its "|"-drawn tables
become table rows). With neither, the
file fails with one line naming the Debian packages to install."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pipeline.errors import MissingTool, ReadError
from pipeline.ingest import convert
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.layout import pipe_cells
from pipeline.ingest.limits import MAX_BLOCKS, check_block_count
from pipeline.ingest.sniff import looks_like_language
from pipeline.ingest.text import line_block, normalise
from pipeline.types import BlockKind, RawBlock

INSTALL = "apt-get install libreoffice-writer-nogui  (or: apt-get install antiword)"


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    if convert.soffice():
        from pipeline.ingest import docx

        result = docx.read(convert.to_docx(data, ".doc"), path, limits)
        result = result.model_copy(update={"reader": "libreoffice+python-docx"})
    elif shutil.which("antiword"):
        result = ReaderResult(blocks=tool_text_blocks(_antiword(data)), reader="antiword")
    else:
        raise MissingTool("LibreOffice or antiword (needed for .doc)", INSTALL)
    if not looks_like_language("\n".join(b.text for b in result.blocks)):
        raise ReadError(
            "the .doc file's text is not text in any language (junk behind a Word header: a damaged or disguised file)"
        )
    return result


def tool_text_blocks(text: str) -> list[RawBlock]:
    """Blocks of a text tool's output (antiword, striprtf): lines as in a .txt,
    and "|"-drawn table lines as table rows."""
    blocks = []
    for line in normalise(text).split("\n"):
        cells = pipe_cells(line)
        if cells:
            blocks.append(RawBlock(kind=BlockKind.table_row, text="\t".join(cells), cells=cells))
        elif (block := line_block(line)) is not None:
            blocks.append(block)
        if len(blocks) > MAX_BLOCKS:
            check_block_count(len(blocks))
    return blocks


def _antiword(data: bytes) -> str:
    try:
        out = subprocess.run(
            ["antiword", "-w", "0", "-m", "UTF-8.txt", "-"], input=data, capture_output=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired as e:
        raise ReadError("antiword took more than 60 s") from e
    if out.returncode != 0:
        msg = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"antiword could not read the file ({msg[0] if msg else 'exit ' + str(out.returncode)})")
    return out.stdout.decode("utf-8", "replace")
