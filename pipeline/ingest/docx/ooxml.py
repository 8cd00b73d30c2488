"""WordprocessingML basics: the namespace, attribute values, the body's elements
inside content controls, and the visible text of a paragraph's runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFF = frozenset({"0", "false", "off", "none"})
# Containers in the body whose children are body content (content controls, custom XML).
BODY_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml"})
# The runs of a paragraph, except those in text boxes (drawn shapes), tracked deletions
# and moves away, and the fallback copy of alternate content.
RUNS = (
    ".//w:r[not(ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom"
    " or ancestor::*[local-name()='Fallback'])]"
)
TEXT = f"{W}t"  # deleted text is w:delText, never read
# Other run content -> text; a manual break splits the paragraph.
RUN_MARKS = {f"{W}tab": "\t", f"{W}noBreakHyphen": "-", f"{W}softHyphen": "", f"{W}br": "\n", f"{W}cr": "\n"}


def body_elements(parent) -> Iterator:
    """Paragraphs and tables of the body in order, inside content controls too."""
    return unwrapped(parent, (f"{W}p", f"{W}tbl"))


def unwrapped(parent, tags: tuple[str, ...]) -> Iterator:
    """The children of `parent` with one of `tags`, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in BODY_WRAPPERS:
            yield from unwrapped(child, tags)


def paragraph_text(p) -> str:
    """The visible text of a paragraph: its runs (hyperlinks, insertions and
    fields included), "\\n" at manual breaks."""
    parts: list[str] = []
    for run in p.xpath(RUNS):
        for child in run.iterchildren():
            if child.tag == TEXT:
                parts.append(child.text or "")
            elif child.tag in RUN_MARKS:
                parts.append(RUN_MARKS[child.tag])
    return "".join(parts).replace("\u00a0", " ")


def _val(el) -> Optional[str]:
    return None if el is None else el.get(f"{W}val")


def _int(value: Optional[str], default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
