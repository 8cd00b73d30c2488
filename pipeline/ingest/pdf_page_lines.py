"""A page's text lines -> layout Lines: one job, the line rules of the PDF
reader. Each Line gets its median size, boldness (a bold font for most of its
characters), the widest gaps inside it (tab stops) as cell boundaries (so
column-aligned tables without rules are found), whether it opens with a bold
run-in label and where the text after a list number starts; numbered entries
side by side, or a margin cell beside a field line, become one Line each. A text
layer writing '!' for every space is read with spaces. A page laid out in two
columns (a sidebar beside the items) has each column's lines built from its own
characters and read one column after the other (layout.column_bands).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from pipeline.ingest.layout import ALIGN, Line, column_bands
from pipeline.ingest.lines import is_enumerator, numbered_head
from pipeline.ingest.pdf_lines import X_TOLERANCE_RATIO, _text_lines

BOLD_FONT_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
BOLD_SHARE = 0.8  # share of a line's characters in a bold font for a bold line
MARGIN_CELL_WORDS = 4  # a margin cell beside a field line: a date or a time ("kl. 10.15")
FIELD_CELL = re.compile(r"^([^\W\d_][\w .-]{0,30}?)\s?:(?:\s|$)")  # "Til stede: ..."
TAB_GAP = 1.2  # a gap between characters wider than this many font sizes is a tab stop
BANG_MIN = 20  # a page needs this many '!' ...
BANG_SHARE = 0.04  # ... and this share of its characters for '!' to stand for the space


def _page_lines(
    text_lines: list[dict], chars: list[dict], number: int, size: tuple[float, float], bang: bool
) -> list[Line]:
    """A page's Lines from its text lines; on a page in two columns, each column's
    lines are built again from its own characters, flow by flow."""
    bands = column_bands([_row(tl) for tl in text_lines], size[0])
    if not bands:
        return [line for tl in text_lines for line in _lines(tl, number, size, bang)]
    groups: dict[int, list[dict]] = {}
    for c in chars:
        groups.setdefault(_flow(c, bands), []).append(c)
    lines = []
    for flow, group in groups.items():
        lines += [
            replace(line, flow=flow) for tl in _text_lines(group, size) for line in _lines(tl, number, size, bang)
        ]
    return sorted(lines, key=lambda ln: (ln.flow, ln.top))


def _row(tl: dict) -> tuple[float, float, list[tuple[float, float]]]:
    """A text line's top, bottom and the spans of its parts between tab-stop gaps."""
    chars = [c for c in tl["chars"] if c["text"].strip()]
    if not chars:
        return tl["top"], tl["bottom"], []
    sizes = sorted(c["size"] for c in chars)
    gap = TAB_GAP * sizes[len(sizes) // 2]
    spans = [[chars[0]["x0"], chars[0]["x1"]]]
    last = spans[-1]
    for c in chars[1:]:
        if c["x0"] - last[1] > gap:
            last = [c["x0"], c["x1"]]
            spans.append(last)
        elif c["x1"] > last[1]:
            last[1] = c["x1"]
    return tl["top"], tl["bottom"], [(a, b) for a, b in spans]


def _flow(c: dict, bands: list[tuple[float, float, float]]) -> int:
    """Where a character is read: 3k + 1 and 3k + 2 in the left and right column of
    band k, 3k before it (3 * len(bands) after the last)."""
    middle = (c["top"] + c["bottom"]) / 2
    for k, (top, bottom, x) in enumerate(sorted(bands)):
        if middle < top - 1:
            return 3 * k
        if middle <= bottom + 1:
            return 3 * k + (2 if c["x0"] >= x - ALIGN else 1)
    return 3 * len(bands)


def _bang_spaces(chars: list[dict]) -> bool:
    """A text layer that writes '!' for every space (a broken font's glyph map):
    exclamation marks are more than BANG_SHARE of the page's characters."""
    n = sum(1 for c in chars if c["text"] == "!")
    return n >= BANG_MIN and n > BANG_SHARE * len(chars)


def _lines(tl: dict, number: int, page_size: tuple[float, float], bang: bool = False) -> list[Line]:
    """The Line of one text line; two or more numbered entries side by side on
    one line ("2. Beretning<gap>3. Regnskab") become one Line each."""
    line = _line(tl, number, page_size, bang)
    if line is None:
        return []
    cells = line.cells or []
    starts = [i for i, (_, text) in enumerate(cells) if _numbered(text)]
    if len(starts) < 2 or starts[0] != 0:
        # a logbook's margin cell beside a field line ("kl. 10.15<gap>Til stede: ..."): two Lines
        field = next((i for i, (_, text) in enumerate(cells) if i and _field_cell(text)), None)
        if field is None or any(len(t.split()) > MARGIN_CELL_WORDS for _, t in cells[:field]):
            return [line]
        starts = [0, field]
    bounds = [*starts, len(cells)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        part = cells[a:b]
        x1 = cells[b][0] if b < len(cells) else line.x1
        out.append(
            replace(
                line, text=" ".join(t for _, t in part), x0=part[0][0], x1=x1, cells=part if len(part) >= 2 else None
            )
        )
    return out


def _numbered(text: str) -> bool:
    return numbered_head(text) is not None


def _field_cell(text: str) -> bool:
    """A cell led by a field label of the lexicon ("Til stede:", "Afbud:")."""
    from pipeline.ingest.fields import field_labels, label_key

    m = FIELD_CELL.match(text)
    return m is not None and label_key(m.group(1)) in field_labels()


def _line(tl: dict, number: int, page_size: tuple[float, float], bang: bool = False) -> Optional[Line]:
    chars = tl["chars"]
    text = tl["text"]
    if bang:
        text = " ".join(text.replace("!", " ").split())
    if not text.strip() or not chars:
        return None
    sizes = sorted(c["size"] for c in chars)
    size = sizes[len(sizes) // 2]
    fonts: dict[str, int] = {}
    for c in chars:
        name = c["fontname"]
        fonts[name] = fonts.get(name, 0) + 1
    bold = sum(n for name, n in fonts.items() if _is_bold(name)) > BOLD_SHARE * len(chars)
    cells = _cells(chars, size)
    if bang and cells:
        cells = [(x, t) for x, t in ((x, " ".join(t.replace("!", " ").split())) for x, t in cells) if t]
    return Line(
        text=text,
        page=number,
        x0=tl["x0"],
        x1=tl["x1"],
        top=tl["top"],
        bottom=tl["bottom"],
        size=size,
        bold=bold,
        page_width=page_size[0],
        page_height=page_size[1],
        cells=cells or None,
        lead_bold=_lead_bold(chars, bold),
        body_x=_body_x(chars, text),
    )


def _body_x(chars: list[dict], text: str) -> Optional[float]:
    """Where the text after a leading list number ("4.", "a)") starts, or None."""
    head, _, rest = text.partition(" ")
    if not rest.strip() or not is_enumerator(head):
        return None
    after = [c for c in chars[len(head) :] if c["text"].strip()]
    return after[0]["x0"] if after else None


def _lead_bold(chars: list[dict], bold: bool) -> bool:
    """A run-in heading: the line opens with a bold label ending in ':' and goes on
    in the body font ("Valg af dirigent: Laila Jensen vælges")."""
    if bold:
        return False
    label = []
    for c in chars:
        if not _is_bold(c["fontname"]):
            break
        label.append(c["text"])
    head = "".join(label).strip()
    colon_after = len(label) < len(chars) and chars[len(label)]["text"] == ":"  # "Label" bold, ":" not
    return len(head) >= 3 and (head.endswith(":") or colon_after)


def _is_bold(fontname: str) -> bool:
    bold = _BOLD.get(fontname)
    if bold is None:  # a page has a few fonts and thousands of characters: each name is looked at once
        if len(_BOLD) >= BOLD_CACHE:  # subset names ("ABCDEF+Arial") differ per file: keep memory flat
            _BOLD.clear()
        name = fontname.lower()
        bold = _BOLD[fontname] = any(marker in name for marker in BOLD_FONT_MARKERS)
    return bold


BOLD_CACHE = 4096
_BOLD: dict[str, bool] = {}


def _cells(chars: list[dict], size: float) -> Optional[list[tuple[float, str]]]:
    """(x, text) of the parts of a line between tab-stop gaps, or None for one part."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])]
    cuts = [i + 1 for i, gap in enumerate(gaps) if gap > TAB_GAP * size]
    if not cuts:
        return None
    bounds = [0, *cuts, len(chars)]
    parts = [(chars[a]["x0"], _text(chars[a:b], gaps[a : b - 1])) for a, b in zip(bounds, bounds[1:])]
    return [(x, text) for x, text in parts if text]


def _text(chars: list[dict], gaps: list[float]) -> str:
    """Characters with a space where a gap is wider than X_TOLERANCE_RATIO font sizes."""
    out = [chars[0]["text"]]
    out += [(" " if gap > X_TOLERANCE_RATIO * c["size"] else "") + c["text"] for c, gap in zip(chars[1:], gaps)]
    return " ".join("".join(out).split())
