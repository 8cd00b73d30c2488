"""Hard-wrapped plain text: lines an editor or mail client broke at a fixed width.

E-mailed minutes and typed .txt files often wrap every paragraph at 70-80
columns ("... Lone laver" / "opslag på Facebook og hjemmesiden."), so a sentence
spans two lines and a reader that gives one block per line cuts it in half. A
text is hard-wrapped when its long lines end near one width (at most
MAX_WRAP_WIDTH characters, and many lines reach it). There a line continues on
the next one when the next line's first word would not have fitted on it (the
classic reflow test), or when it fills the width and stops mid-sentence, unless the next line starts a block of its own: a list
item, a numbered heading, a "Label:" line, a table row, a rule, a heading mark,
a different quote depth ("> " lines of a reply join only each other) or a
different indentation (the lines of a hanging indent join each other).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

MIN_LINES = 8  # fewer lines say nothing about a width
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 40, 100
WIDTH_PERCENTILE = 0.95  # the wrap width: the length most lines stay under
NEAR_WIDTH = 15  # a line this close to the width filled it
MIN_FULL_SHARE = 0.25  # so many of the lines fill the width in a hard-wrapped text
SENTENCE_END = (".", "!", "?", ":", ";")
QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")


def wrap_width(lines: Iterable[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not hard-wrapped.
    One pass over the lines, keeping only a count per length."""
    counts = Counter(len(line) for line in lines if line.strip())
    n = sum(counts.values())
    if n < MIN_LINES:
        return None
    rank, seen, width = min(n - 1, int(WIDTH_PERCENTILE * n)), 0, 0
    for length in sorted(counts):
        seen += counts[length]
        if seen > rank:
            width = length
            break
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    full = sum(c for length, c in counts.items() if width - NEAR_WIDTH <= length <= width)
    return width if full >= MIN_FULL_SHARE * n else None


def unwrap(lines: Iterable[str], starts_block: Callable[[str], bool], width: int) -> Iterator[str]:
    """The lines with each hard-wrapped paragraph (wrapped at `width`) joined into one
    line; `starts_block` says which lines open a block of their own (the reader's list,
    heading and table marks). One line at a time."""
    pending: str | None = None
    previous_raw = ""  # the last physical line taken into `pending`
    for line in lines:
        if pending is not None and previous_raw.strip() and _continues(previous_raw, line, width, starts_block):
            prefix = QUOTE.match(line)
            pending = f"{pending.rstrip()} {line[prefix.end() if prefix else 0 :].strip()}"
        else:
            if pending is not None:
                yield pending
            pending = line
        previous_raw = line
    if pending is not None:
        yield pending


def _continues(prev: str, line: str, width: int, starts_block: Callable[[str], bool]) -> bool:
    qp, ql = QUOTE.match(prev), QUOTE.match(line)
    if (qp.group().replace(" ", "") if qp else "") != (ql.group().replace(" ", "") if ql else ""):
        return False
    body = line[ql.end() if ql else 0 :]
    prev_body = prev[qp.end() if qp else 0 :].rstrip()
    if not body.strip() or _indent(body) != _indent(prev_body) or starts_block(body.strip()):
        return False  # a line indented otherwise than the one above starts a block (a hanging indent continues)
    if "\t" in prev_body:
        return False  # a table row takes no continuation
    if not any(c.isalnum() for c in prev_body):
        return False  # a rule ("-----") ends what is above it and starts nothing
    n = len(prev.rstrip())
    if n + 1 + len(body.split()[0]) > width:
        return True  # the next word would not have fitted
    return n >= width - NEAR_WIDTH and not prev_body.endswith(SENTENCE_END)  # a full line broken mid-sentence


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
