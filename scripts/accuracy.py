"""Print the README's accuracy table: macro F1 per rendition of the seeds
(against tests/data/expected, the hand annotations) and per document of the
test corpus (tests/corpus/expected). Uses only the project's own scorer.

    python scripts/accuracy.py
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluate import score_documents
from pipeline.extract import extract_record
from pipeline.ingest import read_document
from pipeline.nlp import build_nlp

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "data" / "expected"
SEEDS = {
    ".txt": [ROOT / "data/raw/komdir_hb_2020-09-17_dagsorden.txt", ROOT / "data/raw/komdir_hb_2022-01-14_referat.txt"],
    ".docx": [
        ROOT / "data/raw/komdir_hb_2020-09-17_dagsorden.docx",
        ROOT / "data/raw/komdir_hb_2022-01-14_referat.docx",
    ],
    ".pdf": [ROOT / "data/raw/komdir_hb_2020-09-17_dagsorden.pdf", ROOT / "data/raw/komdir_hb_2022-01-14_referat.pdf"],
    ".odt (2022)": [ROOT / "tests/data/legacy/komdir_hb_2022-01-14_referat.odt"],
    ".rtf (2022)": [ROOT / "tests/data/legacy/komdir_hb_2022-01-14_referat.rtf"],
    ".doc (2020)": [ROOT / "tests/data/legacy/komdir_hb_2020-09-17_dagsorden.doc"],
    "cp1252 .txt (2020)": [ROOT / "tests/data/legacy/komdir_hb_2020-09-17_dagsorden_cp1252.txt"],
    "scanned .pdf, OCR (2020)": [ROOT / "tests/data/legacy/komdir_hb_2020-09-17_dagsorden_scan.pdf"],
}

# Documents written and annotated by someone who had not seen the extractor (tests/test_corpus.py).
BLIND = (
    "gudenaa_",
    "kildeparken_",
    "lindholm_",
    "madfaellesskaber_",
    "moelleaa_",
    "oetif_",
    "solsikken_",
    "strandengen_",
)


def gold_for(path: Path, folder: Path) -> dict:
    stem = next(
        p.stem for p in sorted(folder.glob("*.json"), key=lambda p: -len(p.stem)) if path.stem.startswith(p.stem)
    )
    return json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))


def score(paths: list[Path], folder: Path, nlp) -> tuple[float, dict]:
    triples = [(p.name, gold_for(p, folder), extract_record(read_document(p), nlp).to_gold_json()) for p in paths]
    s = score_documents(triples)
    return s.macro_f1, {k: s.f1(k) for k in s.fields}


def main() -> None:
    nlp = build_nlp()
    fields = [
        "attendees",
        "absentees",
        "agenda_items",
        "agenda_owners",
        "decisions",
        "actions",
        "action_owners",
        "events",
    ]
    print("| rendition | macro F1 | " + " | ".join(fields) + " |")
    print("|---|---|" + "---|" * len(fields))
    for name, paths in SEEDS.items():
        macro, per = score(paths, EXPECTED, nlp)
        print(f"| {name} | {macro:.3f} | " + " | ".join(f"{per[f]:.2f}" for f in fields) + " |")
    corpus = ROOT / "tests" / "corpus"
    docs = sorted(p for p in corpus.iterdir() if (corpus / "expected" / f"{p.stem}.json").exists())
    blind = [p for p in docs if p.stem.startswith(BLIND)]
    own = [p for p in docs if p not in blind]
    for label, paths in (
        (f"test corpus, {len(own)} files of 11 other organisations", own),
        (f"blind-written set, {len(blind)} files of 8 more organisations", blind),
    ):
        macro, per = score(paths, corpus / "expected", nlp)
        print(f"| {label} | {macro:.3f} | " + " | ".join(f"{per[f]:.2f}" for f in fields) + " |")


if __name__ == "__main__":
    main()
