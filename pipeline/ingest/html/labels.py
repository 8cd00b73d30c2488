"""Field labels and their values: a field label and its value in two sibling
blocks read "Label: value" ("Mødested" + "Rådhuset"); a participants label with one
name a line becomes the label line before the names; several fields on one line
("Sagsnr.: X · Sagsansvarlig: Y") are split into lines of their own."""

from __future__ import annotations

import re

from pipeline.ingest.fields import field_labels, label_key, participant_labels
from pipeline.ingest.html.dom import (
    HEADINGS,
    LAYOUT_CELL_CONTENT,
    LINE_BREAK,
    MAX_NAME_LINE_WORDS,
    SPLIT_NUMBER_PARENTS_SKIP,
    SPLIT_NUMBER_SKIP,
    _flat,
    _has_blocks,
    _one_line,
    _text_of,
    is_block,
)

# ---- several fields on one line: "Sagsnr.: 12/345 · Sagsansvarlig: Dorte Winther" (also "|" or a gap of spaces)
FIELD_JOINT = re.compile(r"\s*[·|•]\s*|\s{2,}")
FIELD_AHEAD = re.compile(r"([^\W\d][\w .()/-]{0,40}?)\s*:(?:\s|$)")


def _participant_labels() -> frozenset[str]:
    """The participant labels (fields.participant_labels) and the members' ("Medlemmer")."""
    from pipeline.lexicon import lexicon

    return participant_labels() | frozenset(w.casefold() for w in lexicon().participants_members)


def _join_label_values(root) -> None:
    """A field label and its value in two sibling blocks of one row (<div class="row">
    <div>Mødested</div><div>Rådhuset</div></div>) read as the line "Mødested: Rådhuset",
    as a <dl> or a two-cell table row does."""
    labels, people = field_labels(), _participant_labels()
    for row in list(root.iter()):
        if not isinstance(row.tag, str) or row.tag in SPLIT_NUMBER_PARENTS_SKIP or (row.text or "").strip():
            continue
        kids = [c for c in row if isinstance(c.tag, str)]
        if len(kids) != 2 or len(row) != 2 or any((c.tail or "").strip() for c in kids):
            continue
        label, value = kids
        if not all(is_block(c) and c.tag not in SPLIT_NUMBER_SKIP and c.tag not in HEADINGS for c in kids):
            continue
        name = " ".join(_text_of(label).split())
        if label_key(name) not in labels or _has_blocks(label) or not _text_of(value).strip():
            continue
        if not _one_line(value) or _has_blocks(value):
            if label_key(name) in people and not name.endswith(":") and _short_lines(value):
                _append_text(label, ":")  # "Medlemmer" + one member a line: the label line, then the names
            continue
        label.tag = value.tag = "span"
        label.tail = " " if name.endswith(":") else ": "


INLINE_LABEL_TAGS = frozenset({"span", "strong", "b", "em", "i", "label", "small"})


def _join_inline_labels(root) -> None:
    """A block opening with a field label in an inline element and its value right after
    it, nothing between (<div><span>Mødedato</span>03.03.2026</div>, the label set apart by
    the page's CSS only), reads "Mødedato: 03.03.2026", not "Mødedato03.03.2026"."""
    labels = field_labels()
    for label in list(root.iter(*INLINE_LABEL_TAGS)):
        parent = label.getparent()
        if parent is None or not is_block(parent) or (parent.text or "").strip() or label.getprevious() is not None:
            continue
        name = " ".join(_text_of(label).split())
        tail = label.tail or ""
        if not tail[:1].isalnum() or name.endswith(":") or label_key(name) not in labels:
            continue
        label.tail = ": " + tail


def _short_lines(el) -> bool:
    """The element holds short lines (one name a line): no list, table or heading, no long line."""
    if any(el.find(f".//{tag}") is not None for tag in LAYOUT_CELL_CONTENT):
        return False
    lines = [" ".join(t.split()) for t in "".join(_texts_blocks(el)).split(LINE_BREAK)]
    lines = [t for t in lines if t]
    return bool(lines) and all(len(t.split()) <= MAX_NAME_LINE_WORDS for t in lines)


def _texts_blocks(el):
    """The element's text with a LINE_BREAK at each <br> and around each block."""
    yield _flat(el.text)
    for child in el:
        if not isinstance(child.tag, str):
            pass
        elif child.tag == "br":
            yield LINE_BREAK
        elif is_block(child):
            yield LINE_BREAK
            yield from _texts_blocks(child)
            yield LINE_BREAK
        else:
            yield from _texts_blocks(child)
        yield _flat(child.tail)


def _append_text(el, text: str) -> None:
    last = next((d for d in reversed(list(el.iterdescendants())) if isinstance(d.tag, str)), None)
    if last is None:
        el.text = (el.text or "").rstrip() + text
    elif (last.tail or "").strip():
        last.tail = last.tail.rstrip() + text
    else:
        last.text = (last.text or "").rstrip() + text


def split_fields(line: str) -> list[str]:
    """'Sagsnr.: 12/345 · Sagsansvarlig: Dorte Winther' is two lines: a separator
    (·, |, a gap of spaces) followed by a field label and its colon starts a field."""
    if ":" not in line:
        return [line]
    labels = field_labels()
    parts, start = [], 0
    for sep in FIELD_JOINT.finditer(line):
        label = FIELD_AHEAD.match(line, sep.end())
        if not (label and label_key(label.group(1)) in labels and line[start : sep.start()].strip()):
            continue
        parts.append(line[start : sep.start()])
        start = sep.end()
    return [*parts, line[start:]]
