"""Styles: paragraph styles (name, numbering, bold, following basedOn), bold
character styles, a run's boldness, and a style name's block kind and level."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.ingest.docx.ooxml import OFF, W, _int, _val
from pipeline.types import BlockKind

# Style names (English as stored in the package, and Danish UI names) -> block kind.
# A trailing number is the heading or list level.
STYLE_KINDS: tuple[tuple[re.Pattern[str], BlockKind], ...] = (
    (re.compile(r"^(?:title|titel)$", re.I), BlockKind.title),
    (re.compile(r"^(?:heading|overskrift)\s*(?P<level>\d)$", re.I), BlockKind.heading),
    (
        re.compile(r"^(?:list (?:bullet|number)|opstilling med (?:punkttegn|tal))(?:\s+(?P<level>\d))?$", re.I),
        BlockKind.list_item,
    ),
)


@dataclass(frozen=True)
class StyleInfo:
    name: str
    num_id: Optional[str] = None  # numbering the style brings
    ilvl: int = 0
    bold: bool = False  # the style's runs are bold


def _styles(document) -> dict[str, StyleInfo]:
    """Paragraph style id -> name and numbering (following basedOn); "" is the default style."""
    raw = {
        s.get(f"{W}styleId"): s
        for s in document.styles.element.iterchildren(f"{W}style")
        if s.get(f"{W}type") == "paragraph"
    }
    styles = {sid: _style_info(el, raw) for sid, el in raw.items()}
    default = next((sid for sid, el in raw.items() if el.get(f"{W}default") in ("1", "true")), "")
    styles[""] = styles.get(default, StyleInfo("Normal"))
    return styles


def _style_info(el, raw: dict) -> StyleInfo:
    from docx.styles import BabelFish  # built-in styles are stored as "heading 1", shown as "Heading 1"

    name = BabelFish.internal2ui(_val(el.find(f"{W}name")) or el.get(f"{W}styleId") or "")
    bold = _style_bold(el, raw)
    seen: set[int] = set()
    while el is not None and id(el) not in seen:  # a basedOn cycle ends the walk
        seen.add(id(el))
        num = el.find(f"{W}pPr/{W}numPr")
        if num is not None and _val(num.find(f"{W}numId")):
            return StyleInfo(name, _val(num.find(f"{W}numId")), _int(_val(num.find(f"{W}ilvl"))), bold)
        el = raw.get(_val(el.find(f"{W}basedOn")))
    return StyleInfo(name, bold=bold)


def _style_bold(el, raw: dict) -> bool:
    """The style's own w:b, else its basedOn chain's."""
    seen: set[int] = set()
    while el is not None and id(el) not in seen:
        seen.add(id(el))
        b = el.find(f"{W}rPr/{W}b")
        if b is not None:
            return (_val(b) or "1").lower() not in OFF
        el = raw.get(_val(el.find(f"{W}basedOn")))
    return False


def _bold_char_styles(document) -> frozenset[str]:
    """Ids of character styles that make text bold ("Strong", "Fremhævet")."""
    raw = {
        s.get(f"{W}styleId"): s
        for s in document.styles.element.iterchildren(f"{W}style")
        if s.get(f"{W}type") == "character"
    }
    return frozenset(sid for sid, el in raw.items() if _style_bold(el, raw))


def style_kind(style: str) -> tuple[BlockKind, int]:
    """Block kind and level for a style name (level 0 when the kind has none)."""
    for pattern, kind in STYLE_KINDS:
        m = pattern.match(style.strip())
        if m:
            level = m.groupdict().get("level")
            return kind, int(level) if level else (0 if kind == BlockKind.title else 1)
    return BlockKind.paragraph, 0


def _run_bold(run, paragraph_bold: bool, bold_char_styles: frozenset[str]) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    if b is not None:
        return (_val(b) or "1").lower() not in OFF
    rstyle = _val(run.find(f"{W}rPr/{W}rStyle"))
    return (rstyle in bold_char_styles) if rstyle else paragraph_bold
