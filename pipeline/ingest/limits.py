"""Bounds on what a document may hand to segmentation and NLP, so that extraction
time and memory grow linearly with the input, whatever its shape.

- A block (paragraph, list item, table row, heading) longer than
  `MAX_BLOCK_CHARS` is cut into pieces of at most that many characters, at the
  last sentence end (".", "!", "?" then a space) in the second half of the
  window, else at the last whitespace there, else hard. Extraction works on
  one spaCy Doc per block and its per-sentence work scans the block, so its
  cost is quadratic in a block's length: bounded blocks make it linear in the
  document's (a 200 KB paragraph took 237 s before; now 337 KB, 675 KB and
  1.35 MB take 2.3, 4.8 and 9.4 s of CPU). The longest block in the
  test corpora and the real corpus is about 1,430 characters, so ordinary
  minutes are never cut; pieces of 1,000 extract a long paragraph twice as
  fast as pieces of 2,000, pieces of 500 no faster. Cut pieces of a heading or
  a table row are paragraphs (a 1,500-character heading is none).
- A document of more than `MAX_BLOCKS` blocks (lines, for a text file) is
  refused with one ResourceLimit line: every block costs a spaCy Doc and its
  records, so a 2 MB file of a million one-letter lines would need minutes
  and gigabytes. The text reader counts while it reads, so it stops at the
  limit instead of building a million blocks first.

CPR numbers are masked before blocks are cut (a hard cut could split one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pipeline.errors import ResourceLimit
from pipeline.types import BlockKind, RawBlock

MAX_BLOCK_CHARS = 1500
MAX_BLOCKS = 50_000
# The end of a sentence: its mark and any closing quote or bracket, before whitespace.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u00bb\u201d)\]]*(?=\s)")
_SPACE = re.compile(r"\s")


def split_text(text: str, max_chars: int = MAX_BLOCK_CHARS) -> list[str]:
    """`text` in pieces of at most `max_chars` characters (stripped, none empty),
    cut at a sentence end, else at whitespace, else hard; linear in len(text)."""
    text = text.strip()
    if len(text) <= max_chars:
        return [text] if text else []
    pieces: list[str] = []
    pos, n = 0, len(text)
    floor = max(1, max_chars // 2)  # a cut lands in the second half of the window
    while n - pos > max_chars:
        lo, hi = pos + floor, pos + max_chars
        cut = _last(_SENTENCE_END, text, lo, hi, end=True) or _last(_SPACE, text, lo, hi, end=False) or hi
        pieces.append(text[pos:cut].strip())
        pos = cut
        while pos < n and text[pos].isspace():
            pos += 1
    pieces.append(text[pos:].strip())
    return [p for p in pieces if p]


def _last(pattern: re.Pattern[str], text: str, lo: int, hi: int, end: bool) -> int | None:
    """The cut point (a match's end, or its start) of the last match of `pattern`
    whose cut point falls in [lo, hi], or None. Linear in hi - lo."""
    cut = None
    for m in pattern.finditer(text, lo, hi + 1):
        at = m.end() if end else m.start()
        if lo <= at <= hi:
            cut = at
    return cut


def bound_blocks(blocks: Iterable[RawBlock], max_chars: int = MAX_BLOCK_CHARS) -> tuple[list[RawBlock], list[str]]:
    """Blocks with every over-long one cut into pieces; and a warning per cut block."""
    out: list[RawBlock] = []
    warnings: list[str] = []
    for b in blocks:
        if len(b.text) <= max_chars:
            out.append(b)
            continue
        pieces = split_text(b.text, max_chars)
        kind = BlockKind.list_item if b.kind == BlockKind.list_item else BlockKind.paragraph
        level = b.level if kind == BlockKind.list_item else 0
        out += [b.model_copy(update={"kind": kind, "level": level, "text": p, "cells": None}) for p in pieces]
        warnings.append(
            f"a {b.kind.value.replace('_', ' ')} of {len(b.text):,} characters on page {b.page} "
            f"was cut into {len(pieces)} pieces of at most {max_chars:,}"
        )
    return out, warnings


def check_block_count(n: int, max_blocks: int = MAX_BLOCKS) -> None:
    if n > max_blocks:
        raise ResourceLimit(
            f"more than {max_blocks:,} lines or paragraphs (the limit per document; "
            f"split the file, or it would take minutes and gigabytes to extract)"
        )


def counted(blocks: Iterable[RawBlock], max_blocks: int = MAX_BLOCKS) -> Iterator[RawBlock]:
    """The blocks, refusing (ResourceLimit) as soon as there are more than `max_blocks`."""
    for n, b in enumerate(blocks, 1):
        if n > max_blocks:
            check_block_count(n, max_blocks)
        yield b
