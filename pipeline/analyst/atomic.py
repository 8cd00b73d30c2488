"""Output files written all or nothing: a temporary file beside the target replaces it only
when writing succeeded, so a full disk or an error never leaves a truncated file.
ExportError is the one error of every writer of analyst files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import ReferatError


class ExportError(ReferatError):
    """The export's arguments cannot be used, or the output cannot be written."""


@contextmanager
def atomic_path(out: Path) -> Iterator[Path]:
    """A temporary file beside `out` that replaces it only when the block succeeds, so
    a full disk or an error never leaves a truncated export (the old file stays)."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as e:
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(out: Path, data: bytes) -> None:
    """Write `data` to `out` through atomic_path (an OSError becomes one ExportError line)."""
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)
