"""A corpus of hostile and broken input files, built on the fly from the seeds.

`make_hostile_corpus(dir, seeds_dir)` writes every file into `dir` and returns
{relative file name: what it is}. Each one must be refused by
`pipeline.ingest.read_document` with a one-line ReferatError, quickly. Big
files are cheap: the zip bomb is ~1 GB of zeros compressed to a few MB, and
the oversized text file is sparse (made with truncate, no data written).
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from helpers.pdf import pdf_bytes
from pipeline.ingest.base import DEFAULT_LIMITS

MB = 1024 * 1024
BOMB_BYTES = 1024 * MB  # declared (and real) size of the zip bomb's document.xml
RATIO_BOMB_BYTES = 100 * MB  # under the total budget: only the ratio check catches it
SEED_STEM = "komdir_hb_2022-01-14_referat"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>Referat &lol9;</w:t></w:r></w:p></w:body></w:document>
"""
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ODT_CONTENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text><text:p>Referat af bestyrelsesm\xc3\xb8de</text:p></office:text></office:body>
</office:document-content>
"""
HTML_ERROR_PAGE = b"""<!DOCTYPE html>
<html><head><title>404 Not Found</title></head>
<body><h1>Siden blev ikke fundet</h1><p>Dokumentet findes ikke.</p></body></html>
"""
PLAIN_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<referat><dato>2022-01-14</dato><punkt nr="1">Godkendelse af dagsorden</punkt></referat>
"""


def make_hostile_corpus(dir: Path, seeds_dir: Path) -> dict[str, str]:
    """Write the hostile files into `dir`; {name relative to dir: description}."""
    dir.mkdir(parents=True, exist_ok=True)
    seed_pdf = (seeds_dir / f"{SEED_STEM}.pdf").read_bytes()
    seed_docx = (seeds_dir / f"{SEED_STEM}.docx").read_bytes()
    rng = random.Random(20220114)
    files: dict[str, tuple[bytes, str]] = {
        "pdf_named.docx": (seed_pdf, "a PDF named .docx"),
        "error_page.pdf": (HTML_ERROR_PAGE, "an HTML error page saved as .pdf"),
        "zip_of_other.docx": (
            _zip({"notes.txt": b"hej", "data.csv": b"a;b\n1;2\n"}),
            "a .docx that is a zip of something else",
        ),
        "empty.txt": (b"", "an empty file"),
        "zero_pages.pdf": (zero_page_pdf(), "a PDF with no pages"),
        "encrypted.pdf": (encrypted_pdf(seed_pdf), "a password-protected PDF"),
        "truncated.docx": (seed_docx[: len(seed_docx) // 2], "a .docx cut in half"),
        "truncated.pdf": (seed_pdf[: len(seed_pdf) * 2 // 3], "a PDF cut at two thirds"),
        "junk.txt": (rng.randbytes(64 * 1024), "random binary data named .txt"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048), "a PNG image named .txt"),
        "data.html": (PLAIN_XML, "XML that is not HTML, named .html"),
        "encrypted_office.docx": (
            _ole_with_stream("EncryptedPackage"),
            "a password-protected Office file (OLE EncryptedPackage)",
        ),
        "ratio_bomb.docx": (
            _docx_with(seed_docx, "word/document.xml", zeros=RATIO_BOMB_BYTES, level=9),
            "a .docx whose document.xml expands ~1000x (100 MB of zeros)",
        ),
        "billion_laughs.docx": (
            _docx_with(seed_docx, "word/document.xml", content=BILLION_LAUGHS),
            "a .docx whose document.xml declares nested entities (billion laughs)",
        ),
        "nested_zip.docx": (
            _docx_with(seed_docx, "word/media/archive.zip", content=_zip({"a.txt": b"a"})),
            "a .docx with a zip archive inside",
        ),
        "many_members.docx": (
            _docx_with_many(seed_docx, DEFAULT_LIMITS.max_zip_members + 1),
            "a .docx with more members than the limit",
        ),
        "dotdot.odt": (
            _zip({"mimetype": ODT_MIMETYPE, "content.xml": ODT_CONTENT, "../../evil.txt": b"x"}),
            "an .odt with a '..' member path",
        ),
        "absolute.odt": (
            _zip({"mimetype": ODT_MIMETYPE, "content.xml": ODT_CONTENT, "/etc/evil": b"x"}),
            "an .odt with an absolute member path",
        ),
    }
    out = {name: desc for name, (_, desc) in files.items()}
    for name, (data, _) in files.items():
        (dir / name).write_bytes(data)
    _write_zip_bomb(dir / "zip_bomb.docx", seed_docx)
    out["zip_bomb.docx"] = "a .docx whose document.xml is ~1 GB of zeros (a few MB on disk)"
    loop = dir / "symlink_loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "loop").is_symlink():
        (loop / "loop").symlink_to("..", target_is_directory=True)
    out["symlink_loop/loop"] = "a directory symlink loop (loop -> ..)"
    with open(dir / "large.txt", "wb") as f:  # sparse: no data is written
        f.truncate(DEFAULT_LIMITS.max_file_bytes + 1)
    out["large.txt"] = "a file just over the size limit (sparse)"
    return out


# ---------------------------------------------------------------- builders


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _seed_members(seed_docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _docx_with(seed_docx: bytes, name: str, content: bytes = b"", zeros: int = 0, level: int = 6) -> bytes:
    """The seed .docx with one member replaced or added (content, or `zeros` zero bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for member, data in _seed_members(seed_docx).items():
            if member != name:
                z.writestr(member, data)
        if zeros:
            _write_zeros(z, name, zeros)
        else:
            z.writestr(name, content)
    return buf.getvalue()


def _write_zeros(z: zipfile.ZipFile, name: str, size: int) -> None:
    chunk = bytes(16 * MB)
    with z.open(name, "w", force_zip64=True) as f:
        for _ in range(size // len(chunk)):
            f.write(chunk)
        f.write(bytes(size % len(chunk)))


def _write_zip_bomb(path: Path, seed_docx: bytes) -> None:
    """~1 GB of zeros as word/document.xml, at compression level 1 (fast, ~5 MB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for member, data in _seed_members(seed_docx).items():
            if member != "word/document.xml":
                z.writestr(member, data)
        _write_zeros(z, "word/document.xml", BOMB_BYTES)


def _docx_with_many(seed_docx: bytes, count: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for member, data in _seed_members(seed_docx).items():
            z.writestr(member, data)
        for i in range(count):
            z.writestr(f"customXml/item{i}.bin", b"")
    return buf.getvalue()


def _ole_with_stream(stream: str) -> bytes:
    """An OLE compound-file header whose directory names `stream` (enough for sniffing)."""
    sector = bytearray(512)
    sector[: len(OLE_MAGIC)] = OLE_MAGIC
    entry = stream.encode("utf-16-le").ljust(128, b"\x00")
    return bytes(sector) + entry * 4 + bytes(1024)


def zero_page_pdf() -> bytes:
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def encrypted_pdf(seed_pdf: bytes) -> bytes:
    """The seed encrypted with a user password (pypdf), or a hand-made PDF whose
    standard security handler rejects the empty password when pypdf is missing."""
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        return _handmade_encrypted_pdf()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(seed_pdf)))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _handmade_encrypted_pdf() -> bytes:
    encrypt = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>"
    return pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] ",
    )
