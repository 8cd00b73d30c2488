"""Hard-wrapped plain text: lines an editor or mail client broke at a fixed width.

E-mailed minutes and typed .txt files often wrap every paragraph at 70-80
columns ("... Lone laver" / "opslag på Facebook og hjemmesiden."), so a sentence
spans two lines and a reader that gives one block per line cuts it in half. A
text is hard-wrapped when its long lines end near one width (at most
MAX_WRAP_WIDTH characters, and many lines reach it). There a line continues on
the next one when the next line's first word would not have fitted on it (the
classic reflow test), or when it fills the width and stops mid-sentence, unless the next line starts a block of its own: a list
item, a numbered heading, a "Label:" line, a table row, a rule, a heading mark,
or a different quote depth ("> " lines of a reply join only each other).
"""

from __future__ import annotations

import re
from collections.abc import Callable

MIN_LINES = 8  # fewer lines say nothing about a width
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 40, 100
WIDTH_PERCENTILE = 0.95  # the wrap width: the length most lines stay under
NEAR_WIDTH = 15  # a line this close to the width filled it
MIN_FULL_SHARE = 0.25  # so many of the lines fill the width in a hard-wrapped text
SENTENCE_END = (".", "!", "?", ":", ";")
QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it was not hard-wrapped."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < MIN_LINES:
        return None
    width = lengths[min(len(lengths) - 1, int(WIDTH_PERCENTILE * len(lengths)))]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    full = sum(1 for n in lengths if width - NEAR_WIDTH <= n <= width)
    return width if full >= MIN_FULL_SHARE * len(lengths) else None


def unwrap(lines: list[str], starts_block: Callable[[str], bool]) -> list[str]:
    """The lines with each hard-wrapped paragraph joined into one line; `starts_block`
    says which lines open a block of their own (the reader's list, heading and table marks)."""
    width = wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    previous_raw = ""  # the last physical line taken into out[-1]
    for line in lines:
        if out and previous_raw.strip() and _continues(previous_raw, line, width, starts_block):
            prefix = QUOTE.match(line)
            out[-1] = f"{out[-1].rstrip()} {line[prefix.end() if prefix else 0 :].strip()}"
        else:
            out.append(line)
        previous_raw = line
    return out


def _continues(prev: str, line: str, width: int, starts_block: Callable[[str], bool]) -> bool:
    qp, ql = QUOTE.match(prev), QUOTE.match(line)
    if (qp.group().replace(" ", "") if qp else "") != (ql.group().replace(" ", "") if ql else ""):
        return False
    body = line[ql.end() if ql else 0 :]
    if not body.strip() or body[:1].isspace() or starts_block(body):
        return False
    prev_body = prev[qp.end() if qp else 0 :].rstrip()
    if not any(c.isalnum() for c in prev_body):
        return False  # a rule ("-----") ends what is above it and starts nothing
    n = len(prev.rstrip())
    if n + 1 + len(body.split()[0]) > width:
        return True  # the next word would not have fitted
    return n >= width - NEAR_WIDTH and not prev_body.endswith(SENTENCE_END)  # a full line broken mid-sentence
