"""Tell a file's real format from its bytes; the name is checked against it.

The bytes decide the format (magic numbers, the members of a zip package, the
streams of an OLE file, the markup of a web page). The extension is then held
against that: a file whose content is a different document format than its
name says (a PDF named .docx, an HTML error page saved as .pdf) is refused
with one line saying what it really is, except for the aliases Word itself
writes (RTF or HTML saved as .doc). Files with an unknown or no extension are
read as whatever their bytes are. Only the first bytes and the zip directory
are looked at: nothing is decompressed here beyond a few bytes of "mimetype".
JSON is read only when it is a dagsorden-portal export (an object with a
"Dagsordenpunkter" list, found by one scan of the bytes, nothing parsed here);
other JSON named .json is refused in one line, so a folder of archives with
unrelated .json files costs one scan per file.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

from pipeline.errors import ReadError, UnsupportedFormat

HEAD_BYTES = 4096
SAMPLE_BYTES = 4096  # text check: head, middle and tail samples of this size
MAX_CONTROL_SHARE = 0.01  # share of C0 control characters a text file may have

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; an empty archive

# Magic numbers of files that are not documents, for a clear refusal.
FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# OLE compound files: a directory entry name (UTF-16LE) -> format, or a reason to refuse.
OLE_STREAMS: tuple[tuple[str, str | None, str], ...] = (
    ("EncryptedPackage", None, "an encrypted (password protected) Office document"),
    ("WordDocument", "doc", ""),
    ("Workbook", None, "an Excel workbook (.xls), not a text document"),
    ("PowerPoint Document", None, "a PowerPoint presentation (.ppt), not a text document"),
    ("__substg1.0_", None, "an Outlook message (.msg); save its text or attachment instead"),
)

# Zip packages: a member that identifies the package -> format, or a reason to refuse.
ZIP_MEMBERS: tuple[tuple[str, str | None, str], ...] = (
    ("word/document.xml", "docx", ""),
    ("xl/workbook.xml", None, "an Excel workbook (.xlsx), not a text document"),
    ("ppt/presentation.xml", None, "a PowerPoint presentation (.pptx), not a text document"),
    ("EncryptedPackage", None, "an encrypted (password protected) Office document"),
)
# OpenDocument packages: the "mimetype" member -> format, or a reason to refuse.
ODF_MIMETYPES: tuple[tuple[str, str | None, str], ...] = (
    ("application/vnd.oasis.opendocument.text-template", "odt", ""),
    ("application/vnd.oasis.opendocument.text", "odt", ""),
    ("application/vnd.oasis.opendocument.spreadsheet", None, "an OpenDocument spreadsheet (.ods)"),
    ("application/vnd.oasis.opendocument.presentation", None, "an OpenDocument presentation (.odp)"),
)

# What the bytes may be for a file with this extension. Extensions not listed
# here (or none) accept any format.
ALLOWED_BY_SUFFIX: dict[str, frozenset[str]] = {
    ".docx": frozenset({"docx"}),
    ".docm": frozenset({"docx"}),
    ".odt": frozenset({"odt"}),
    ".ott": frozenset({"odt"}),
    ".pdf": frozenset({"pdf"}),
    ".rtf": frozenset({"rtf"}),
    ".doc": frozenset({"doc", "rtf", "html", "docx"}),  # Word saves RTF, HTML and .docx under .doc
    ".txt": frozenset({"txt", "html", "portal"}),
    ".text": frozenset({"txt", "html", "portal"}),
    ".md": frozenset({"txt", "html"}),
    ".html": frozenset({"html", "txt"}),
    ".htm": frozenset({"html", "txt"}),
    ".xhtml": frozenset({"html"}),
    ".aspx": frozenset({"html", "txt"}),
    ".json": frozenset({"portal"}),
}
FORMAT_NAMES: dict[str, str] = {
    "pdf": "a PDF",
    "docx": "a Word .docx document",
    "odt": "an OpenDocument text (.odt)",
    "doc": "a Word 97-2003 .doc document",
    "rtf": "an RTF document",
    "html": "an HTML page",
    "txt": "plain text",
    "portal": "a dagsorden-portal JSON export",
}
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".aspx"})
# The start of a web page, after a BOM, whitespace and comments.
HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|%@)\b", re.I)
XHTML_NAMESPACE = b"http://www.w3.org/1999/xhtml"
_LEADING_JUNK = re.compile(rb"^(?:\s|<!--.*?-->|<\?xml[^>]*\?>|<!doctype[^>]*>)*", re.I | re.S)
JSON_START = ("{", "[")  # the first character of a JSON document (after a BOM and whitespace)
# The key that makes a JSON document a dagsorden-portal export: the list of agenda items.
PORTAL_ITEMS_KEY = re.compile(r'"Dagsordenpunkter"\s*:\s*\[', re.I)
PORTAL_ITEMS_KEY_BYTES = re.compile(PORTAL_ITEMS_KEY.pattern.encode(), re.I)


def sniff_format(data: bytes, path: Path) -> str:
    """The format of `data` ("txt", "docx", "pdf", "odt", "doc", "rtf", "html", "portal"),
    or UnsupportedFormat / ReadError with one line saying what the file is."""
    suffix = path.suffix.lower()
    fmt = content_format(data, suffix)
    allowed = ALLOWED_BY_SUFFIX.get(suffix)
    if allowed is not None and fmt not in allowed:
        raise UnsupportedFormat(f"the file is named {suffix} but its content is {FORMAT_NAMES[fmt]}{_rename_hint(fmt)}")
    return fmt


def content_format(data: bytes, suffix: str = "") -> str:
    """The format the bytes are, whatever the file is called."""
    if not data:
        raise ReadError("empty file (0 bytes)")
    head = data[:HEAD_BYTES]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return zip_format(data)
    if head.startswith(OLE_MAGIC):
        return ole_format(data, suffix)
    for magic, what in FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormat(f"the file is {what}, not a document")
    text = decoded_head(data)
    if text is None:
        raise UnsupportedFormat("binary data that is not a known document format")
    if text.lstrip("\ufeff \t\r\n")[:1] in JSON_START:
        fmt = json_format(data, suffix)
        if fmt:
            return fmt
    return markup_format(text, suffix)


def json_format(data: bytes, suffix: str = "") -> str | None:
    """ "portal" for a dagsorden-portal export; other JSON named .json is refused;
    None (read it as text) for JSON-like text under another name."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        found = PORTAL_ITEMS_KEY.search(data.decode("utf-32", errors="replace")) is not None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        found = PORTAL_ITEMS_KEY.search(data.decode("utf-16", errors="replace")) is not None
    else:
        found = PORTAL_ITEMS_KEY_BYTES.search(data) is not None
    if found:
        return "portal"
    if suffix == ".json":
        raise UnsupportedFormat(
            "JSON that is not a dagsorden-portal export (it has no Dagsordenpunkter "
            "list of agenda items); only portal exports are read"
        )
    return None


def zip_format(data: bytes) -> str:
    """docx or odt from the zip directory (only "mimetype" is read, at most 200 bytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            for member, fmt, reason in ZIP_MEMBERS:
                if member in names:
                    return _found(fmt, reason)
            if "mimetype" in names:
                with z.open("mimetype") as f:
                    mimetype = f.read(200).decode("ascii", "replace").strip()
                for prefix, fmt, reason in ODF_MIMETYPES:
                    if mimetype.startswith(prefix):
                        return _found(fmt, reason)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        EOFError,
        ValueError,
        OSError,
    ) as e:
        raise ReadError(f"damaged zip container ({_first_line(e)})") from e
    shown = ", ".join(sorted(names)[:3]) or "nothing"
    raise UnsupportedFormat(f"a zip archive that is not a .docx or .odt (it holds {shown})")


def ole_format(data: bytes, suffix: str = "") -> str:
    """An OLE compound file (Word 97, Excel 97, an encrypted .docx ...) from its stream names."""
    for stream, fmt, reason in OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return _found(fmt, reason)
    if suffix == ".doc":
        raise ReadError("damaged Word .doc file (its WordDocument stream is missing)")
    raise UnsupportedFormat("an OLE compound file that is not a Word document")


def decoded_head(data: bytes) -> str | None:
    """The start of the file as text, or None when it is binary.

    A BOM decides the encoding (so UTF-16 and UTF-32 text passes); otherwise samples from
    the head, middle and tail must be free of NULs and nearly free of control
    characters, so binary junk with a text-like start is caught too."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            head = data[len(bom) : HEAD_BYTES]
            text = head[: len(head) - len(head) % (4 if "32" in encoding else 2)].decode(encoding, errors="replace")
            return text if _mostly_text(text.encode("utf-8", "replace")) and "\x00" not in text else None
    mid = max(0, len(data) // 2 - SAMPLE_BYTES // 2)
    samples = (data[:SAMPLE_BYTES], data[mid : mid + SAMPLE_BYTES], data[-SAMPLE_BYTES:])
    if not all(_mostly_text(s) for s in samples):
        return None
    return data[:HEAD_BYTES].decode("utf-8", errors="replace")


def markup_format(text: str, suffix: str = "") -> str:
    """rtf, html or txt for text content; other XML is refused. A file named
    like a web page that starts with a tag is a page even without <html>."""
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("{\\rtf"):
        return "rtf"
    raw = start.encode("utf-8", "replace")
    rest = _LEADING_JUNK.sub(b"", raw, count=1)
    if HTML_START.match(rest) or (raw[:1] == b"<" and XHTML_NAMESPACE in raw) or b"<html" in raw[:1024].lower():
        return "html"
    if raw.lower().startswith(b"<?xml") or (raw[:1] == b"<" and rest[:1] == b"<" and b"xmlns" in raw[:1024]):
        raise UnsupportedFormat("an XML file that is not an HTML page")
    if suffix in HTML_SUFFIXES and rest[:1] == b"<":
        return "html"
    return "txt"


def _mostly_text(sample: bytes) -> bool:
    if not sample:
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) < MAX_CONTROL_SHARE


def _found(fmt: str | None, reason: str) -> str:
    if fmt is None:
        raise UnsupportedFormat(f"the file is {reason}")
    return fmt


def _rename_hint(fmt: str) -> str:
    suffix = {
        "pdf": ".pdf",
        "docx": ".docx",
        "odt": ".odt",
        "doc": ".doc",
        "rtf": ".rtf",
        "html": ".html",
        "txt": ".txt",
        "portal": ".json",
    }[fmt]
    return f" (rename it to {suffix} if that is right)"


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return lines[0][:120] if lines else type(e).__name__


# Text a converter made of bytes that were no document (LibreOffice reads random
# bytes behind an OLE header as UTF-16): private-use, unassigned, surrogate and
# control characters, and letters of no one script (random code units spread over
# Hangul, CJK, Yi, Cyrillic ...). Real text in any language is neither.
NOT_TEXT_CATEGORIES = frozenset({"Co", "Cn", "Cs", "Cc"})
MAX_NOT_TEXT_SHARE = 0.02  # of the non-space characters
MIN_MAIN_SCRIPT_SHARE = 0.6  # of the letters, for the most common script
MIN_LANGUAGE_SAMPLE = 80  # fewer non-space characters than this: too little to tell
LANGUAGE_SAMPLE_CHARS = 20_000
# Scripts written together in one language count as one.
SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "FULLWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}


def looks_like_language(text: str) -> bool:
    """False for text that is no language at all (garbage a converter decoded from
    junk bytes); True for text in any script, and for too little text to tell."""
    import unicodedata

    mid = max(0, len(text) // 2 - LANGUAGE_SAMPLE_CHARS // 4)
    sample = text[: LANGUAGE_SAMPLE_CHARS // 2] + text[mid : mid + LANGUAGE_SAMPLE_CHARS // 2]
    chars = [c for c in sample if not c.isspace()]
    if len(chars) < MIN_LANGUAGE_SAMPLE:
        return True
    odd = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in NOT_TEXT_CATEGORIES)
    if odd / len(chars) > MAX_NOT_TEXT_SHARE:
        return False
    scripts: dict[str, int] = {}
    for c in chars:
        if c.isalpha():
            word = unicodedata.name(c, "UNKNOWN").split(" ", 1)[0]
            script = SCRIPT_GROUPS.get(word, word)
            scripts[script] = scripts.get(script, 0) + 1
    letters = sum(scripts.values())
    return letters < MIN_LANGUAGE_SAMPLE or max(scripts.values()) / letters >= MIN_MAIN_SCRIPT_SHARE
