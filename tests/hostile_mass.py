"""A deterministic, seeded archive of hundreds of damaged files mixed with good ones.

`make_mass_corpus(dir, raw_dir, n)` writes `n` mutated files made from the sample
documents in data/raw (truncations, bit flips, lying extensions, random bytes,
empty and tiny files, odd file names) and one good copy of each sample with a
distinct text. Returns {"good": [names], "mutated": [names]}. A mutated file may
still be readable (a bit flip inside a text); what must hold is that every file
ends as imported, unchanged or failed with one line, and nothing crashes.
"""

from __future__ import annotations

import random
from pathlib import Path

SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".odt", ".doc", ".rtf", ".html", ".json")
ODD_NAMES = (
    "mødereferat æøå",
    "Referat (kopi)",
    "  mellemrum  ",
    "a" * 120,
    "semi;colon",
    "quote'd",
    "tab\tname",
    "new\nline",
    "dash-–-name",
    "😀 emoji",
)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, max(1, len(data) - 1))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        if b:
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def _splice(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 4:
        return data
    i, j = sorted(rng.sample(range(len(data)), 2))
    return data[:i] + rng.randbytes(rng.randint(1, 512)) + data[j:]


def _garbage(data: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(1, 20_000))


def _tiny(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, 8)]


MUTATIONS = (_truncate, _flip, _splice, _garbage, _tiny)


def make_mass_corpus(dir: Path, raw_dir: Path, n: int = 520, seed: int = 20261201) -> dict[str, list[str]]:
    rng = random.Random(seed)
    dir.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in raw_dir.iterdir() if p.is_file())
    good = []
    for i, src in enumerate(p for p in sources if p.suffix == ".txt"):
        name = f"good_{i:02d}{src.suffix}"
        text = src.read_text(encoding="utf-8") + f"\nSærlig bemærkning nummer {i}.\n"
        (dir / name).write_text(text, encoding="utf-8")
        good.append(name)
    mutated = []
    for k in range(n):
        src = rng.choice(sources)
        data = rng.choice(MUTATIONS)(src.read_bytes(), rng)
        suffix = rng.choice(SUFFIXES) if rng.random() < 0.3 else src.suffix  # a third lie about their type
        stem = f"{rng.choice(ODD_NAMES)}_{k:03d}" if rng.random() < 0.15 else f"m_{k:03d}"
        name = stem + suffix
        (dir / name).write_bytes(data)
        mutated.append(name)
    return {"good": good, "mutated": mutated}
