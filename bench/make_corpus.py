"""Build N distinct minutes documents from the seeds in data/raw, or (--real) from
the real corpus in ../shared/corpus/raw.

    python bench/make_corpus.py OUT_DIR --n 1000 [--formats txt,docx,pdf] [--seed 7]
    python bench/make_corpus.py OUT_DIR --n 1000 --real [--source DIR]

--real: document i is a copy of real document i mod #files (../shared/corpus/raw,
else data/raw when that is absent) with small changes that keep its layout and
make its bytes (and, where cheap, its text) distinct, so the unchanged-file
check skips none of them: .txt/.md get renamed people, moved years, changed
figures and a journal-number line at the end; .docx the same, run by run with
python-docx, and a journal-number paragraph; .json (dagsorden-portal exports)
the same in every string, and a new Id; .pdf an incremental update (pypdf,
the original bytes untouched) with a metadata entry naming the copy and, where
page 1 shows a literal string with digits, one digit in it changed to another
digit the page already uses (so the font has its glyph). PDFs that pypdf
cannot update get a comment after %%EOF (distinct bytes, same text).

The formats take turns (document i is built from seed i mod #seeds). Every
document differs from the others in bytes and in content:

- the people of the seed are renamed consistently (full names and first names
  alone) from lists of common Danish names;
- the meeting moves to another year (every year in the text moves with it) and
  another day of the month;
- percentages and other two-digit figures in running text change;
- runs of consecutive bullet points are shuffled;
- a journal-number line ("Journalnr. 000123") is added at the end.

.txt variants are edited as text; .docx variants with python-docx (run by run,
so the styles survive); .pdf variants are .docx variants converted by
LibreOffice (`soffice --headless --convert-to pdf`, many files per call, two
calls in parallel), which is what made the seed PDFs, so they have the seeds'
layout and fonts with the varied content. Without LibreOffice the .pdf
variants fall back to byte-distinct copies of the seed PDFs (an
incremental-update comment after %%EOF; same text), and a warning says so.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "data" / "raw"
REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "raw"
REAL_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".json")
FIRST = [
    "Anne",
    "Bo",
    "Camilla",
    "Dorte",
    "Erik",
    "Frida",
    "Gustav",
    "Hanne",
    "Ib",
    "Jonna",
    "Karsten",
    "Lise",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Signe",
    "Torben",
    "Ulla",
    "Vibeke",
    "Aksel",
]
LAST = [
    "Andersen",
    "Bech",
    "Dahl",
    "Eriksen",
    "Frost",
    "Gade",
    "Holm",
    "Juhl",
    "Krogh",
    "Lind",
    "Mikkelsen",
    "Nørgaard",
    "Østergaard",
    "Pedersen",
    "Rasmussen",
    "Skov",
    "Thomsen",
    "Vestergaard",
]
NAME = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+) ([A-ZÆØÅ][a-zæøå]+)\b")
YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
DAY_MONTH = re.compile(
    r"\b([12]?\d)\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|"
    r"november|december)\b"
)
FIGURE = re.compile(r"\b(\d{2})(%| procent| andre| medlemmer| deltagere)")
BATCH = 60  # files per LibreOffice call


class Variation:
    """One document's consistent changes: a name map, a year shift, a day, a RNG."""

    def __init__(self, rng: random.Random, names: list[str], i: int):
        self.rng, self.i = rng, i
        self.full: dict[str, str] = {}
        self.first: dict[str, str] = {}
        for name in names:
            first, last = name.split(" ", 1)
            self.first.setdefault(first, rng.choice(FIRST))
            self.full[name] = f"{self.first[first]} {rng.choice(LAST)}"
        self.year_shift = rng.randint(-6, 3)
        self.day = rng.randint(1, 28)
        self.first_date_done = False

    def text(self, s: str) -> str:
        for old, new in self.full.items():
            s = s.replace(old, new)
        for old, new in self.first.items():
            s = re.sub(rf"\b{old}\b", new, s)
        s = YEAR.sub(lambda m: str(int(m.group(1)) + self.year_shift), s)
        s = DAY_MONTH.sub(self._meeting_day, s)
        return FIGURE.sub(lambda m: f"{self.rng.randint(10, 99)}{m.group(2)}", s)

    def _meeting_day(self, m: re.Match) -> str:
        if self.first_date_done:  # only the first date (the meeting's) moves; the calendar stays plausible
            return m.group(0)
        self.first_date_done = True
        return f"{self.day}. {m.group(2)}"


def seed_names(text: str) -> list[str]:
    """Two-word capitalised names in the seeds' participant lines and sentences."""
    stop = {
        "Referat",
        "Dagsorden",
        "Kronprins",
        "Hovedstadskredsen",
        "Der",
        "En",
        "Om",
        "Det",
        "Pga",
        "Som",
        "Kommune",
        "Folkemøde",
        "Kommunalpolitisk",
        "Mandag",
        "Offentlig",
        "Ledelse",
    }
    return sorted({m.group(0) for m in NAME.finditer(text) if m.group(1) not in stop and m.group(2) not in stop})


def shuffle_bullets(lines: list[str], rng: random.Random) -> list[str]:
    """Shuffle each run of consecutive top-level '- ' lines (sub-bullets travel with their bullet)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("- "):
            out.append(lines[i])
            i += 1
            continue
        groups: list[list[str]] = []
        while i < len(lines) and (lines[i].startswith("- ") or (lines[i].startswith(" ") and groups)):
            if lines[i].startswith("- "):
                groups.append([])
            groups[-1].append(lines[i])
            i += 1
        rng.shuffle(groups)
        out.extend(line for g in groups for line in g)
    return out


def make_txt(src: Path, dst: Path, v: Variation) -> None:
    lines = v.text(src.read_text(encoding="utf-8")).split("\n")
    dst.write_text("\n".join(shuffle_bullets(lines, v.rng)) + f"\n\nJournalnr. {v.i:06d}\n", encoding="utf-8")


def make_docx(src: Path, dst: Path, v: Variation) -> None:
    import docx

    d = docx.Document(str(src))
    for p in _all_paragraphs(d):
        for run in p.runs:
            if run.text:
                run.text = v.text(run.text)
    _shuffle_list_runs(d, v.rng)
    d.add_paragraph(f"Journalnr. {v.i:06d}")
    d.save(str(dst))


def _all_paragraphs(d):
    yield from d.paragraphs
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _shuffle_list_runs(d, rng: random.Random) -> None:
    """Shuffle runs of consecutive body paragraphs with the same 'List ...' style."""
    paragraphs = d.paragraphs
    i = 0
    while i < len(paragraphs):
        style = paragraphs[i].style.name if paragraphs[i].style is not None else ""
        j = i
        while (
            j < len(paragraphs)
            and style.startswith("List")
            and paragraphs[j].style.name == style
            and paragraphs[j]._p.getnext() is (paragraphs[j + 1]._p if j + 1 < len(paragraphs) else None)
        ):
            j += 1
        if j - i >= 2:
            elems = [p._p for p in paragraphs[i:j]]
            anchor = elems[0].getprevious()
            order = elems[:]
            rng.shuffle(order)
            for e in elems:
                e.getparent().remove(e)
            for e in reversed(order):
                anchor.addnext(e)
        i = max(j, i + 1)


def make(out: Path, n: int, seed: int = 7, formats: tuple[str, ...] = ("txt", "docx", "pdf")) -> list[Path]:
    """Write n documents into `out`; return their paths."""
    rng = random.Random(seed)
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix.lstrip(".") in formats)
    names = seed_names("\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    pdf_jobs: list[tuple[Path, Path]] = []  # (varied .docx in staging, wanted .pdf)
    staging = Path(tempfile.mkdtemp(prefix="referat-corpus-"))
    try:
        for i in range(n):
            src = seeds[i % len(seeds)]
            dst = out / f"{src.stem}_{i:05d}{src.suffix}"
            v = Variation(random.Random(rng.random()), names, i)
            if src.suffix == ".txt":
                make_txt(src, dst, v)
            elif src.suffix == ".docx":
                make_docx(src, dst, v)
            else:
                staged = staging / f"{dst.stem}.docx"
                make_docx(src.with_suffix(".docx"), staged, v)
                pdf_jobs.append((staged, dst))
            made.append(dst)
        if pdf_jobs:
            _make_pdfs(pdf_jobs, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return made


def _make_pdfs(jobs: list[tuple[Path, Path]], staging: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        print(
            "warning: LibreOffice not found; the .pdf documents are byte-distinct copies of the seed PDFs (same text)",
            file=sys.stderr,
        )
        for _staged, dst in jobs:
            seed = next(SEEDS.glob(f"{dst.stem.rsplit('_', 1)[0]}.pdf"))
            dst.write_bytes(seed.read_bytes() + f"\n% referat-bench {dst.stem}\n".encode())
        return
    batches = [jobs[k : k + BATCH] for k in range(0, len(jobs), BATCH)]

    def convert(lane: int) -> None:  # lane 0 takes the even batches, lane 1 the odd: one profile each
        profile = staging / f"profile{lane}"
        for batch in batches[lane::2]:
            subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(batch[0][1].parent),
                    *[str(staged) for staged, _ in batch],
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=600,
                check=False,
            )

    with ThreadPoolExecutor(max_workers=2) as ex:
        list(ex.map(convert, [0, 1]))
    missing = [dst for _, dst in jobs if not dst.exists()]
    if missing:
        raise SystemExit(f"LibreOffice did not convert {len(missing)} files, e.g. {missing[0].name}")


# ------------------------------------------------------------------ --real


def real_source(source: Path | None = None) -> Path:
    """The real corpus, else the seeds."""
    if source is not None:
        return source
    return REAL if REAL.is_dir() and any(REAL.iterdir()) else SEEDS


def make_real(out: Path, n: int, seed: int = 7, source: Path | None = None, jobs: int = 2) -> list[Path]:
    """Write n layout-keeping variants of the real documents into `out`; return their paths."""
    from concurrent.futures import ProcessPoolExecutor

    src_dir = real_source(source)
    sources = sorted(p for p in src_dir.iterdir() if p.suffix.lower() in REAL_SUFFIXES and p.is_file())
    if not sources:
        raise SystemExit(f"no documents in {src_dir}")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    jobs_ = [
        (
            sources[i % len(sources)],
            out / f"{sources[i % len(sources)].stem}_{i:05d}{sources[i % len(sources)].suffix}",
            i,
            rng.random(),
        )
        for i in range(n)
    ]
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as ex:
        list(ex.map(_make_one_real, jobs_, chunksize=8))
    return [dst for _, dst, _, _ in jobs_]


def _make_one_real(job: tuple[Path, Path, int, float]) -> None:
    src, dst, i, r = job
    rng = random.Random(r)
    suffix = src.suffix.lower()
    if suffix == ".pdf":
        make_real_pdf(src, dst, i, rng)
        return
    if suffix == ".docx":
        import docx

        text = "\n".join(p.text for p in _all_paragraphs(docx.Document(str(src))))
        v = Variation(rng, seed_names(text), i)
        d = docx.Document(str(src))
        for p in _all_paragraphs(d):
            for run in p.runs:
                if run.text:
                    run.text = v.text(run.text)
        d.add_paragraph(f"Journalnr. {i:06d}")
        d.save(str(dst))
        return
    raw = src.read_bytes()
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    text = str(best) if best is not None else raw.decode("utf-8", "replace")
    v = Variation(rng, seed_names(text), i)
    if suffix == ".json":
        import json

        data = json.loads(text)
        data = _map_strings(data, v.text)
        if isinstance(data, dict):
            data["Id"] = f"00000000-0000-4000-8000-{i:012d}"
        dst.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    dst.write_text(v.text(text).rstrip("\n") + f"\n\nJournalnr. {i:06d}\n", encoding="utf-8")


def _map_strings(obj, fn):
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [_map_strings(x, fn) for x in obj]
    if isinstance(obj, dict):
        return {k: _map_strings(v, fn) for k, v in obj.items()}
    return obj


LITERAL = re.compile(rb"\(([^()\\]*\d[^()\\]*)\)")


def make_real_pdf(src: Path, dst: Path, i: int, rng: random.Random) -> bool:
    """An incremental update of `src`: a metadata entry naming the copy and, where cheap, one
    digit of page 1 changed. True if the text changed too."""
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        from pypdf import PdfWriter

        w = PdfWriter(str(src), incremental=True)
        changed = _vary_digit(w.pages[0], rng) if len(w.pages) else False
        w.add_metadata({"/ReferatBenchCopy": f"{i:06d}"})
        buf = io.BytesIO()
        w.write(buf)
        dst.write_bytes(buf.getvalue())
        return changed
    except Exception:  # noqa: BLE001 - a PDF pypdf cannot update: distinct bytes only
        dst.write_bytes(src.read_bytes() + f"\n% referat-bench copy {i:06d}\n".encode())
        return False


def _vary_digit(page, rng: random.Random) -> bool:
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")
    if contents is None:
        return False
    contents = contents.get_object()
    if isinstance(contents, ArrayObject):
        contents = contents[0].get_object()
    data = contents.get_data()
    found = list(LITERAL.finditer(data))
    digits = sorted(set(re.findall(rb"\d", b"".join(m.group(1) for m in found))))
    if not found or len(digits) < 2:
        return False
    m = rng.choice(found)
    old = m.group(1)
    positions = [k for k, c in enumerate(old) if chr(c).isdigit()]
    k = rng.choice(positions)
    new_digit = rng.choice([d for d in digits if d != old[k : k + 1]])
    contents.set_data(data[: m.start(1) + k] + new_digit + data[m.start(1) + k + 1 :])
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--formats", default="txt,docx,pdf", help="comma-separated: txt,docx,pdf")
    ap.add_argument("--real", action="store_true", help="variants of the real corpus (../shared/corpus/raw)")
    ap.add_argument("--source", type=Path, default=None, help="with --real: the folder of real documents")
    a = ap.parse_args()
    if a.real:
        made = make_real(a.out, a.n, a.seed, a.source)
    else:
        made = make(a.out, a.n, a.seed, tuple(a.formats.split(",")))
    print(f"{len(made)} documents in {a.out}")


if __name__ == "__main__":
    main()
