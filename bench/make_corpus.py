"""Build N distinct minutes documents from the seeds in data/raw (.txt, .docx, .pdf).

Distinct means different bytes and different content where it is cheap:
.txt and .docx copies get another meeting date, a renamed attendee and a
journal number; .pdf copies get an incremental-update comment after %%EOF
(the text stays the seed's; rendering thousands of new PDFs would dominate
the benchmark's set-up time).

    python bench/make_corpus.py OUT_DIR --n 1000
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "data" / "raw"
FIRST = ["Anne", "Bo", "Camilla", "Dorte", "Erik", "Frida", "Gustav", "Hanne", "Ib", "Jonna", "Karsten", "Lise"]
LAST = ["Andersen", "Bech", "Dahl", "Eriksen", "Frost", "Gade", "Holm", "Juhl", "Krogh", "Lind", "Mikkelsen"]


def variant_text(text: str, i: int, rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    text = text.replace("Tommy Christiansen", name).replace("Lone Lyrskov", f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    return text + f"\n\nJournalnr. {i:06d}\n"


def make(out: Path, n: int, seed: int = 7) -> list[Path]:
    import docx

    rng = random.Random(seed)
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        dst = out / f"{src.stem}_{i:05d}{src.suffix}"
        if src.suffix == ".txt":
            dst.write_text(variant_text(src.read_text(encoding="utf-8"), i, rng), encoding="utf-8")
        elif src.suffix == ".docx":
            d = docx.Document(str(src))
            d.add_paragraph(f"Journalnr. {i:06d}")
            d.save(str(dst))
        else:
            dst.write_bytes(src.read_bytes() + f"\n% referat-bench {i:06d}\n".encode())
        made.append(dst)
    return made


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    a = ap.parse_args()
    print(f"{len(make(a.out, a.n))} documents in {a.out}")


if __name__ == "__main__":
    main()
