"""Checks before parsing container and XML formats: decompression bombs,
entity expansion, path tricks.

`check_zip` looks at a zip package's central directory (and the first bytes
of each XML member) before any reader opens it: too many members, too much
declared uncompressed data, a member that expands far beyond its compressed
size, member names that leave the package, nested archives, encrypted or
exotically compressed members, and XML with a DTD (OOXML and ODF never have
one; a DTD is how entity-expansion bombs are declared), except a DOCTYPE that
only names an external DTD file and declares nothing (OpenOffice.org 2's
manifest.xml), which no parser here loads. Python's zipfile
never returns more than a member's declared size, so the declared sizes are
a real bound for the readers that follow.

`parse_xml_safely` parses XML with DTDs forbidden and entities, network
access and huge trees off.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from typing import Any

from pipeline.errors import ReadError, UnsafeInput
from pipeline.ingest.base import Limits

MB = 1024 * 1024
RATIO_MIN_BYTES = 1 * MB  # small members (XML) legitimately compress very well
XML_PROLOG_LIMIT = 64 * 1024  # the root element must start within this many bytes
XML_SUFFIXES = (".xml", ".rels")
# Members that are archives themselves. Office embeddings (an .xlsx inside a
# .docx) are never opened by the readers and count against the size budget.
NESTED_ARCHIVE = re.compile(r"\.(?:zip|gz|tgz|bz2|xz|7z|rar|tar|jar|cab)$", re.I)
EMBEDDINGS_DIRS = ("word/embeddings/", "Object ", "ObjectReplacements/")
ALLOWED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_UNSAFE_NAME = re.compile(r"^(?:/|\\|[A-Za-z]:)|(?:^|[/\\])\.\.(?:[/\\]|$)|\x00")
_ROOT_START = re.compile(rb"<[^!?\s]")
_PROLOG = re.compile(rb"\A(?:\s|<\?.*?\?>|<!--.*?-->)*", re.S)
# A DOCTYPE that only names an external DTD by a plain file name, with no internal
# subset (so it declares no entity): what OpenOffice.org 2 wrote at the top of
# META-INF/manifest.xml ('<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD
# Manifest 1.0//EN" "Manifest.dtd">'). No parser here loads external DTDs; a system
# id with a scheme or a path ("http://...", "/etc/...") is still refused.
_QUOTED = rb"(?:\"[^\"]*\"|'[^']*')"
_FILE_NAME = rb"(?:\"[^\"/\\:<>]*\"|'[^'/\\:<>]*')"
HARMLESS_DOCTYPE = re.compile(
    rb"<!DOCTYPE\s+[^\s\[\]<>]+\s+(?:PUBLIC\s+" + _QUOTED + rb"\s+|SYSTEM\s+)" + _FILE_NAME + rb"\s*>"
)


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a zip package (.docx, .odt) that is damaged or hostile, with one line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            _check_members(infos, limits)
            for info in infos:
                if info.filename.lower().endswith(XML_SUFFIXES):
                    _check_xml_prolog(z, info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, OSError) as e:
        raise ReadError(f"damaged zip container ({_first_line(e)})") from e


def _check_members(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_zip_members:
        raise UnsafeInput(f"zip package with {len(infos)} members (limit {limits.max_zip_members})")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if _UNSAFE_NAME.search(name):
            raise UnsafeInput(f"zip member with an unsafe path: {name[:80]!r}")
        if name in seen:
            raise UnsafeInput(f"zip member named twice: {name[:80]!r}")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise ReadError(f"encrypted zip member {name[:80]!r} (password protected)")
        if info.compress_type not in ALLOWED_METHODS:
            raise ReadError(f"zip member {name[:80]!r} uses an unsupported compression method ({info.compress_type})")
        if NESTED_ARCHIVE.search(name) and not name.startswith(EMBEDDINGS_DIRS):
            raise UnsafeInput(f"nested archive inside the package: {name[:80]!r}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > limits.max_compression_ratio:
            raise UnsafeInput(
                f"zip member {name[:80]!r} expands {ratio:.0f}x (limit "
                f"{limits.max_compression_ratio:.0f}x): a decompression bomb?"
            )
        total += info.file_size
    if total > limits.max_unzipped_bytes:
        raise UnsafeInput(f"zip package expands to {total // MB} MB (limit {limits.max_unzipped_bytes // MB} MB)")


def _check_xml_prolog(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Read up to the root element of an XML member and refuse a DTD."""
    with z.open(info) as f:
        head = f.read(XML_PROLOG_LIMIT)
    head = _as_utf8(head)
    prolog = _PROLOG.match(head)
    assert prolog is not None  # the pattern also matches the empty string
    rest = head[prolog.end() :]
    harmless = HARMLESS_DOCTYPE.match(head, prolog.end())
    if harmless:  # what follows it must be the root element, as after any prolog
        after = _PROLOG.match(head[harmless.end() :])
        assert after is not None
        rest = head[harmless.end() + after.end() :]
    if rest[:9].upper() == b"<!DOCTYPE":  # entities can only be declared in a DTD
        raise UnsafeInput(f"XML member {info.filename[:80]!r} declares a DTD or entities (entity expansion?)")
    if not _ROOT_START.match(rest) and len(head) >= XML_PROLOG_LIMIT:
        raise UnsafeInput(f"XML member {info.filename[:80]!r} has a prolog over {XML_PROLOG_LIMIT // 1024} KB")


def _as_utf8(head: bytes) -> bytes:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "replace").encode("utf-8")
    return head.removeprefix(codecs.BOM_UTF8)


def without_harmless_doctype(data: bytes) -> bytes:
    """`data` with a HARMLESS_DOCTYPE after the prolog blanked out (same length), so
    that parse_xml_safely, which refuses every DTD, can read it; an entity the
    document then uses is undefined, a parse error."""
    prolog = _PROLOG.match(data)
    assert prolog is not None
    m = HARMLESS_DOCTYPE.match(data, prolog.end())
    if m is None:
        return data
    return data[: m.start()] + b" " * (m.end() - m.start()) + data[m.end() :]


def parse_xml_safely(data: bytes) -> Any:
    """Parse XML (an ElementTree element) with DTDs, entities and network off.

    A DTD or entity declaration raises UnsafeInput; malformed XML raises ReadError."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise UnsafeInput(f"XML with a DTD or entities refused ({type(e).__name__})") from e
    except ParseError as e:
        raise ReadError(f"malformed XML ({_first_line(e)})") from e


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return lines[0][:120] if lines else type(e).__name__
