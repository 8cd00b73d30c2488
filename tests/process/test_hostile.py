"""Hostile and broken input: every file is refused with a one-line ReferatError,
quickly; fuzzed variants of the seeds are read or refused, never anything else.
Also the format sniffer and the zip/XML safety checks on small inputs."""

from __future__ import annotations

import codecs
import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import RAW
from hostile import BILLION_LAUGHS, make_hostile_corpus
from pipeline.errors import ReadError, ReferatError, UnsafeInput, UnsupportedFormat
from pipeline.ingest import read_document
from pipeline.ingest.base import Limits
from pipeline.ingest.safety import check_zip, parse_xml_safely
from pipeline.ingest.sniff import ALLOWED_BY_SUFFIX, FOREIGN_MAGIC, sniff_format
from pipeline.types import SourceDocument

SECONDS_PER_FILE = 5.0  # a hostile file is refused at once (all take < 0.1 s)
FUZZ_SECONDS_PER_FILE = 20.0  # a damaged PDF may take pdfminer ~2 s; slack for a loaded machine
# The error class each hostile file must raise (a subclass is fine).
EXPECTED = {
    "pdf_named.docx": UnsupportedFormat,
    "error_page.pdf": UnsupportedFormat,
    "zip_of_other.docx": UnsupportedFormat,
    "empty.txt": ReadError,
    "zero_pages.pdf": ReadError,
    "encrypted.pdf": ReadError,
    "truncated.docx": ReadError,
    "truncated.pdf": ReadError,
    "junk.txt": UnsupportedFormat,
    "image.txt": UnsupportedFormat,
    "data.html": UnsupportedFormat,
    "encrypted_office.docx": UnsupportedFormat,
    "ratio_bomb.docx": UnsafeInput,
    "billion_laughs.docx": UnsafeInput,
    "nested_zip.docx": UnsafeInput,
    "many_members.docx": UnsafeInput,
    "dotdot.odt": UnsafeInput,
    "absolute.odt": UnsafeInput,
    "zip_bomb.docx": UnsafeInput,
    "symlink_loop/loop": ReadError,
    "large.txt": ReadError,
}


# Words the one-line message must contain, for the files where the wording matters most.
MESSAGE_WORDS = {
    "pdf_named.docx": "PDF",
    "empty.txt": "empty",
    "encrypted.pdf": "encrypted",
    "zip_bomb.docx": "decompression bomb",
    "billion_laughs.docx": "DTD",
    "dotdot.odt": "unsafe path",
    "large.txt": "too large",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make_hostile_corpus(folder, RAW)


def test_the_corpus_has_every_expected_file(corpus):
    folder, files = corpus
    assert set(files) == set(EXPECTED)
    on_disk = sum((folder / n).stat().st_size for n in files if (folder / n).is_file() and n != "large.txt")
    assert on_disk < 12 * 1024 * 1024  # cheap to build: the bombs are small on disk


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_refused_with_one_line(corpus, name):
    folder, files = corpus
    start = time.monotonic()
    with pytest.raises(ReferatError) as info:
        read_document(folder / name)
    elapsed = time.monotonic() - start
    message = str(info.value)
    assert isinstance(info.value, EXPECTED[name]), f"{name} ({files[name]}): {type(info.value).__name__}: {message}"
    assert message and "\n" not in message and len(message) < 300
    assert MESSAGE_WORDS.get(name, "").lower() in message.lower(), message
    assert elapsed < SECONDS_PER_FILE, f"{name} took {elapsed:.1f} s"


def test_symlink_loop_does_not_trap_discovery(corpus):
    from pipeline.discover import discover

    folder, _ = corpus
    skipped: list[tuple[str, str]] = []
    found = list(discover([folder / "symlink_loop"], on_skip=lambda p, why: skipped.append((p, why))))
    assert found == [] and "link out of the imported folder" in skipped[0][1]  # loop -> .. leaves the tree
    found = [p.name for p in discover([folder / "symlink_loop"], follow_links=True)]  # followed: the corpus, once
    assert sorted(found) == sorted(p.name for p in folder.iterdir() if p.is_file())


# ---------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"%PDF-1.7\n...", "a.pdf", "pdf"),
        (b"{\\rtf1\\ansi Hej}", "a.rtf", "rtf"),
        (b"{\\rtf1\\ansi Hej}", "a.doc", "rtf"),  # Word saves RTF under .doc
        (b"<!DOCTYPE html><html><body>Hej</body></html>", "a.doc", "html"),
        (b"\xef\xbb\xbf<!-- saved -->\r\n<html><body>x</body></html>", "a.htm", "html"),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'/>", "a.xhtml", "html"),
        (b"<div><p>Referat</p></div>", "side.aspx", "html"),
        (b"<p>Referat</p>", "a.txt", "txt"),
        (codecs.BOM_UTF16_LE + "Referat fra mødet\r\n".encode("utf-16-le"), "a.txt", "txt"),
        (codecs.BOM_UTF16_BE + "Referat fra mødet\n".encode("utf-16-be"), "a.txt", "txt"),
        ("Fraværende: Åse Ørum".encode("cp1252"), "a.txt", "txt"),
        (b"Referat", "README", "txt"),
        (b"%PDF-1.4\n", "download", "pdf"),  # no extension: the bytes decide
    ],
)
def test_sniff_recognises(data, name, fmt):
    assert sniff_format(data, Path(name)) == fmt


@pytest.mark.parametrize(
    ("data", "name", "error", "words"),
    [
        (b"%PDF-1.4\n", "a.docx", UnsupportedFormat, "named .docx but its content is a PDF"),
        (b"Referat", "a.pdf", UnsupportedFormat, "plain text"),
        (b"<?xml version='1.0'?><referat/>", "a.xml", UnsupportedFormat, "XML file that is not an HTML page"),
        (b"<w:document xmlns:w='urn:x'/>", "a", UnsupportedFormat, "XML"),
        (b"Ref\x00erat" * 100, "a.txt", UnsupportedFormat, "binary"),
        (b"Referat\n" * 1000 + bytes(range(32)) * 200, "a.txt", UnsupportedFormat, "binary"),  # junk after text
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), "a.doc", UnsupportedFormat, "Excel"),
        (b"PK\x03\x04broken", "a.docx", ReadError, "damaged zip"),
    ],
)
def test_sniff_refuses(data, name, error, words):
    with pytest.raises(error, match=words):
        sniff_format(data, Path(name))


@pytest.mark.parametrize(("magic", "what"), FOREIGN_MAGIC)
def test_sniff_names_foreign_files(magic, what):
    with pytest.raises(UnsupportedFormat, match=what):
        sniff_format(magic + bytes(64), Path("x.pdf"))


def test_every_allowed_suffix_accepts_its_own_format():
    own = {
        ".docx": "docx",
        ".docm": "docx",
        ".odt": "odt",
        ".ott": "odt",
        ".pdf": "pdf",
        ".rtf": "rtf",
        ".doc": "doc",
        ".txt": "txt",
        ".text": "txt",
        ".md": "txt",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
        ".aspx": "html",
        ".json": "portal",
    }
    assert set(own) == set(ALLOWED_BY_SUFFIX)
    assert all(fmt in ALLOWED_BY_SUFFIX[s] for s, fmt in own.items())


def test_odt_and_docx_seeds_are_sniffed_from_their_members():
    for name in ("komdir_hb_2022-01-14_referat.docx",):
        data = (RAW / name).read_bytes()
        assert sniff_format(data, Path("no-extension")) == "docx"


# ---------------------------------------------------------------- safety


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"a/../../b.xml": b"<a/>"}, "unsafe path"),
        ({"C:/Windows/x.xml": b"<a/>"}, "unsafe path"),
        ({"\\\\server\\x": b"a"}, "unsafe path"),
        ({"word/x.tar": b"a"}, "nested archive"),
        ({"a.xml": b"<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>"}, "DTD"),
        ({"a.xml": b"<?xml version='1.0'?>" + b" " * (70 * 1024) + b"<a/>"}, "prolog"),
        ({"a.xml": codecs.BOM_UTF16_LE + "<!DOCTYPE a><a/>".encode("utf-16-le")}, "DTD"),
    ],
)
def test_check_zip_refuses(members, words):
    with pytest.raises(UnsafeInput, match=words):
        check_zip(_zip(members), Limits())


def test_check_zip_budgets():
    text = "".join(random.Random(1).choices("abcdefghijklmnopqrstuvwxyzæøå ", k=3 * 1024 * 1024))
    data = _zip({"a.xml": f"<a>{text}</a>".encode()})  # ~1.5x compression
    check_zip(data, Limits())
    with pytest.raises(UnsafeInput, match="expands"):
        check_zip(data, Limits(max_compression_ratio=1.2))
    with pytest.raises(UnsafeInput, match="expands to"):
        check_zip(data, Limits(max_unzipped_bytes=1024 * 1024))
    with pytest.raises(UnsafeInput, match="members"):
        check_zip(_zip({f"{i}.xml": b"<a/>" for i in range(5)}), Limits(max_zip_members=4))


def test_check_zip_allows_office_embeddings_and_plain_packages():
    check_zip(_zip({"word/document.xml": b"<a/>", "word/embeddings/Sheet1.xlsx": _zip({"x.xml": b"<x/>"})}), Limits())
    check_zip((RAW / "komdir_hb_2022-01-14_referat.docx").read_bytes(), Limits())


def test_check_zip_damaged_is_a_read_error():
    data = _zip({"a.xml": b"<a>" + b"x" * 5000 + b"</a>"})
    with pytest.raises(ReadError, match="damaged zip"):
        check_zip(data[: len(data) // 2], Limits())


def test_parse_xml_safely():
    assert parse_xml_safely(b"<a><b>hej</b></a>").find("b").text == "hej"
    with pytest.raises(UnsafeInput):
        parse_xml_safely(BILLION_LAUGHS)
    with pytest.raises(UnsafeInput):
        parse_xml_safely(b'<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>')
    with pytest.raises(ReadError, match="malformed XML"):
        parse_xml_safely(b"<a><b></a>")


# ---------------------------------------------------------------- fuzzing

SEEDS = {suffix: (RAW / f"komdir_hb_2022-01-14_referat{suffix}").read_bytes() for suffix in (".txt", ".docx", ".pdf")}
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _read_or_refuse(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    start = time.monotonic()
    try:
        result = read_document(path)
    except ReferatError as e:
        assert "\n" not in str(e), f"multi-line message: {e!r}"
    else:
        assert isinstance(result, SourceDocument)
    assert time.monotonic() - start < FUZZ_SECONDS_PER_FILE, f"{name}: {len(data)} bytes took too long"


@st.composite
def byte_mutations(draw, data: bytes) -> bytes:
    """Truncate, flip bytes, insert or delete a run, in any combination."""
    out = bytearray(data)
    for op in draw(st.lists(st.sampled_from(["truncate", "flip", "insert", "delete"]), min_size=1, max_size=3)):
        if not out:
            break
        pos = draw(st.integers(0, len(out) - 1))
        if op == "truncate":
            del out[pos:]
        elif op == "flip":
            for p in draw(st.lists(st.integers(0, len(out) - 1), min_size=1, max_size=16)):
                out[p] = draw(st.integers(0, 255))
        elif op == "insert":
            out[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        else:
            del out[pos : pos + draw(st.integers(1, 512))]
    return bytes(out)


@st.composite
def zip_mutations(draw, data: bytes) -> bytes:
    """Remove, shuffle, rename, duplicate or corrupt members of a .docx and re-zip it."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(i.filename, z.read(i)) for i in z.infolist()]
    ops = draw(
        st.lists(
            st.sampled_from(["remove", "shuffle", "rename", "corrupt", "truncate", "stored"]), min_size=1, max_size=3
        )
    )
    method = zipfile.ZIP_DEFLATED
    for op in ops:
        if not members:
            break
        i = draw(st.integers(0, len(members) - 1))
        name, content = members[i]
        if op == "remove":
            del members[i]
        elif op == "shuffle":
            random.Random(draw(st.integers(0, 2**16))).shuffle(members)
        elif op == "rename":
            members[i] = (name + draw(st.sampled_from(["x", ".bak", "/"])), content)
        elif op == "corrupt" and content:
            members[i] = (name, draw(byte_mutations(content)))
        elif op == "truncate":
            members[i] = (name, content[: draw(st.integers(0, len(content)))])
        else:
            method = zipfile.ZIP_STORED
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, content in members:
            if not name.endswith("/"):
                z.writestr(name, content)
    return buf.getvalue()


@pytest.mark.slow  # fuzzing
@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=120)
@given(data=st.data())
def test_fuzz_text(fuzz_dir, data):
    _read_or_refuse(fuzz_dir, "fuzz.txt", data.draw(byte_mutations(SEEDS[".txt"])))


@pytest.mark.slow  # fuzzing
@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=150)
@given(data=st.data())
def test_fuzz_docx(fuzz_dir, data):
    seed = SEEDS[".docx"]
    variant = data.draw(st.one_of(byte_mutations(seed), zip_mutations(seed)))
    _read_or_refuse(fuzz_dir, "fuzz.docx", variant)


@pytest.mark.slow
@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=30)  # ~0.5 s each: the slowest format
@given(data=st.data())
def test_fuzz_pdf(fuzz_dir, data):
    _read_or_refuse(fuzz_dir, "fuzz.pdf", data.draw(byte_mutations(SEEDS[".pdf"])))


@pytest.mark.slow  # fuzzing
@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_fuzz_mixed(fuzz_dir, data):
    """The head of one seed glued to the tail of another, under any of the names."""
    a, b = data.draw(st.sampled_from(list(SEEDS))), data.draw(st.sampled_from(list(SEEDS)))
    cut_a = data.draw(st.integers(0, len(SEEDS[a])))
    cut_b = data.draw(st.integers(0, len(SEEDS[b])))
    suffix = data.draw(st.sampled_from([".txt", ".docx", ".pdf", ".odt", ".html", ""]))
    _read_or_refuse(fuzz_dir, f"mixed{suffix}", SEEDS[a][:cut_a] + SEEDS[b][cut_b:])
