"""The statement model: a learned second opinion on decisions and actions.

A small spaCy `textcat_multilabel` (bag of words and bigrams) that scores a
sentence of the minutes as `decision` and as `action`, trained by
scripts/train_statements.py on every annotated document available (model card:
models/statements/README.md). Its input is the sentence's words plus tokens
for what the rules already computed on it: which cues fired
(`__cue_DECISION_vedtage`), the label zone it stands in (`__zone_decision`),
the kind of the person or body it opens with (`__subj_person`) and which rule,
if any, made it a record (`__rd_label`, `__ra_cue`).

Use, as a post-pass after the rules (nothing here runs at import time):

    model = load_statement_model()            # once per process; None when missing
    cands = candidates(nlp, zones, decisions, actions, roster, body)
    decisions, actions = review(model, cands, decisions, actions)

`review` drops a rule record whose sentences all score below the model's drop
threshold and adds a sentence no rule reached that scores above its add
threshold; the thresholds are in the model's meta.json, chosen on held-out
folds (see the model card). A missing model is one log line and the rules
stand alone.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.types import Action, Block, BlockKind, Decision, Provenance

log = logging.getLogger(__name__)

LABELS = ("decision", "action")
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "statements" / "model"
_DIGIT = re.compile(r"\d")


@dataclass
class StatementModel:
    """The loaded classifier and the thresholds it was shipped with."""

    nlp: Language
    path: Path
    # per label: {"drop": t or None, "add": t or None}; None means that use is off
    thresholds: dict[str, dict[str, float | None]] = field(default_factory=dict)
    features: dict[str, Any] = field(default_factory=dict)

    def threshold(self, label: str, use: str) -> float | None:
        return (self.thresholds.get(label) or {}).get(use)


@dataclass
class Candidate:
    """One sentence the rules looked at, with the features the model reads."""

    item: str | None
    block: Block
    sent: Span | None  # None once the candidate is stored away from its Doc
    start: int  # document character offsets of the sentence (after a label's colon)
    end: int
    text: str
    zone: str | None
    tokens: list[str]
    decision_rule: str | None = None  # the rule of a decision record that overlaps it
    action_rule: str | None = None
    owners: list[str] = field(default_factory=list)  # person/body mentions, for an added action


# ---------------------------------------------------------------- loading


def load_statement_model(path: str | Path | None = None) -> StatementModel | None:
    """The trained statement model, or None (one log line) when its folder is missing
    or unreadable: the extractors then run on the rules alone."""
    import spacy

    folder = Path(path) if path is not None else MODEL_DIR
    if not (folder / "meta.json").is_file() or not (folder / "config.cfg").is_file():
        log.warning("statement model: none in %s; decisions and actions from the rules only", folder)
        return None
    try:
        nlp = spacy.load(folder)
    except Exception as e:  # noqa: BLE001 - a broken model: one line, the rules stand alone
        log.warning("statement model: %s cannot be loaded (%s); rules only", folder, " ".join(str(e).split())[:200])
        return None
    ref = nlp.meta.get("referat") or {}
    return StatementModel(
        nlp=nlp, path=folder, thresholds=ref.get("thresholds") or {}, features=ref.get("features") or {}
    )


# ---------------------------------------------------------------- features


@contextmanager
def lemmatizing(nlp: Language, lemmas: bool) -> Iterator[None]:
    """With `lemmas`, the pipeline's lemmatizer enabled while the block inside runs
    (build_nlp builds the rule-based pipeline's disabled: no extractor reads lemmas),
    then disabled again as it was; without, nothing changes."""
    from pipeline.nlp.build import LEMMATIZER, enable_lemmas

    off = lemmas and LEMMATIZER in nlp.disabled
    if off:
        off = enable_lemmas(nlp)
    try:
        yield
    finally:
        if off:
            nlp.disable_pipe(LEMMATIZER)


def _words(sent: Span, lemmas: bool) -> list[str]:
    out = []
    for t in sent:
        if t.is_space:
            continue
        w = _DIGIT.sub("0", t.lower_)
        out.append(w)
        if lemmas and t.lemma_ and t.lemma_.lower() != t.lower_:
            out.append("__l_" + t.lemma_.lower())
    return out


def _rule_kind(rule: str | None) -> str:
    """'decision.decision:vedtage' -> 'decision'; 'action.cue:undersøge' -> 'cue'."""
    if not rule:
        return "none"
    rule = rule.split(".", 1)[-1]
    return rule.split(":", 1)[0]


def features(
    sent: Span,
    *,
    zone: str | None,
    mention_kinds: Sequence[tuple[int, str]] = (),
    decision_rule: str | None = None,
    action_rule: str | None = None,
    block_kind: str | None = None,
    first: bool = False,
    lemmas: bool = False,
) -> list[str]:
    """The model's input tokens for one sentence: its words (lower case, digits as 0)
    then one token per computed feature. mention_kinds: (token index, kind) of the
    people and bodies the owner finder saw in the sentence."""
    toks = _words(sent, lemmas)
    for c in sent.doc.spans.get("cues", []) if "cues" in sent.doc.spans else []:
        if c.start >= sent.start and c.end <= sent.end:
            toks.append(f"__cue_{c.label_}")
            toks.append(f"__cue_{c.label_}_{c.id_}")
    toks.append(f"__zone_{zone or 'none'}")
    opening = [k for i, k in mention_kinds if i <= sent.start + 2]
    toks.append(f"__subj_{opening[0] if opening else 'none'}")
    toks += sorted({f"__ment_{k}" for _, k in mention_kinds})
    toks.append(f"__rd_{_rule_kind(decision_rule)}")
    toks.append(f"__ra_{_rule_kind(action_rule)}")
    toks.append(f"__block_{block_kind or 'none'}")
    n = len([t for t in sent if not t.is_space and not t.is_punct])
    toks.append("__len_" + ("1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"))
    if first:
        toks.append("__first")
    if sent.text.rstrip().endswith("?"):
        toks.append("__question")
    return toks


def candidates(
    nlp: Language,
    zones: Iterable[tuple[str | None, list[Block]]],
    decisions: Sequence[Decision],
    actions: Sequence[Action],
    roster: Any = None,
    meeting_body: str | None = None,
    *,
    lemmas: bool = False,
) -> list[Candidate]:
    """Every sentence of the blocks the statement rules read (extract_record's zones:
    item number -> its blocks, table rows left out), with its features and the rule
    records that overlap it (by their provenance offsets)."""
    from pipeline.extract.owners import OwnerFinder  # the extractors' vocabulary, not loaded at import
    from pipeline.extract.zones import LABEL, Labels

    labels = Labels()
    finder = OwnerFinder(roster, meeting_body) if roster is not None else None
    blocks = [(item, b) for item, bs in zones for b in bs if b.kind != BlockKind.table_row]
    out: list[Candidate] = []
    zone: str | None = None
    current: object = object()
    with lemmatizing(nlp, lemmas):
        docs = list(nlp.pipe([b.text for _, b in blocks], batch_size=64))
    for (item, block), doc in zip(blocks, docs):
        if item != current:
            zone, current = None, item
        m = LABEL.match(block.text)
        label = m.group("label").casefold().strip(" *_") if m else block.text.casefold().strip(" :*_")
        kind = labels.kind(label, bool(m), block)
        start_char = 0
        here: str | None
        if kind:
            if not (m and m.group("rest").strip()):
                zone = kind  # "Beslutning:" alone: the blocks under it
                continue
            start_char, here = m.start("rest"), kind
            zone = "after_decision" if kind == "decision" else kind
        else:
            if block.kind == BlockKind.heading:
                zone = None
            here = zone
            if zone == "decision" and block.kind != BlockKind.list_item:
                zone = "after_decision"
        sents = [s for s in doc.sents if s.end_char > start_char]
        for k, sent in enumerate(sents):
            s0 = max(start_char, sent.start_char)
            text = doc.text[s0 : sent.end_char].strip()
            if not text:
                continue
            begin = block.start + doc.text.index(text, s0)
            end = begin + len(text)
            drule = next(
                (d.provenance.rule for d in decisions if d.provenance.start < end and d.provenance.end > begin), None
            )
            arule = next(
                (a.provenance.rule for a in actions if a.provenance.start < end and a.provenance.end > begin), None
            )
            mentions = finder.mentions(sent) if finder is not None else []
            kinds = [(mt.start, mt.kind) for mt in mentions]
            toks = features(
                sent,
                zone=here,
                mention_kinds=kinds,
                decision_rule=drule,
                action_rule=arule,
                block_kind=block.kind.value if hasattr(block.kind, "value") else str(block.kind),
                first=k == 0,
                lemmas=lemmas,
            )
            owners = [mt.name for mt in mentions if mt.kind in ("person", "body", "group", "org", "collective")]
            out.append(Candidate(item, block, sent, begin, end, text, here, toks, drule, arule, owners[:1]))
    return out


# ---------------------------------------------------------------- scoring


def score_tokens(model: StatementModel, token_lists: Sequence[list[str]], batch_size: int = 256) -> list[dict]:
    """{'decision': p, 'action': p} for each list of feature tokens."""
    nlp = model.nlp
    docs = (Doc(nlp.vocab, words=toks or ["__empty"]) for toks in token_lists)
    return [{k: float(d.cats.get(k, 0.0)) for k in LABELS} for d in nlp.pipe(docs, batch_size=batch_size)]


def score(model: StatementModel, cands: Sequence[Candidate]) -> list[dict]:
    return score_tokens(model, [c.tokens for c in cands])


def score_sentences(model: StatementModel, nlp: Language, texts: Sequence[str]) -> list[dict]:
    """Scores for free-standing sentences (no zone, no roster, no rule record): the
    rules' pipeline `nlp` supplies the cues. Each text is read as one sentence."""
    lemmas = bool(model.features.get("lemmas"))
    with lemmatizing(nlp, lemmas):
        toks = [features(doc[:], zone=None, first=True, lemmas=lemmas) for doc in nlp.pipe(texts)]
    return score_tokens(model, toks)


# ---------------------------------------------------------------- review


def review(
    model: StatementModel | None,
    cands: Sequence[Candidate],
    decisions: list[Decision],
    actions: list[Action],
    scores: Sequence[dict] | None = None,
    thresholds: dict[str, dict[str, float | None]] | None = None,
) -> tuple[list[Decision], list[Action]]:
    """The rules' records after the model's second opinion: a record whose sentences
    all score below the drop threshold goes; a sentence no record of that kind covers
    and that scores at least the add threshold becomes one. Records that cover no
    candidate sentence (titles, table rows) stay. No model: the records unchanged."""
    if model is None and scores is None:
        return decisions, actions
    if scores is None:
        assert model is not None
        scores = score(model, cands)
    th = thresholds if thresholds is not None else (model.thresholds if model else {})
    out: dict[str, list] = {}
    for label, records in (("decision", decisions), ("action", actions)):
        t = th.get(label) or {}
        drop, add = t.get("drop"), t.get("add")
        kept = []
        for r in records:
            p = [s[label] for c, s in zip(cands, scores) if c.start < r.provenance.end and c.end > r.provenance.start]
            if drop is not None and p and max(p) < drop:
                continue
            kept.append(r)
        if add is not None:
            for c, s in zip(cands, scores):
                if s[label] < add or any(r.provenance.start < c.end and r.provenance.end > c.start for r in records):
                    continue
                prov = Provenance(
                    doc_id=records[0].provenance.doc_id if records else "",
                    page=c.block.page,
                    start=c.start,
                    end=c.end,
                    rule=f"{label}.model",
                    ocr=c.block.ocr_confidence is not None,
                    ocr_confidence=c.block.ocr_confidence,
                )
                if label == "decision":
                    kept.append(Decision(item=c.item, text=c.text, provenance=prov))
                else:
                    kept.append(Action(item=c.item, text=c.text, owners=c.owners, provenance=prov))
            kept.sort(key=lambda r: r.provenance.start)
        out[label] = kept
    return out["decision"], out["action"]


def describe(model: StatementModel | None) -> dict:
    """What `referat info` could print about the statement model."""
    if model is None:
        return {"statement_model": None}
    meta = model.nlp.meta
    return {
        "statement_model": str(model.path),
        "version": meta.get("version"),
        "thresholds": model.thresholds,
        "evaluation": (meta.get("referat") or {}).get("evaluation"),
    }


def write_meta(folder: Path, extra: dict) -> None:
    """Merge `extra` into the saved model's meta.json under "referat" (training script)."""
    path = folder / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.setdefault("referat", {}).update(extra)
    path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
