"""LibreOffice headless conversion, for formats best read through .docx
(.doc, and .rtf when LibreOffice is installed). Each call gets a private
profile directory so parallel workers never share one, and a time limit."""

from __future__ import annotations

import os
import shutil
import signal
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
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(Path(tmp) / "out"),
            str(src),
        ]
        stderr = _run(cmd)
        out = Path(tmp) / "out" / "input.docx"
        if not out.exists() or out.stat().st_size == 0:
            detail = f": {stderr}" if stderr else ""
            raise ReadError(f"LibreOffice could not convert the file (corrupt or not a document{detail})")
        return out.read_bytes()


def _run(cmd: list[str]) -> str:
    """Run LibreOffice in its own process group, so that a timeout kills
    soffice.bin too (the soffice script starts it as a grandchild)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired as e:
        raise ResourceLimit(f"LibreOffice took more than {CONVERT_TIMEOUT_S} s to convert the file") from e
    finally:
        _kill_group(proc)  # nothing may outlive the conversion
    errors = [ln for ln in err.decode("utf-8", "replace").splitlines() if "error" in ln.lower()]
    return errors[0].strip()[:120] if errors else ""  # not its javaldx/profile warnings


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
