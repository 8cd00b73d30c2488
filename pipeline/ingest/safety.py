"""Checks before parsing container and XML formats (decompression bombs,
entity expansion, path tricks)."""
from __future__ import annotations

import io
import zipfile

from pipeline.errors import UnsafeInput
from pipeline.ingest.base import Limits

MB = 1024 * 1024


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a zip package (.docx, .odt) that would expand beyond the budget,
    has too many members, names members outside the package, or nests zips."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except zipfile.BadZipFile as e:
        raise UnsafeInput(f"broken zip container ({e})") from e
    if len(infos) > limits.max_zip_members:
        raise UnsafeInput(f"zip package with {len(infos)} members (limit {limits.max_zip_members})")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or ":" in name:
            raise UnsafeInput(f"zip member with an unsafe path: {name!r}")
        total += info.file_size
        if info.file_size > MB and info.compress_size and info.file_size / info.compress_size > limits.max_compression_ratio:
            raise UnsafeInput(f"zip member {name!r} expands {info.file_size // max(info.compress_size, 1)}x "
                              f"(decompression bomb?)")
        if name.lower().endswith((".zip", ".docx", ".odt", ".jar")) and info.file_size > MB:
            raise UnsafeInput(f"nested archive inside the package: {name!r}")
    if total > limits.max_unzipped_bytes:
        raise UnsafeInput(f"zip package expands to {total // MB} MB (limit {limits.max_unzipped_bytes // MB} MB)")


def parse_xml_safely(data: bytes):
    """Parse XML with entities, DTDs and network access off (defusedxml)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException as e:
        raise UnsafeInput(f"XML with a DTD or entities refused ({type(e).__name__})") from e
