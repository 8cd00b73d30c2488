"""Block building: line by line, with what the lines before say (the open list's
indentations, the last real heading's level): setext and HTML headings, quoted
lines, Markdown headings, bold lines one level below the last heading, list levels
by indentation, task boxes, space-table rows."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.ingest.layout import PIPE_RULE
from pipeline.ingest.limits import MAX_BLOCKS, check_block_count
from pipeline.ingest.text.markdown import clean_inline, strip_markdown
from pipeline.ingest.text.markers import (
    MD_HEADING,
    RULE_LINE,
    SETEXT_RULE,
    _indent,
    is_heading_text,
    line_block,
    list_marker,
)
from pipeline.ingest.text.space_tables import SpaceRow
from pipeline.types import BlockKind, RawBlock

HTML_HEADING = re.compile(r"^\s*<h(?P<level>[1-6])\b[^>]*>(?P<text>.*?)</h(?P=level)\s*>\s*$", re.I)
HTML_SUMMARY = re.compile(r"^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>(?P<text>.*?)</summary\s*>\s*$", re.I)
BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
# A line that is only bold ("**Referat**", "__Dagsorden__", "***Vigtigt***").
BOLD_LINE = re.compile(r"^\s*(?P<mark>\*{2,3}|_{2,3})(?P<text>[^*_].*?)(?P=mark)\s*$")

# A Markdown task list item's box: "[ ]" open, "[x]" done; the block's style says which.
TASK_BOX = re.compile(r"^\[(?P<mark>[ xX])\]\s+")
TASK_OPEN, TASK_DONE = "task", "task-done"


class _Reader:
    """Line by line, with what the lines before say: the open list's indentations,
    the last heading's level."""

    def __init__(self, max_blocks: int = MAX_BLOCKS) -> None:
        self.max_blocks = max_blocks
        self.blocks: list[RawBlock] = []
        self.indents: list[int] = []  # the open list's indentations, outermost first
        self.heading_level = 0  # the last real heading's level (bold lines go one below)

    def run(self, lines: Iterable[str]) -> list[RawBlock]:
        previous: str = ""
        for line in lines:
            setext = SETEXT_RULE.match(line)
            if setext and previous.strip() and self._underline(previous, setext.group("mark")):
                previous = ""
                continue
            block = self.line(line)
            if block is not None:
                self.blocks.append(block)
                if len(self.blocks) > self.max_blocks:
                    check_block_count(len(self.blocks), self.max_blocks)
            previous = line if block is not None and block.kind == BlockKind.paragraph else ""
        return self.blocks

    def _underline(self, previous: str, mark: str) -> bool:
        """'Referat' over '=====' (level 1) or '-----' (level 2): the paragraph above becomes a heading."""
        last = self.blocks[-1] if self.blocks else None
        if last is None or last.kind != BlockKind.paragraph or not is_heading_text(last.text):
            return False
        level = 1 if mark.startswith("=") else 2
        self.blocks[-1] = last.model_copy(update={"kind": BlockKind.heading, "level": level})
        self.heading_level = level
        self.indents = []
        return True

    def line(self, line: str) -> RawBlock | None:
        if isinstance(line, SpaceRow):
            self.indents = []
            return RawBlock(kind=BlockKind.table_row, text=str(line), cells=[strip_markdown(c) for c in line.cells])
        if not line.strip() or RULE_LINE.match(line) or PIPE_RULE.match(line):
            return None
        if "<" in line or "&" in line:
            heading = HTML_HEADING.match(line) or HTML_SUMMARY.match(line)
            if heading:
                text = clean_inline(heading.group("text"))
                level = int(heading.groupdict().get("level") or self.heading_level + 1)
                return self._heading(text, min(level, 6), real="level" in heading.groupdict())
            line = clean_inline(line, strip_marks=False)
            if not line.strip():
                return None
        quoted = BLOCKQUOTE.match(line)
        if quoted:
            line = line[quoted.end() :]
            if not line.strip():
                return None
            self.indents = []
            block = line_block(line.strip(), {})
            return (
                block if block is None or block.kind != BlockKind.list_item else block.model_copy(update={"level": 1})
            )
        heading = MD_HEADING.match(line)
        if heading:
            return self._heading(strip_markdown(heading.group("text")).strip(), len(heading.group("hashes")))
        bold = BOLD_LINE.match(line)
        if bold and is_heading_text(strip_markdown(bold.group("text")).strip()):
            return self._heading(strip_markdown(bold.group("text")).strip(), min(self.heading_level + 1, 6), real=False)
        indent = _indent(line)
        marker = list_marker(line)
        if marker is None:
            if indent == 0:
                self.indents = []
            return line_block(line)
        level = self._list_level(indent)
        kind, text = marker
        if kind == "ordered" and level == 1:
            return line_block(line.strip())  # "1. Velkomst" at the margin: a paragraph with its number
        box = TASK_BOX.match(text)  # "- [ ] Kim køber kage" / "- [x] ... (done)"
        style = (TASK_DONE if box.group("mark").strip() else TASK_OPEN) if box else None
        text = strip_markdown(text[box.end() :] if box else text).strip()
        return (
            RawBlock(kind=BlockKind.list_item, text=" ".join(text.split()), level=level, style=style) if text else None
        )

    def _heading(self, text: str, level: int, real: bool = True) -> RawBlock | None:
        self.indents = []
        if real:
            self.heading_level = level
        text = " ".join(text.split())
        return RawBlock(kind=BlockKind.heading, text=text, level=level) if text else None

    def _list_level(self, indent: int) -> int:
        """The nesting level of a list line at `indent`: one below a shallower item,
        the level of an earlier item at the same or a deeper indentation."""
        while self.indents and self.indents[-1] > indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < indent:
            self.indents.append(indent)
        return len(self.indents)
