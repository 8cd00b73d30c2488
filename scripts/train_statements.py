"""Train and evaluate the statement model (pipeline/nlp/statement_model.py), offline.

    python scripts/train_statements.py              # collect, leave-one-organisation-out, train, package
    python scripts/train_statements.py --folds-only # the evaluation only (no packaging)
    python scripts/train_statements.py --no-eval    # train and package with the thresholds in meta.json

Data: every annotated document there is, read, segmented and extracted as the import
does (rules only, `build_nlp()`), each sentence the statement rules read labelled
decision / action when a gold record's text overlaps it (models/statements/config.cfg,
[referat]):
  real  ../shared/corpus/{raw,gold}, organisation from MANIFEST.tsv ("Greve Kommune -
        Byrådet" and its committees are one organisation: one portal)
  own   tests/corpus (+ expected), tests/blind/{raw,gold}, the seeds
        (../shared/seeds/*.txt + ../shared/gold): always training data
Evaluation: leave one real organisation out, train on the other organisations and the
own documents, score the left-out organisation's sentences. Sentence level: the model
alone (threshold 0.5) against "a rule record covers it". Field level: the rules' records,
and the rules with the model's second opinion ((a) drop rule records the model scores
below a threshold, (b) add sentences no rule reached above a threshold, (c) both), scored
with ../shared/tools/score.py; each fold's thresholds are chosen on the other folds'
held-out scores only. Then one model is trained on everything, with the thresholds
chosen on all folds, and written to models/statements/model/ (figures in its meta.json and
models/statements/README.md). Nothing of the corpus is written into the repository
except the trained weights; predictions go to --work (default /tmp/referat-statements).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import pickle
import random
import re
import shutil
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("pipeline") is None:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
REAL_RAW, REAL_GOLD = SHARED / "corpus" / "raw", SHARED / "corpus" / "gold"
MANIFEST = SHARED / "corpus" / "MANIFEST.tsv"
SCORE_PY = SHARED / "tools" / "score.py"
OWN = [
    (ROOT / "tests" / "corpus", ROOT / "tests" / "corpus" / "expected"),
    (ROOT / "tests" / "blind" / "raw", ROOT / "tests" / "blind" / "gold"),
    (SHARED / "seeds", SHARED / "gold"),
]
OUT = ROOT / "models" / "statements"
CONFIG = OUT / "config.cfg"
TARGET = OUT / "model"
README = OUT / "README.md"
VERSION = "0.1.0"
FIELDS = ("decisions", "actions", "action_owners")
VARIANTS = ("rules", "drop", "add", "both")
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class DocData:
    name: str
    org: str
    real: bool
    gold: dict
    record: Any  # MeetingRecord
    cands: list  # statement_model.Candidate
    y: list[tuple[int, int]] = field(default_factory=list)


# ---------------------------------------------------------------- 1. collect


def organisations() -> dict[str, str]:
    out = {}
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) >= 3:
            org = re.split(r" \(| - ", cols[2])[0].strip()
            out[Path(cols[0]).stem] = org
    return out


def own_documents() -> list[tuple[Path, Path]]:
    """(raw file, gold file): one rendition per gold file (the seeds' .txt)."""
    out, seen = [], set()
    for raw, gold in OWN:
        if not raw.is_dir():
            continue
        golds = {p.stem: p for p in gold.glob("*.json")}
        for p in sorted(raw.iterdir(), key=lambda p: (p.suffix != ".txt", p.name)):
            if p.stem in golds and p.stem not in seen and p.suffix.lower() not in (".py", ".json"):
                seen.add(p.stem)
                out.append((p, golds[p.stem]))
    return out


def _zones(doc):
    """The blocks the statement rules read, as extract_record builds them."""
    from pipeline.extract import fallback_reference
    from pipeline.extract.events import collect_events
    from pipeline.extract.meeting import meeting_body, meeting_date
    from pipeline.extract.people import find_participants
    from pipeline.segment import segment

    seg = segment(doc.blocks)
    roster = find_participants(seg, doc.doc_id).roster()
    day, _ = meeting_date(seg, doc.doc_id, fallback_reference(doc), doc.name)
    _, remaining = collect_events(seg.items, seg.header, doc.doc_id, day, day or fallback_reference(doc))
    title = seg.title.text if seg.title else None
    zones = [(None, remaining[None])] + [(it.number, remaining[it.number]) for it in seg.items]
    return zones, roster, meeting_body(title, doc.text)


def _tokens(s: str) -> list[str]:
    from pipeline.evaluate import norm

    return WORD.findall(norm(s))


def label(cands, gold: dict, ref: dict) -> list[tuple[int, int]]:
    """Per candidate: (decision, action). A gold record marks the sentence(s) that match
    it best (token F1 >= match_f1, as the scorer matches) and, for a record of several
    sentences, every sentence whose words are mostly inside its text."""
    from pipeline.evaluate import token_f1

    y = [[0, 0] for _ in cands]
    for k, key in enumerate(("decisions", "actions")):
        for g in gold.get(key) or []:
            text = g.get("text", "") if isinstance(g, dict) else str(g)
            f1s = [token_f1(c.text, text) for c in cands]
            best = max(f1s, default=0.0)
            tg = Counter(_tokens(text))
            for i, c in enumerate(cands):
                if best >= ref["match_f1"] and f1s[i] >= best - 1e-9:
                    y[i][k] = 1
                    continue
                ts = _tokens(c.text)
                if len(ts) >= ref["min_contained_words"] and len(ts) < sum(tg.values()):
                    if sum((Counter(ts) & tg).values()) >= ref["contained"] * len(ts):
                        y[i][k] = 1
    return [(a, b) for a, b in y]


def collect(nlp, ref: dict) -> list[DocData]:
    from pipeline.extract import extract_record
    from pipeline.ingest import read_document
    from pipeline.nlp.statement_model import candidates

    orgs = organisations()
    jobs = [(p, REAL_GOLD / f"{p.stem}.json", orgs.get(p.stem, p.stem), True) for p in sorted(REAL_RAW.iterdir())]
    jobs = [j for j in jobs if j[1].exists()]
    jobs += [(p, g, "own", False) for p, g in own_documents()]
    out = []
    for path, gpath, org, real in jobs:
        doc = read_document(path)
        record = extract_record(doc, nlp)
        zones, roster, body = _zones(doc)
        cands = candidates(nlp, zones, record.decisions, record.actions, roster, body, lemmas=bool(ref["lemmas"]))
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        out.append(DocData(path.stem, org, real, gold, record, cands, label(cands, gold, ref)))
    return out


# ---------------------------------------------------------------- 2. train


def load_config():
    from spacy.util import load_config

    cfg = load_config(CONFIG)
    return cfg, dict(cfg["referat"])


def train(cfg, docs: list[DocData], log_every: bool = False):
    """A textcat_multilabel trained on the docs' candidate sentences (config.cfg)."""
    from spacy import util
    from spacy.tokens import Doc
    from spacy.training import Example
    from thinc.api import Config

    from pipeline.nlp.statement_model import LABELS

    t = cfg["training"]
    util.fix_random_seed(t["seed"])
    nlp_cfg = Config({k: cfg[k] for k in ("paths", "system", "nlp", "components")})
    nlp = util.load_model_from_config(nlp_cfg, auto_fill=True, validate=True)
    examples = [
        Example.from_dict(Doc(nlp.vocab, words=c.tokens or ["__empty"]), {"cats": dict(zip(LABELS, map(float, y)))})
        for d in docs
        for c, y in zip(d.cands, d.y)
    ]
    optimizer = util.registry.resolve({"o": cfg["training"]["optimizer"]})["o"]
    nlp.initialize(lambda: examples, sgd=optimizer)
    rng = random.Random(t["seed"])
    for epoch in range(t["max_epochs"]):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in util.minibatch(examples, size=t["batch_size"]):
            nlp.update(batch, drop=t["dropout"], sgd=optimizer, losses=losses)
        if log_every:
            print(f"  epoch {epoch + 1}: loss {losses.get('textcat_multilabel', 0):.2f}", flush=True)
    if optimizer.averages:
        with nlp.use_params(optimizer.averages):  # the averaged weights are what is scored and saved
            return _clone(nlp)
    return nlp


def _clone(nlp):
    from spacy import util

    clone = util.load_model_from_config(nlp.config, auto_fill=False, validate=False)
    clone.from_bytes(nlp.to_bytes())
    return clone


def as_model(nlp, thresholds=None, ref: dict | None = None):
    from pipeline.nlp.statement_model import StatementModel

    return StatementModel(
        nlp=nlp, path=Path("."), thresholds=thresholds or {}, features={"lemmas": bool((ref or {}).get("lemmas"))}
    )


# ---------------------------------------------------------------- 3. evaluate


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """The scorer's convention: nothing predicted and nothing missed is precision 1."""
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def predicted(d: DocData, scores, thresholds) -> dict:
    """The document's gold-format prediction with the model's review applied."""
    from pipeline.nlp.statement_model import review

    decs, acts = review(None, d.cands, list(d.record.decisions), list(d.record.actions), scores, thresholds)
    return d.record.model_copy(update={"decisions": decs, "actions": acts}).to_gold_json()


def field_tally(d: DocData, pred: dict) -> dict[str, tuple[int, int, int]]:
    from pipeline.evaluate import score_pair

    keep = ("decisions", "actions")
    s = score_pair({k: d.gold.get(k) or [] for k in keep}, {k: pred.get(k) or [] for k in keep})
    out = {}
    for f in FIELDS:
        t = s.fields[f]
        out[f] = (t.tp, t.fp, t.fn)
    return out


def grid_tallies(docs: list[DocData], scores: dict[str, list], ref: dict) -> dict:
    """doc -> label -> (drop, add) -> field tallies (decision thresholds move decisions,
    action thresholds actions and action_owners)."""
    out: dict = {}
    for d in docs:
        out[d.name] = {}
        for label_, fields in (("decision", ("decisions",)), ("action", ("actions", "action_owners"))):
            out[d.name][label_] = {}
            for drop, add in product(ref["drop_grid"], ref["add_grid"]):
                th = {label_: {"drop": drop, "add": add}}
                t = field_tally(d, predicted(d, scores[d.name], th))
                out[d.name][label_][(drop, add)] = {f: t[f] for f in fields}
    return out


def fold_f1(tallies: dict, docs_by_org: dict, org: str, label_: str, setting, fld: str) -> float:
    tp = fp = fn = 0
    for name in docs_by_org[org]:
        a, b, c = tallies[name][label_][setting][fld]
        tp, fp, fn = tp + a, fp + b, fn + c
    return prf(tp, fp, fn)[2]


def settings_of(variant: str, ref: dict) -> list:
    drops, adds = ref["drop_grid"], ref["add_grid"]
    if variant == "rules":
        return [(None, None)]
    if variant == "drop":
        return [(d, None) for d in drops]
    if variant == "add":
        return [(None, a) for a in adds]
    return list(product(drops, adds))


def choose(tallies, docs_by_org, orgs: list[str], label_: str, variant: str, ref: dict):
    """The setting with the best macro F1 over `orgs` (ties: the one closest to the rules)."""
    fld = "decisions" if label_ == "decision" else "actions"
    best, best_f = (None, None), -1.0
    for s in settings_of(variant, ref):
        f = sum(fold_f1(tallies, docs_by_org, o, label_, s, fld) for o in orgs) / len(orgs)
        if f > best_f + 1e-9:
            best, best_f = s, f
    return best, best_f


def sentence_table(docs: list[DocData], scores: dict, orgs: list[str]) -> dict:
    """Per label: model alone (p >= 0.5) and 'a rule record covers it', P/R/F macro over folds."""
    out: dict = {}
    for k, label_ in enumerate(("decision", "action")):
        rows: dict = {"model": [], "rules": []}
        for org in orgs:
            m, r = [0, 0, 0], [0, 0, 0]
            for d in docs:
                if d.org != org:
                    continue
                for c, y, s in zip(d.cands, d.y, scores[d.name]):
                    gold = y[k]
                    for acc, pred in (
                        (m, s[label_] >= 0.5),
                        (r, bool(c.decision_rule if label_ == "decision" else c.action_rule)),
                    ):
                        acc[0] += pred and gold
                        acc[1] += pred and not gold
                        acc[2] += gold and not pred
            rows["model"].append(prf(*m))
            rows["rules"].append(prf(*r))
        out[label_] = {k2: tuple(sum(x[i] for x in v) / len(v) for i in range(3)) for k2, v in rows.items()}
    return out


def _score_py():
    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def evaluate(docs: list[DocData], cfg, ref: dict, work: Path) -> dict:
    real = [d for d in docs if d.real]
    own = [d for d in docs if not d.real]
    docs_by_org: dict[str, list[str]] = defaultdict(list)
    for d in real:
        docs_by_org[d.org].append(d.name)
    orgs = sorted(docs_by_org)
    scores: dict[str, list] = {}
    t0 = time.time()
    for i, org in enumerate(orgs):
        train_docs = own + [d for d in real if d.org != org]
        model = as_model(train(cfg, train_docs), ref=ref)
        from pipeline.nlp.statement_model import score

        for d in real:
            if d.org == org:
                scores[d.name] = score(model, d.cands)
        print(f"fold {i + 1}/{len(orgs)} {org}: {time.time() - t0:.0f}s", flush=True)
    sent = sentence_table(real, scores, orgs)
    tallies = grid_tallies(real, scores, ref)
    # nested choice: each fold's thresholds come from the other folds only
    chosen: dict = {v: {} for v in VARIANTS}
    for v in VARIANTS:
        for org in orgs:
            others = [o for o in orgs if o != org]
            chosen[v][org] = {
                lab: choose(tallies, docs_by_org, others, lab, v, ref)[0] for lab in ("decision", "action")
            }
    # write predictions per variant and score each fold with ../shared/tools/score.py
    sp = _score_py()
    if work.exists():
        shutil.rmtree(work)
    per_fold: dict = {v: {} for v in VARIANTS}
    pooled: dict = {}
    for v in VARIANTS:
        all_pred = work / v / "all"
        all_pred.mkdir(parents=True)
        for org in orgs:
            th = {lab: {"drop": s[0], "add": s[1]} for lab, s in chosen[v][org].items()}
            gdir, pdir = work / "gold" / _slug(org), work / v / _slug(org)
            gdir.mkdir(parents=True, exist_ok=True)
            pdir.mkdir(parents=True)
            for d in real:
                if d.org != org:
                    continue
                (gdir / f"{d.name}.json").write_text(json.dumps(d.gold, ensure_ascii=False), encoding="utf-8")
                pred = json.dumps(predicted(d, scores[d.name], th), ensure_ascii=False, default=str)
                (pdir / f"{d.name}.json").write_text(pred, encoding="utf-8")
                (all_pred / f"{d.name}.json").write_text(pred, encoding="utf-8")
            rows, _ = sp.score(gdir, pdir)
            per_fold[v][org] = {f: rows[f]["f1"] for f in FIELDS}
        shutil.copytree(work / "gold", work / "gold_all", dirs_exist_ok=True)
    gall = work / "gold_all_flat"
    gall.mkdir()
    for g in (work / "gold").glob("*/*.json"):
        shutil.copy(g, gall / g.name)
    for v in VARIANTS:
        rows, _ = sp.score(gall, work / v / "all")
        pooled[v] = {f: rows[f]["f1"] for f in FIELDS}
    macro = {v: {f: sum(per_fold[v][o][f] for o in orgs) / len(orgs) for f in FIELDS} for v in VARIANTS}
    final = {lab: choose(tallies, docs_by_org, orgs, lab, "both", ref) for lab in ("decision", "action")}
    per_variant_final = {
        v: {lab: choose(tallies, docs_by_org, orgs, lab, v, ref)[0] for lab in ("decision", "action")} for v in VARIANTS
    }
    return {
        "orgs": orgs,
        "n_docs": {o: len(docs_by_org[o]) for o in orgs},
        "sentence": sent,
        "per_fold": per_fold,
        "macro": macro,
        "pooled": pooled,
        "chosen": {v: {o: {lab: list(s) for lab, s in c.items()} for o, c in chosen[v].items()} for v in VARIANTS},
        "final_both": {lab: list(s[0]) for lab, s in final.items()},
        "final_per_variant": {v: {lab: list(s) for lab, s in c.items()} for v, c in per_variant_final.items()},
        "seconds": round(time.time() - t0),
    }


def _slug(s: str) -> str:
    return re.sub(r"\W+", "_", s).strip("_")[:40]


def pick_integration(ev: dict) -> tuple[str, dict]:
    """The variant whose fold-macro F1 beats the rules on decisions or actions without
    lowering any field; thresholds for each label only where that label gains."""
    m = ev["macro"]
    best, best_gain = "rules", 0.0
    for v in ("drop", "add", "both"):
        if any(m[v][f] < m["rules"][f] - 1e-9 for f in FIELDS):
            continue
        gain = sum(m[v][f] - m["rules"][f] for f in ("decisions", "actions"))
        if gain > best_gain + 1e-9:
            best, best_gain = v, gain
    if best == "rules":
        return best, {lab: {"drop": None, "add": None} for lab in ("decision", "action")}
    th = ev["final_per_variant"][best]
    return best, {lab: {"drop": s[0], "add": s[1]} for lab, s in th.items()}


# ---------------------------------------------------------------- 4. package and report


def package(nlp, thresholds: dict, ev: dict | None, counts: dict, ref: dict) -> None:
    from pipeline.nlp.statement_model import write_meta

    if TARGET.exists():
        shutil.rmtree(TARGET)
    nlp.meta.update(
        {
            "name": "referat_statements",
            "version": VERSION,
            "description": "referat's statement model: decision / action per sentence of Danish minutes",
            "license": "see models/statements/README.md",
        }
    )
    nlp.to_disk(TARGET)
    # The bag-of-words weights are addressed by hashes; the string store would only be the
    # training text's word list (names included), so none is shipped.
    (TARGET / "vocab" / "strings.json").write_text("[]", encoding="utf-8")
    extra = {"thresholds": thresholds, "features": {"lemmas": bool(ref["lemmas"])}, "training_data": counts}
    if ev is not None:
        extra["evaluation"] = {
            "macro_over_folds": ev["macro"],
            "pooled": ev["pooled"],
            "sentence_level": ev["sentence"],
        }
    write_meta(TARGET, extra)


def figures(ev: dict, counts: dict, chosen_variant: str, thresholds: dict, ref: dict) -> str:
    n = len(ev["orgs"])
    lines = [
        f"Leave-one-organisation-out over the real corpus: {n} folds "
        f"({counts['real_docs']} documents); each fold trains on the other organisations and "
        f"the {counts['own_docs']} own documents.",
        "",
        f"**Model alone, sentence level** (macro over the {n} folds; the model at p >= 0.5, "
        "the rules as 'a rule record covers the sentence'):",
        "",
        "| label | classifier | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for lab in ("decision", "action"):
        for who in ("rules", "model"):
            p, r, f = ev["sentence"][lab][who]
            name = "rules alone" if who == "rules" else "model alone"
            lines.append(f"| {lab} | {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    lines += [
        "",
        f"**Rules vs rules + model, per field** (score.py F1; macro over the {n} folds, and pooled over "
        "all documents; each fold's thresholds chosen on the other folds):",
        "",
        "| variant | decisions (macro) | actions (macro) | action_owners (macro) | "
        "decisions (pooled) | actions (pooled) | action_owners (pooled) |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {
        "rules": "rules alone",
        "drop": "(a) rules, model drops low-scored rule records",
        "add": "(b) rules + model adds uncued sentences",
        "both": "(c) both",
    }
    for v in VARIANTS:
        m, p = ev["macro"][v], ev["pooled"][v]
        lines.append(
            f"| {names[v]} | "
            + " | ".join(f"{m[f]:.3f}" for f in FIELDS)
            + " | "
            + " | ".join(f"{p[f]:.3f}" for f in FIELDS)
            + " |"
        )
    lines += ["", "Per fold (F1 of decisions / actions; rules alone -> (c) both):", ""]
    lines += ["| organisation | documents | decisions | actions |", "|---|---|---|---|"]
    for i, org in enumerate(ev["orgs"]):
        r, b = ev["per_fold"]["rules"][org], ev["per_fold"]["both"][org]
        lines.append(
            f"| org {i + 1:02d} | {ev['n_docs'][org]} | {r['decisions']:.2f} -> {b['decisions']:.2f} | "
            f"{r['actions']:.2f} -> {b['actions']:.2f} |"
        )
    th = json.dumps(thresholds)
    lines += [
        "",
        f"Shipped: variant `{chosen_variant}`, thresholds {th} (chosen on all folds' held-out scores). "
        f"Threshold grids: drop {ref['drop_grid']}, add {ref['add_grid']}. "
        f"Evaluation time {ev['seconds']} s.",
    ]
    return "\n".join(lines)


def write_figures(block: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    start, end = "<!-- figures: written by scripts/train_statements.py -->", "<!-- /figures -->"
    new = f"{start}\n{block}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + new + text[text.index(end) + len(end) :]
    else:
        text = text + "\n" + new + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds-only", action="store_true", help="evaluate, do not package")
    ap.add_argument("--no-eval", action="store_true", help="train on everything and package, keep meta thresholds")
    ap.add_argument("--work", type=Path, default=Path("/tmp/referat-statements"), help="predictions and fold gold")
    ap.add_argument("--reuse-eval", action="store_true", help="take the folds' figures from WORK/evaluation.json")
    ap.add_argument("--cache", type=Path, help="keep the collected sentences in this pickle (outside the repo)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not REAL_RAW.is_dir():
        print(f"Error: {REAL_RAW}: no such folder (the real corpus)", file=sys.stderr)
        return 2
    from pipeline.nlp import build_nlp

    cfg, ref = load_config()
    t0 = time.time()
    if a.cache and a.cache.exists():
        docs = pickle.loads(a.cache.read_bytes())
        for d in docs:  # the labels follow config.cfg, the features were computed at collection
            d.y = label(d.cands, d.gold, ref)
    else:
        docs = collect(build_nlp(), ref)
        if a.cache:
            for d in docs:
                for c in d.cands:
                    c.sent = None
            a.cache.write_bytes(pickle.dumps(docs))
    real = [d for d in docs if d.real]
    counts = {
        "real_docs": len(real),
        "own_docs": len(docs) - len(real),
        "organisations": len({d.org for d in real}),
        "sentences": sum(len(d.cands) for d in docs),
        "decision_sentences": sum(y[0] for d in docs for y in d.y),
        "action_sentences": sum(y[1] for d in docs for y in d.y),
        "real_sentences": sum(len(d.cands) for d in real),
        "real_decision_sentences": sum(y[0] for d in real for y in d.y),
        "real_action_sentences": sum(y[1] for d in real for y in d.y),
    }
    print(f"collected in {time.time() - t0:.0f}s:", json.dumps(counts), flush=True)
    ev = None
    if a.reuse_eval:
        ev = json.loads((a.work / "evaluation.json").read_text(encoding="utf-8"))
    elif not a.no_eval:
        ev = evaluate(docs, cfg, ref, a.work)
        (a.work / "evaluation.json").write_text(json.dumps(ev, indent=1, default=str), encoding="utf-8")
        print(json.dumps({"macro": ev["macro"], "pooled": ev["pooled"], "sentence": ev["sentence"]}, indent=1))
    if a.folds_only:
        return 0
    if ev is not None:
        variant, thresholds = pick_integration(ev)
    else:
        meta = json.loads((TARGET / "meta.json").read_text(encoding="utf-8")) if TARGET.exists() else {}
        variant, thresholds = "kept", (meta.get("referat") or {}).get("thresholds") or {}
    t1 = time.time()
    nlp = train(cfg, docs)
    print(f"final model trained in {time.time() - t1:.0f}s", flush=True)
    package(nlp, thresholds, ev, counts, ref)
    if ev is not None:
        write_figures(figures(ev, counts, variant, thresholds, ref))
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"wrote {TARGET} ({size / 1e6:.1f} MB); variant {variant}, thresholds {thresholds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
