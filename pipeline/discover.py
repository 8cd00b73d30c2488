"""Paths -> the files to import: folders walked recursively and sorted, each file once,
what is passed over reported with its reason; and a file's SHA-256 (how a file is
recognised at another path or after a touch)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Optional

from pipeline.ingest import SUPPORTED_SUFFIXES

TEMP_PREFIXES = ("~$", ".~lock", "._")

SkipFn = Callable[[str, str], None]  # (path, reason) of a file passed over


def discover(
    paths: Iterable[Path | str], on_skip: Optional[SkipFn] = None, follow_links: bool = False
) -> Iterator[Path]:
    """Files under `paths` (recursive, sorted), each once. A file named explicitly is
    yielded whatever its suffix; inside folders only supported suffixes are (and .json
    only when it is a dagsorden-portal export). Passed over, each reported to
    `on_skip(path, reason)`: hidden and temporary files with a document suffix,
    dangling links and link loops, FIFOs, sockets and devices, folders that cannot be
    read, and links that leave the folder being imported (unless `follow_links`).
    A folder reached twice (a symlink loop) is not entered again."""
    skip = on_skip or (lambda path, reason: None)
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk(p, os.path.realpath(p), seen_dirs, seen_files, skip, follow_links)
        elif _first_time(p, seen_files):
            yield p


JSON_PEEK_BYTES = 1 << 20


def _foreign_json(path: Path) -> bool:
    """A .json file in a folder is a document only when it is a dagsorden-portal export:
    other JSON (package.json, our own extract output) is not minutes and is passed over."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with open(path, "rb") as fh:
            return b'"dagsordenpunkter"' not in fh.read(JSON_PEEK_BYTES).lower()
    except OSError:
        return False  # unreadable: the reader reports it


def _first_time(path: Path, seen: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def _walk(
    folder: Path, root: str, seen_dirs: set[str], seen_files: set[str], skip: SkipFn, follow_links: bool
) -> Iterator[Path]:
    if not _first_time(folder, seen_dirs):
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        skip(str(folder), f"folder cannot be read ({e.strerror or e})")
        return
    for entry in entries:
        path = Path(entry.path)
        documentish = path.suffix.lower() in SUPPORTED_SUFFIXES
        if entry.name.startswith(".") or entry.name.startswith(TEMP_PREFIXES):
            if documentish and not entry.is_dir(follow_symlinks=False):
                skip(entry.path, "hidden or temporary file")
            continue
        try:
            if entry.is_symlink() and not follow_links:
                target = os.path.realpath(path)
                if not os.path.exists(path):
                    if documentish:
                        skip(entry.path, "link to nothing (dangling or a loop)")
                    continue
                if os.path.commonpath([root, target]) != root:
                    if documentish or path.is_dir():
                        skip(entry.path, "link out of the imported folder (pass --follow-links to follow it)")
                    continue
            if entry.is_dir():
                yield from _walk(path, root, seen_dirs, seen_files, skip, follow_links)
            elif not documentish:
                continue
            elif not entry.is_file():
                skip(
                    entry.path,
                    "not a regular file (a FIFO, socket or device)"
                    if os.path.exists(path)
                    else "link to nothing (dangling or a loop)",
                )
            elif _foreign_json(path):
                skip(entry.path, "JSON that is not a dagsorden-portal export")
            elif _first_time(path, seen_files):
                yield path
        except OSError as e:
            skip(entry.path, f"cannot be read ({e.strerror or e})")


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


__all__ = ["SkipFn", "TEMP_PREFIXES", "discover", "sha256_of"]
