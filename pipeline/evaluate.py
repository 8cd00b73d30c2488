"""Precision/recall/F1 per field of extracted records against gold JSON.

Implements the matching rules of shared/gold/GUIDE.md ("Scoring") so that its
figures agree with shared/tools/score.py: names match after case and space
folding; agenda items on title (token F1 >= 0.8); decisions and actions one to
one on word overlap (token F1 >= 0.5, best pairs first); action owners as sets
on matched actions; events on date, then title words; due dates on the start.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("attendees", "absentees", "agenda_items", "agenda_owners", "decisions", "actions", "action_owners", "events")
_WORD = re.compile(r"\w+", re.UNICODE)
_PUNCT = re.compile(r"[^\w\s/-]")


def norm(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).casefold()
    return " ".join(_PUNCT.sub(" ", s).split())


def token_f1(a: str, b: str) -> float:
    ta, tb = _WORD.findall(norm(a)), _WORD.findall(norm(b))
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Scores:
    fields: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in FIELDS})
    meeting_date: list[int] = field(default_factory=lambda: [0, 0])
    meeting_kind: list[int] = field(default_factory=lambda: [0, 0])
    due: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[str] = field(default_factory=list)

    def f1(self, name: str) -> float:
        return round(self.fields[name].prf()[2], 3)

    @property
    def macro_f1(self) -> float:
        f1s = [self.f1(k) for k in FIELDS]
        if self.meeting_date[1]:
            f1s.append(round(self.meeting_date[0] / self.meeting_date[1], 3))
        return round(sum(f1s) / len(f1s), 3)

    def rows(self) -> dict[str, dict]:
        out: dict[str, dict[str, Any]] = {}
        for k, t in self.fields.items():
            p, r, f = t.prf()
            out[k] = {
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f, 3),
                "tp": t.tp,
                "fp": t.fp,
                "fn": t.fn,
            }
        acc = lambda x: round(x[0] / x[1], 3) if x[1] else None  # noqa: E731
        out["meeting_date"] = {"accuracy": acc(self.meeting_date), "n": self.meeting_date[1]}
        out["meeting_kind"] = {"accuracy": acc(self.meeting_kind), "n": self.meeting_kind[1]}
        out["due_dates"] = {"accuracy": acc(self.due), "n": self.due[1]}
        out["overall"] = {"macro_f1": self.macro_f1}
        return out


def _set_match(gold: Iterable[str], pred: Iterable[str]):
    g = {norm(x) for x in gold if norm(x)}
    p = {norm(x) for x in pred if norm(x)}
    return len(g & p), len(p - g), len(g - p), g - p, p - g


def _greedy(gold: list, pred: list, sim: Callable, threshold: float) -> list[tuple[int, int]]:
    pairs = sorted(
        ((sim(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if sim(g, p) >= threshold),
        reverse=True,
    )
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _due_start(d) -> str | None:
    if not d:
        return None
    if isinstance(d, str):
        return d[:10]
    return (d.get("start") or d.get("date") or "")[:10] or None


def _text(x) -> str:
    return x.get("text", "") if isinstance(x, dict) else str(x)


def score_pair(gold: dict, pred: dict, scores: Scores | None = None, name: str = "") -> Scores:
    """Add one document's comparison to `scores` (a new Scores when None)."""
    s = scores or Scores()
    _score_meeting(s, gold.get("meeting") or {}, pred.get("meeting") or {})
    for key in ("attendees", "absentees"):
        tp, fp, fn, missed, extra = _set_match(gold.get(key) or [], pred.get(key) or [])
        s.fields[key].add(tp, fp, fn)
        if missed or extra:
            s.misses.append(f"{name} {key}: missed {sorted(missed)} extra {sorted(extra)}")
    _score_agenda(s, gold.get("agenda_items") or [], pred.get("agenda_items") or [])
    for key in ("decisions", "actions"):
        _score_texts(s, key, gold.get(key) or [], pred.get(key) or [], name)
    _score_events(s, gold.get("events") or [], pred.get("events") or [])
    return s


def _score_meeting(s: Scores, gm: dict, pm: dict) -> None:
    if gm.get("date"):
        s.meeting_date[1] += 1
        s.meeting_date[0] += (pm.get("date") or "")[:10] == gm["date"]
    if gm.get("kind"):
        s.meeting_kind[1] += 1
        s.meeting_kind[0] += pm.get("kind") == gm["kind"]


def _score_agenda(s: Scores, gi_: list, pi_: list) -> None:
    m = _greedy(gi_, pi_, lambda g, p: token_f1(g.get("title", ""), p.get("title", "")), 0.8)
    s.fields["agenda_items"].add(len(m), len(pi_) - len(m), len(gi_) - len(m))
    matched = {gi for gi, _ in m}
    s.fields["agenda_owners"].add(0, 0, sum(1 for i, x in enumerate(gi_) if x.get("owner") and i not in matched))
    for gi, pi in m:
        go, po = gi_[gi].get("owner"), pi_[pi].get("owner")
        if go or po:
            tp = int(bool(go) and bool(po) and norm(go) == norm(po))
            s.fields["agenda_owners"].add(tp, int(bool(po)) - tp, int(bool(go)) - tp)


def _score_texts(s: Scores, key: str, g: list, p: list, name: str) -> None:
    m = _greedy(g, p, lambda a, b: token_f1(_text(a), _text(b)), 0.5)
    s.fields[key].add(len(m), len(p) - len(m), len(g) - len(m))
    matched_g, matched_p = {gi for gi, _ in m}, {pi for _, pi in m}
    s.misses += [f"{name} {key} missed: {_text(x)[:90]}" for i, x in enumerate(g) if i not in matched_g]
    s.misses += [f"{name} {key} extra: {_text(x)[:90]}" for i, x in enumerate(p) if i not in matched_p]
    for gi, pi in m:
        gd = _due_start(g[gi].get("due"))
        if gd:
            s.due[1] += 1
            s.due[0] += _due_start(p[pi].get("due")) == gd
        if key == "actions":
            tp, fp, fn, missed, extra = _set_match(g[gi].get("owners") or [], p[pi].get("owners") or [])
            s.fields["action_owners"].add(tp, fp, fn)
            if missed or extra:
                s.misses.append(
                    f"{name} owners of '{_text(g[gi])[:50]}': missed {sorted(missed)} extra {sorted(extra)}"
                )
    if key == "actions":
        for gi, x in enumerate(g):
            if gi not in matched_g:
                s.fields["action_owners"].add(0, 0, len(x.get("owners") or []))


def _score_events(s: Scores, ge: list, pe: list) -> None:
    def sim(a: dict, b: dict) -> float:
        if (a.get("date") or "")[:10] != (b.get("date") or "")[:10]:
            return 0.0
        return 0.5 + 0.5 * token_f1(a.get("text", ""), b.get("text", ""))

    m = _greedy(ge, pe, sim, 0.5)
    s.fields["events"].add(len(m), len(pe) - len(m), len(ge) - len(m))


def score_documents(pairs: Iterable[tuple[str, dict, dict | None]]) -> Scores:
    """Score (name, gold, pred) triples together; a missing prediction is empty."""
    s = Scores()
    for name, gold, pred in pairs:
        score_pair(gold, pred or {}, s, name)
    return s


def format_scores(s: Scores) -> str:
    lines = []
    for k, v in s.rows().items():
        lines.append(f"{k:15s} " + "  ".join(f"{kk}={vv}" for kk, vv in v.items()))
    lines.append(f"macro_f1 {s.macro_f1}")
    return "\n".join(lines)
