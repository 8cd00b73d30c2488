"""Tell a file's real format from its bytes; the extension is only a hint."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pipeline.errors import UnsupportedFormat

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(data: bytes, path: Path) -> str:
    head = data[:2048]
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, path)
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<%@", b"<?xml")) or b"<html" in lowered[:1024]:
        if lowered.startswith(b"<?xml") and b"<html" not in lowered:
            raise UnsupportedFormat("XML file that is not XHTML")
        return "html"
    if suffix in {".html", ".htm", ".aspx", ".xhtml"} and b"<" in head:
        return "html"
    if _looks_like_text(head):
        return "txt"
    raise UnsupportedFormat(f"unknown or binary format (extension {suffix or 'none'})")


def _zip_kind(data: bytes, path: Path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and z.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                return "odt"
    except zipfile.BadZipFile as e:
        raise UnsupportedFormat(f"broken zip container ({e})") from e
    raise UnsupportedFormat("zip file that is neither .docx nor .odt")


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) < 0.01
