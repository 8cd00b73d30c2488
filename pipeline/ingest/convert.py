"""LibreOffice headless conversion, for formats best read through .docx
(.doc, and .rtf when LibreOffice is installed). Each call gets a private
profile directory so parallel workers never share one, and a time limit."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import ReadError, ResourceLimit

CONVERT_TIMEOUT_S = 90


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, suffix: str) -> bytes:
    """Convert a document's bytes to .docx bytes with LibreOffice."""
    exe = soffice()
    if exe is None:
        raise ReadError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory(prefix="referat-lo-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(Path(tmp) / "out"), str(src)]
        try:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=CONVERT_TIMEOUT_S,
                           check=False)
        except subprocess.TimeoutExpired as e:
            raise ResourceLimit(f"LibreOffice took more than {CONVERT_TIMEOUT_S} s to convert the file") from e
        out = Path(tmp) / "out" / "input.docx"
        if not out.exists() or out.stat().st_size == 0:
            raise ReadError("LibreOffice could not convert the file (corrupt or not a document)")
        return out.read_bytes()
