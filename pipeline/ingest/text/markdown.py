"""Markdown clean-up: the lines with what a renderer never shows removed (front
matter's fences, HTML comments, hidden lines, code fences; <br> splits a line),
and inline marks and HTML dropped with their text kept."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

from pipeline.ingest.text.decoding import normalise

# Markdown mark-up in minutes typed as .md/.txt: kept text, dropped marks (tests/ingest/test_ingest_core.py,
# tests/ingest/test_ingest_structure.py).
MARKDOWN = (
    (re.compile(r"\*\*(.+?)\*\*|__(.+?)__"), lambda m: m.group(1) or m.group(2)),  # **bold**, __bold__
    (re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])"), lambda m: m.group(1)),  # *italic*
    # [text](url), images; the text holds no bracket, so a run of "[" costs linear time
    (re.compile(r"!?\[([^\[\]]+)\]\([^()\s]+(?:\s+\"[^\"]*\")?\)"), lambda m: m.group(1)),
    (re.compile(r"^\[[ xX]\]\s+"), lambda m: ""),  # a task checkbox "[ ] ", "[x] "
    (re.compile(r"`([^`]+)`"), lambda m: m.group(1)),  # `code`
    (re.compile(r"~~(.+?)~~"), lambda m: m.group(1)),  # ~~struck~~
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])"), lambda m: m.group(1)),  # \* an escaped mark
    # Obsidian: an embed "![[Budget.xlsx]]" shows a file, no text; a wikilink "[[Ida Holm]]",
    # "[[Ida Holm|Ida]]", "[[Møder#Punkt 2]]" shows its alias or its target
    (re.compile(r"!\[\[[^\[\]]*\]\]"), lambda m: ""),
    (
        re.compile(r"\[\[(?P<target>[^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|(?P<alias>[^\[\]]*))?\]\]"),
        lambda m: m.group("alias") or m.group("target"),
    ),
    # Dataview inline fields: "[ansvar:: Ida]" in a line reads "(ansvar: Ida)", "Til stede:: ..." "Til stede: ..."
    (re.compile(r"\[(?P<key>[^\[\]:]{1,30})::\s*(?P<value>[^\[\]]*)\]"), lambda m: f"({m['key']}: {m['value']})"),
    (re.compile(r"^(?P<key>\s*[^\s:](?:[^:]{0,30}?[^\s:])?)::(?=\s)"), lambda m: m["key"] + ":"),
    (re.compile(r"^\[![\w-]+\][+-]?\s*"), lambda m: ""),  # a callout's type "> [!abstract] Dagsorden"
    (re.compile(r"\s+\^[\w-]+$"), lambda m: ""),  # a block id "... ^pkt1" ending a line
)
CODE_FENCE = re.compile(r"^\s*(?:```|~~~)")
# Lines that a Markdown renderer shows nothing of: "[comment]: <> (...)", "[//]: # (...)", and
# link reference definitions "[1]: https://...".
HIDDEN_LINE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?:<[^>]*>|#|https?://|/|\.\.?/)")
# YAML front matter ("---" / "created: ..." / "---" opening the file): the note's metadata
FRONT_MATTER = re.compile(
    r"\A\s*---[ \t]*\n(?:[\w-]+:.*\n|[ \t]+.*\n|-[ \t].*\n|\s*\n){1,60}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)"
)
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
HTML_BREAK = re.compile(r"<br\s*/?>|</?p\s*>", re.I)
# Inline and block tags that a Markdown file may carry; their text stays.
HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|span|div|p|font|center|sup|sub|small|big|mark|code|kbd|img|hr|"
    r"details|summary|section|article|ul|ol|li|table|thead|tbody|tr|td|th|blockquote)"
    r"\b[^<>]*/?>",
    re.I,
)
HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")


def _front_matter_fields(m: re.Match[str]) -> str:
    """YAML front matter: its "key: value" lines stay (a title or date may be there), each a
    paragraph of its own; the "---" fences go, so the last line is no setext heading."""
    lines = m.group().strip().splitlines()[1:-1]
    return "\n\n".join(line.strip() for line in lines if line.strip()) + "\n\n"


def markdown_lines(text: str) -> Iterator[str]:
    """The lines of `text` with what a Markdown renderer never shows removed:
    HTML comments, hidden "[comment]: <>" lines, code fences; <br> splits a line.
    One line at a time, so a file of a million short lines is never a list of them."""
    text = FRONT_MATTER.sub(_front_matter_fields, HTML_COMMENT.sub("", normalise(text)), count=1)
    for line in _split_lines(text):
        if HIDDEN_LINE.match(line) or CODE_FENCE.match(line):
            continue
        if "<" in line:
            yield from (part.rstrip() for part in HTML_BREAK.split(line))
        else:
            yield line.rstrip()


def _split_lines(text: str) -> Iterator[str]:
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def clean_inline(text: str, strip_marks: bool = True) -> str:
    """Inline HTML a Markdown file carries: tags dropped (their text kept), entities decoded."""
    text = HTML_TAG.sub("", text)
    if HTML_ENTITY.search(text):
        text = html_lib.unescape(text)
    return strip_markdown(text) if strip_marks else text


def strip_markdown(text: str) -> str:
    for pattern, keep in MARKDOWN:
        text = pattern.sub(keep, text)
    return text
