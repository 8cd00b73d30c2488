"""Rebuild models/da_referat_sm, referat's Danish spaCy pipeline, offline.

    python scripts/train_model.py                 # convert, train, evaluate, package (~10 min, 1 thread)
    python scripts/train_model.py --sweep         # also try the settings listed in SWEEP (models/README.md)
    python scripts/train_model.py --try 128,4,0.2,15   # score one other setting only (no packaging)
    python scripts/train_model.py --evaluate-only # re-score the packaged model, rewrite the README figures

Steps, all under the gitignored models/build/:
1. convert: UD Danish DDT dev/test (CoNLL-U) with the Danish NER tags of the same
   sentences merged into the MISC column (NE=B-PER), and the NER-only train-10k
   file, to .spacy with `python -m spacy convert`. Splits:
     train  = DDT dev, except every 10th sentence  (+ NER train-10k, entities only)
     val    = every 10th DDT dev sentence           (checkpoint selection only)
     test   = DDT test (+ its NER tags)             (held out: never trained or selected on)
2. train with `python -m spacy train models/da_referat_sm.cfg` (one thread);
3. evaluate model-best on the held-out test split (POS, morph, UAS/LAS, lemma,
   NER P/R/F) and measure speed (words/s, one thread);
4. package: copy model-best to models/da_referat_sm/ with meta.json holding the
   held-out figures, and rewrite the figures block of models/README.md.
Data: ../shared/data (see its SOURCES.md), CC BY-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
UD = DATA / "ud_danish_ddt"
NER = DATA / "danish_ner"
MODELS = ROOT / "models"
BUILD = MODELS / "build"
CORPUS = BUILD / "corpus"
CONFIG = MODELS / "da_referat_sm.cfg"
TARGET = MODELS / "da_referat_sm"
README = MODELS / "README.md"
VERSION = "0.1.0"
ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
}
# The chosen settings (the defaults of a plain run) and what --sweep tries; results in models/README.md.
CHOSEN = {"width": 96, "depth": 4, "dropout": 0.1, "epochs": 15}
SWEEP = [
    {"width": 128, "depth": 4, "dropout": 0.2, "epochs": 15},
]
PUBLISHED = {
    "pos": 0.950,
    "morph": 0.937,
    "uas": 0.800,
    "las": 0.756,
    "lemma": 0.944,
    "ents_p": 0.740,
    "ents_r": 0.706,
    "ents_f": 0.723,
}


# ---------------------------------------------------------------- 1. convert
def _conllu_sentences(path: Path) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        sents.append(cur)
    return sents


def _ner_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """token<TAB>tag lines; blank (or whitespace-only) lines between sentences."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
        else:
            word, tag = line.split("\t")[0], line.split("\t")[-1].strip()
            cur.append((word, tag))
    if cur:
        sents.append(cur)
    return sents


def _merge_ner(ud_sent: list[str], ner_sent: list[tuple[str, str]]) -> list[str]:
    """The CoNLL-U sentence with NE=<BIO tag> added to MISC (spacy convert reads it)."""
    tokens = [i for i, line in enumerate(ud_sent) if re.match(r"^\d+\t", line)]
    if len(tokens) != len(ner_sent):
        raise SystemExit(f"NER and UD sentences do not align: {ud_sent[:2]}")
    out = list(ud_sent)
    for i, (word, tag) in zip(tokens, ner_sent):
        cols = out[i].split("\t")
        if cols[1] != word:
            raise SystemExit(f"NER and UD tokens differ: {cols[1]!r} vs {word!r}")
        if tag != "O":
            cols[9] = f"NE={tag}" if cols[9] == "_" else f"{cols[9]}|NE={tag}"
        out[i] = "\t".join(cols)
    return out


def _spacy_convert(src: Path, out_dir: Path, converter: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "convert",
            str(src),
            str(out_dir),
            "--converter",
            converter,
            "--n-sents",
            "10",
            "--lang",
            "da",
        ],
        check=True,
        env={**os.environ, **ONE_THREAD},
        stdout=subprocess.DEVNULL,
    )


def convert() -> dict:
    for f in (
        UD / "da_ddt-ud-dev.conllu",
        UD / "da_ddt-ud-test.conllu",
        NER / "da_ddt-ud-ner-dev.conll",
        NER / "da_ddt-ud-ner-test.conll",
        NER / "da_ddt-ud-ner-train-10k.conll",
    ):
        if not f.exists():
            raise SystemExit(f"Error: {f} is missing (see ../shared/data/SOURCES.md)")
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    raw = BUILD / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    counts = {}
    splits: dict[str, list[list[str]]] = {"train": [], "val": [], "test": []}
    for name in ("dev", "test"):
        ud = _conllu_sentences(UD / f"da_ddt-ud-{name}.conllu")
        ner = _ner_sentences(NER / f"da_ddt-ud-ner-{name}.conll")
        if len(ud) != len(ner):
            raise SystemExit(f"Error: {name}: {len(ud)} UD sentences but {len(ner)} NER sentences")
        for k, (u, n) in enumerate(zip(ud, ner)):
            merged = _merge_ner(u, n)
            split = "test" if name == "test" else ("val" if k % 10 == 9 else "train")
            splits[split].append(merged)
    for split, sents in splits.items():
        path = raw / f"ddt-{split}.conllu"
        path.write_text("\n\n".join("\n".join(s) for s in sents) + "\n\n", encoding="utf-8")
        counts[f"ud_{split}_sentences"] = len(sents)
        counts[f"ud_{split}_tokens"] = sum(1 for s in sents for line in s if re.match(r"^\d+\t", line))
        _spacy_convert(path, CORPUS / "train" if split == "train" else CORPUS, "conllu")
    ner10k = _ner_sentences(NER / "da_ddt-ud-ner-train-10k.conll")
    path = raw / "ner-train-10k.conll"  # spaces, not tabs, and truly blank lines between sentences
    path.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in s) for s in ner10k) + "\n", encoding="utf-8")
    _spacy_convert(path, CORPUS / "train", "ner")
    counts["ner_only_train_sentences"] = len(ner10k)
    counts["ner_only_train_tokens"] = sum(len(s) for s in ner10k)
    (CORPUS / "ddt-val.spacy").rename(CORPUS / "val.spacy")
    (CORPUS / "ddt-test.spacy").rename(CORPUS / "test.spacy")
    (BUILD / "counts.json").write_text(json.dumps(counts, indent=1), encoding="utf-8")
    print("converted:", ", ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


# ---------------------------------------------------------------- 2. train
def _overrides(s: dict) -> list[str]:
    return [
        "--components.tok2vec.model.encode.width",
        str(s["width"]),
        "--components.tok2vec.model.encode.depth",
        str(s["depth"]),
        "--training.dropout",
        str(s["dropout"]),
        "--training.max_epochs",
        str(s["epochs"]),
    ]


def train(settings: dict, out: Path) -> float:
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    log = out.parent / f"{out.name}.log"
    out.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(
            [sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(out), *_overrides(settings)],
            cwd=ROOT,
            env={**os.environ, **ONE_THREAD},
            stdout=fh,
            stderr=subprocess.STDOUT,
        )
    if proc.returncode:
        raise SystemExit(f"Error: spacy train failed, see {log}")
    return time.perf_counter() - start


# ---------------------------------------------------------------- 3. evaluate
def evaluate(model_dir: Path) -> dict:
    """Held-out figures on DDT test (+ NER test) and speed, one thread."""
    os.environ.update(ONE_THREAD)
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model_dir)
    gold = list(DocBin().from_disk(CORPUS / "test.spacy").get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(d.text), d) for d in gold]
    s = nlp.evaluate(examples)
    texts = [d.text for d in gold]
    words = sum(len(d) for d in gold)
    list(nlp.pipe(texts[:20]))  # warm up
    best = 0.0
    for _ in range(3):
        t = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = max(best, words / (time.perf_counter() - t))
    return {
        "pos": s["pos_acc"],
        "morph": s["morph_acc"],
        "uas": s["dep_uas"],
        "las": s["dep_las"],
        "lemma": s["lemma_acc"],
        "ents_p": s["ents_p"],
        "ents_r": s["ents_r"],
        "ents_f": s["ents_f"],
        "ents_per_type": s["ents_per_type"],
        "words_per_second": round(best),
        "test_words": words,
        "test_docs": len(gold),
    }


def lookup_lemma_baseline() -> float:
    """Lemma accuracy of the blank pipeline's lookup tables (spacy-lookups-data) on the same test split."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    gold = list(DocBin().from_disk(CORPUS / "test.spacy").get_docs(nlp.vocab))
    return nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in gold])["lemma_acc"]


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# ---------------------------------------------------------------- 4. package
def package(
    model_dir: Path, target: Path, scores: dict, settings: dict, counts: dict, train_s: float, val: dict
) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model_dir, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        {
            "lang": "da",
            "name": "referat_sm",
            "version": VERSION,
            "description": "referat's small Danish pipeline (tok2vec CNN, morphologizer, parser, edit-tree "
            "lemmatizer, NER), trained offline on UD Danish DDT dev and Danish NER train-10k; "
            "figures are on the held-out DDT test split. Rebuild: python scripts/train_model.py",
            "author": "referat",
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": "UD Danish DDT (dev and test splits)",
                    "url": "https://github.com/UniversalDependencies/UD_Danish-DDT",
                    "license": "CC BY-SA 4.0",
                    "author": "Johannsen, Martínez Alonso, Plank (2015); Buch-Kromann et al. (2003)",
                },
                {
                    "name": "Danish NER on DDT (Plank 2019)",
                    "url": "https://github.com/bplank/danish_ner_transfer",
                    "license": "CC BY-SA 4.0",
                    "author": "Barbara Plank",
                },
            ],
            "performance": {
                "pos_acc": scores["pos"],
                "morph_acc": scores["morph"],
                "dep_uas": scores["uas"],
                "dep_las": scores["las"],
                "lemma_acc": scores["lemma"],
                "ents_p": scores["ents_p"],
                "ents_r": scores["ents_r"],
                "ents_f": scores["ents_f"],
                "ents_per_type": scores["ents_per_type"],
            },
            "referat": {
                "evaluated_on": "UD Danish DDT test + Danish NER test (held out)",
                "validation_scores": val,
                "settings": settings,
                "data": counts,
                "train_seconds": round(train_s),
                "words_per_second_1_thread": scores["words_per_second"],
                "lookup_lemma_acc_baseline": scores.get("lookup_lemma"),
            },
        }
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _validation_scores(model_dir: Path) -> dict:
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    perf = meta.get("performance", {})
    keys = ("pos_acc", "morph_acc", "dep_uas", "dep_las", "lemma_acc", "ents_f")
    return {k: round(perf[k], 4) for k in keys if isinstance(perf.get(k), (int, float))}


def write_readme(scores: dict, settings: dict, tried: list[dict]) -> None:
    def f(x):
        return f"{x:.3f}"

    rows = [
        ("POS (UPOS accuracy)", "pos"),
        ("Morphology (accuracy)", "morph"),
        ("UAS", "uas"),
        ("LAS", "las"),
        ("Lemma (accuracy)", "lemma"),
        ("NER precision", "ents_p"),
        ("NER recall", "ents_r"),
        ("NER F", "ents_f"),
    ]
    lines = [
        "<!-- figures: written by scripts/train_model.py -->",
        "| held-out (DDT test, 565 sentences) | da_referat_sm " + VERSION + " | da_core_news_sm 3.8.0 (published) |",
        "|---|---|---|",
    ]
    lines += [f"| {label} | {f(scores[k])} | {f(PUBLISHED[k])} |" for label, k in rows]
    per = scores.get("ents_per_type") or {}
    if per:
        lines += [
            "",
            "NER per type (held out): "
            + ", ".join(f"{t} F {v['f']:.2f} (P {v['p']:.2f}, R {v['r']:.2f})" for t, v in sorted(per.items())),
        ]
    if scores.get("lookup_lemma") is not None:
        lines += [
            "",
            f"For comparison, the blank pipeline's lemma lookup table (spacy-lookups-data) scores "
            f"{f(scores['lookup_lemma'])} on the same split.",
        ]
    lines += [
        "",
        f"Speed: {scores['words_per_second']:,} words/s on this machine (one thread, `nlp.pipe` over the "
        f"test split, best of three); size {scores['size_mb']:.1f} MB.",
        "",
        f"Chosen settings: width {settings['width']}, depth {settings['depth']}, dropout "
        f"{settings['dropout']}, {settings['epochs']} epochs.",
        "",
    ]
    if tried:
        lines += [
            "Settings tried (held-out test figures; the best checkpoint of each run is chosen on the "
            "validation split only):",
            "",
            "| width | depth | dropout | epochs | train time | POS | morph | UAS | LAS | lemma | NER F |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for t in tried:
            s = t["scores"]
            lines.append(
                f"| {t['width']} | {t['depth']} | {t['dropout']} | {t['epochs']} | {t['train_s'] / 60:.1f} min "
                f"| {f(s['pos'])} | {f(s['morph'])} | {f(s['uas'])} | {f(s['las'])} | {f(s['lemma'])} "
                f"| {f(s['ents_f'])} |"
            )
        lines.append("")
    lines.append("<!-- /figures -->")
    block = "\n".join(lines)
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    if "<!-- figures" in text:
        text = re.sub(r"<!-- figures.*?<!-- /figures -->", lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sweep", action="store_true", help="also train the SWEEP settings and keep the best")
    ap.add_argument(
        "--try",
        dest="try_",
        metavar="WIDTH,DEPTH,DROPOUT,EPOCHS",
        help="train and score one other setting (recorded in models/build/tried.json), no packaging",
    )
    ap.add_argument("--evaluate-only", action="store_true", help="re-score models/da_referat_sm only")
    ap.add_argument("--no-readme", action="store_true", help="do not rewrite models/README.md's figures")
    ap.add_argument("--target", type=Path, default=TARGET, help="where to package the model (default %(default)s)")
    a = ap.parse_args(argv)
    os.chdir(ROOT)
    tried_path = BUILD / "tried.json"
    if a.evaluate_only:
        if not (CORPUS / "test.spacy").exists():
            convert()
        scores = evaluate(a.target)
        scores["lookup_lemma"] = lookup_lemma_baseline()
        scores["size_mb"] = _size_mb(a.target)
        meta = json.loads((a.target / "meta.json").read_text(encoding="utf-8"))
        tried = json.loads(tried_path.read_text(encoding="utf-8")) if tried_path.exists() else []
        print(json.dumps({k: v for k, v in scores.items() if k != "ents_per_type"}, indent=1))
        if not a.no_readme:
            write_readme(scores, meta["referat"]["settings"], tried)
        return 0
    counts = convert()
    runs = [CHOSEN] + (SWEEP if a.sweep else [])
    if a.try_:
        w, d, drop, e = a.try_.split(",")
        runs = [{"width": int(w), "depth": int(d), "dropout": float(drop), "epochs": int(e)}]
    tried = json.loads(tried_path.read_text(encoding="utf-8")) if tried_path.exists() else []
    results = []
    for s in runs:
        out = BUILD / "runs" / f"w{s['width']}-d{s['depth']}-drop{s['dropout']}-e{s['epochs']}"
        print(f"training {out.name} ...", flush=True)
        secs = train(s, out)
        scores = evaluate(out / "model-best")
        val = _validation_scores(out / "model-best")
        print(
            f"  {secs / 60:.1f} min; held out: "
            + ", ".join(f"{k2} {scores[k2]:.3f}" for k2 in ("pos", "morph", "uas", "las", "lemma", "ents_f")),
            flush=True,
        )
        results.append((s, out, scores, val, secs))
        tried = [t for t in tried if {k2: t[k2] for k2 in s} != s] + [{**s, "train_s": secs, "scores": scores}]
    tried_path.write_text(json.dumps(tried, indent=1), encoding="utf-8")
    if a.try_:
        return 0
    # the packaged run: the chosen settings (a sweep only reports; change CHOSEN to switch)
    s, out, scores, val, secs = results[0]
    scores["lookup_lemma"] = lookup_lemma_baseline()
    package(out / "model-best", a.target, scores, s, counts, secs, val)
    scores["size_mb"] = _size_mb(a.target)
    if not a.no_readme:
        write_readme(scores, s, tried)
    print(f"packaged {a.target} ({scores['size_mb']:.1f} MB); {scores['words_per_second']:,} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
