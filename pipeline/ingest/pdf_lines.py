"""Characters -> words -> text lines, as pdfplumber builds them: one job,
text_map_lines (pdfplumber's chars_to_textmap(...).extract_text_lines, built
directly) and the rebuilding of two lines drawn over each other a little apart
(which pdfplumber's tolerance would merge into one line of alternating
characters) baseline by baseline.
"""

from __future__ import annotations

import re
from operator import itemgetter

X_TOLERANCE_RATIO = 0.2  # a gap between characters wider than this many font sizes is a space
BASELINE_EPS = 1.0  # points: characters whose bottoms are this close stand on one baseline
INTERLEAVED_MIN = 5  # characters on each of two baselines of one line: two lines drawn over each other ...
INTERLEAVED_SHARE = 0.5  # ... when their extents overlap by this share of the shorter one


def _text_lines(chars: list[dict], size: tuple[float, float]) -> list[dict]:
    lines = text_map_lines(chars)
    if not any(_interleaved(tl["chars"]) for tl in lines):
        return lines
    out = []
    for tl in lines:
        if not _interleaved(tl["chars"]):
            out.append(tl)
            continue
        for group in _by_baseline(tl["chars"]):
            out += _text_lines_tight(group, size)
    return sorted(out, key=lambda tl: tl["top"])


def _text_lines_tight(chars: list[dict], size: tuple[float, float]) -> list[dict]:
    return text_map_lines(chars, y_tolerance=BASELINE_EPS)


# pdfplumber's defaults for what text_map_lines does as it does
PLUMBER_Y_TOLERANCE = 3.0
PLUMBER_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
PLUMBER_LINE = re.compile(r" *([^\n]+?) *(\n|$)")  # TextMap.extract_text_lines(strip=True)


def text_map_lines(chars: list[dict], y_tolerance: float = PLUMBER_Y_TOLERANCE) -> list[dict]:
    """pdfplumber's chars_to_textmap(chars, x_tolerance_ratio=X_TOLERANCE_RATIO,
    y_tolerance=y_tolerance, presorted=True).extract_text_lines(strip=True,
    return_chars=True), the same dicts (text, x0, top, x1, bottom, chars) in the
    same order, built directly: characters clustered into lines by their top
    (chained within y_tolerance), sorted by x0, split into words at blanks and
    at gaps over X_TOLERANCE_RATIO of the previous character's size or a step
    back or a top more than y_tolerance away, then the words clustered into
    lines again by their tops in that order, joined by one space. pdfplumber's
    generic version (any direction, any option) costs ~5x this on a page; rotated
    characters or a text with a line break go to it."""
    if not chars:
        return []
    if not all(map(_UPRIGHT, chars)) or "\n" in "".join(map(_TEXT, chars)):
        return _plumber_text_lines(chars, y_tolerance)
    # lines of characters: clusters of their tops, each sorted by x0
    cluster = _clusters(set(map(_TOP, chars)), y_tolerance)
    by_line: dict[int, list[dict]] = {}
    for c in chars:
        by_line.setdefault(cluster[c["top"]], []).append(c)
    words: list[tuple[float, list[dict]]] = []  # (top, characters)
    ratio = X_TOLERANCE_RATIO
    for key in sorted(by_line):
        word: list[dict] = []
        top = x0 = x1 = tol = prev_top = 0.0
        for c in sorted(by_line[key], key=_X0):
            text = c["text"]
            if text.isspace():
                if word:
                    words.append((top, word))
                word = []
                continue
            if text == "":  # pdfplumber: a word of its own ('' is in its empty punctuation string)
                if word:
                    words.append((top, word))
                words.append((c["top"], [c]))
                word = []
                continue
            cx, ctop = c["x0"], c["top"]
            if word and (cx < x0 or cx > x1 + tol or abs(ctop - prev_top) > y_tolerance):
                words.append((top, word))
                word = []
            if word:
                word.append(c)
                if ctop < top:
                    top = ctop
            else:
                word, top = [c], ctop
            x0, x1, tol, prev_top = cx, c["x1"], ratio * c["size"], ctop
        if word:
            words.append((top, word))
    # lines of words: clusters of their tops, consecutive words of one cluster
    cluster = _clusters({top for top, _ in words}, y_tolerance)
    out: list[dict] = []
    letters: list[str] = []
    owners: list[dict | None] = []
    current = None
    ligatures = PLUMBER_LIGATURES
    for top, word in words:
        key = cluster[top]
        if key != current:
            if current is not None:
                _emit_line(letters, owners, out)
            letters, owners, current = [], [], key
        elif letters:  # one space between words (none after a word of no letters at the start)
            letters.append(" ")
            owners.append(None)
        for c in word:
            text = c["text"]
            if len(text) == 1 and text not in ligatures:
                letters.append(text)
                owners.append(c)
            else:
                for letter in ligatures.get(text, text):
                    letters.append(letter)
                    owners.append(c)
    if current is not None:
        _emit_line(letters, owners, out)
    return out


_X0, _TOP, _TEXT, _UPRIGHT, _BOTTOM, _X1 = (itemgetter(k) for k in ("x0", "top", "text", "upright", "bottom", "x1"))


def _clusters(values: set[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: sorted values, a new cluster where one is more
    than `tolerance` above the one before."""
    out: dict[float, int] = {}
    key, last = 0, None
    for v in sorted(values):
        if last is not None and not v <= last + tolerance:
            key += 1
        out[v] = key
        last = v
    return out


def _emit_line(letters: list[str], owners: list[dict | None], out: list[dict]) -> None:
    m = PLUMBER_LINE.match("".join(letters))
    if m is None or not m.group(1).strip():
        return
    chars = [c for c in owners[m.start(1) : m.end(1)] if c is not None]
    # min/max keep the first of equal values and compare with < and >, as a loop from chars[0] would
    x0, top = min(map(_X0, chars)), min(map(_TOP, chars))
    x1, bottom = max(map(_X1, chars)), max(map(_BOTTOM, chars))
    out.append({"text": m.group(1), "x0": x0, "top": top, "x1": x1, "bottom": bottom, "chars": chars})


def _plumber_text_lines(chars: list[dict], y_tolerance: float) -> list[dict]:
    from pdfplumber.utils.text import chars_to_textmap

    text_map = chars_to_textmap(chars, x_tolerance_ratio=X_TOLERANCE_RATIO, y_tolerance=y_tolerance)
    return list(text_map.extract_text_lines(strip=True, return_chars=True))


def _by_baseline(chars: list[dict]) -> list[list[dict]]:
    """A line's characters grouped by their bottom edge (within BASELINE_EPS)."""
    groups: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: c["bottom"]):
        if groups and c["bottom"] - groups[-1][-1]["bottom"] <= BASELINE_EPS:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _interleaved(chars: list[dict]) -> bool:
    """Two lines of text drawn over each other a little apart (a Word export laying
    a paragraph over the next one): pdfplumber's line tolerance merges them into
    one line whose characters alternate between two baselines. A superscript or a
    bold label in another size is a few characters, or stands beside the rest."""
    bottoms = list(map(_BOTTOM, chars))
    if not bottoms or max(bottoms) - min(bottoms) <= BASELINE_EPS:  # one baseline (most lines): no sorting
        return False
    groups = [g for g in _by_baseline(chars) if sum(1 for c in g if c["text"].strip()) >= INTERLEAVED_MIN]
    if len(groups) < 2:
        return False
    spans = sorted((min(c["x0"] for c in g), max(c["x1"] for c in g)) for g in groups)
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        overlap = min(a1, b1) - max(a0, b0)
        if overlap > INTERLEAVED_SHARE * min(a1 - a0, b1 - b0):
            return True
    return False
