"""Layouts of site builders, Word and e-mail, normalised by prepare() after the
furniture is gone: Office tags (<o:p>) are unwrapped; a Word list marker
(mso-list:Ignore) that is a number stays the item's number, a bullet makes the
paragraph a list item of its mso-list level; <p class=MsoTitle> is the title; a
number alone in its element followed by the title in the next ("2" + "Orientering",
a flexbox row) reads "2. Orientering"; label/value joins (labels.py) and item
headers (items.py) are marked; a short line that is all bold, underlined or in a
large font, not a sentence or a field label, is marked as a heading."""

from __future__ import annotations

import re

from pipeline.ingest.docx import is_heading_text
from pipeline.ingest.fields import field_labels, label_key
from pipeline.ingest.html.dom import (
    HEADINGS,
    SPLIT_NUMBER_PARENTS_SKIP,
    SPLIT_NUMBER_SKIP,
    _has_blocks,
    _inline,
    _text_of,
    is_block,
    style_of,
)
from pipeline.ingest.html.items import _mark_item_headers
from pipeline.ingest.html.labels import _join_inline_labels, _join_label_values

# Office namespaces' own tags (<o:p>): empty paragraph marks, unwrapped so they split nothing.
OFFICE_TAG_PREFIXES = ("o:", "w:", "v:", "st1:")

# ---- numbering and titles in separate elements
# A number (or letter) alone in its element: "2", "2.", "3.1", "a)", "(b)", "IV.", "§ 4".
NUMBER_ONLY = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[A-Za-z]\)|[A-Za-z]\.|[IVXivx]{1,5}[.)]|§\s*\d{1,3})$")
BARE_NUMBER = re.compile(r"^\d{1,3}$")  # "2" + "Orientering" reads "2. Orientering"
SPLIT_TITLE_MAX_WORDS = 20

# ---- Word-saved HTML
WORD_LIST_LEVEL = re.compile(r"\blevel(\d)\b")  # style="mso-list:l0 level2 lfo1"
WORD_TITLE_CLASSES = frozenset({"msotitle"})  # <p class=MsoTitle>: the document's title
LEVEL_ATTR = "data-referat-level"  # a Word bullet paragraph read as a list item of this level

# ---- styled pseudo-headings
STYLED_HEADING_TAGS = frozenset({"p", "div", "td"})  # td: a one-cell row of an e-mail layout
BOLD_TAGS = frozenset({"b", "strong", "u"})
BOLD_WEIGHTS = frozenset({"bold", "bolder", "600", "700", "800", "900"})
LARGE_FONT_SIZE = re.compile(r"^\s*([\d.]+)\s*(px|pt|em|rem|%)\s*$")
LARGE_FONT_MIN = {"px": 18.0, "pt": 14.0, "em": 1.25, "rem": 1.25, "%": 125.0}
LARGE_FONT_WORDS = frozenset({"large", "x-large", "xx-large", "xxx-large", "larger"})
HEADING_ATTR = "data-referat-heading"  # "large" or "bold": a styled line read as a heading


def prepare(root) -> None:
    """Normalise what page builders and Word split or style (after strip_boilerplate):
    Office tags unwrapped, Word bullets as list items, a number and its title in
    separate elements joined into one line, styled lines marked as headings."""
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.startswith(OFFICE_TAG_PREFIXES) and el.getparent() is not None:
            el.drop_tag()
    _word_list_markers(root)
    _join_split_numbers(root)
    _join_label_values(root)
    _join_inline_labels(root)
    _mark_item_headers(root)
    _mark_styled_headings(root)


def _word_list_markers(root) -> None:
    """Word keeps a list's marker in <span style="mso-list:Ignore">: a number or letter
    ("1.", "a.") stays the item's number in the text; a bullet ("·", "o", "§" in a
    symbol font) is dropped and its paragraph becomes a list item of its level."""
    for span in list(root.iter("span")):
        if style_of(span).get("mso-list") != "ignore" or span.getparent() is None:
            continue
        para = next((a for a in span.iterancestors() if is_block(a)), None)
        if para is None or para.tag not in ("p", "div") or NUMBER_ONLY.match(" ".join(_text_of(span).split())):
            continue
        level = WORD_LIST_LEVEL.search(style_of(para).get("mso-list", ""))
        span.drop_tree()
        para.tag = "li"
        para.set(LEVEL_ATTR, level.group(1) if level else "1")


def _join_split_numbers(root) -> None:
    """A number alone in its element followed by the title in the next one (a flexbox
    row <div>2</div><div>Orientering</div>, <span class="nr">3.</span><span>Budget</span>)
    reads as one line, "2. Orientering", as the page shows it."""
    for num in list(root.iter()):
        if not isinstance(num.tag, str) or num.tag in SPLIT_NUMBER_SKIP or num.tag in HEADINGS:
            continue
        parent, nxt = num.getparent(), num.getnext()
        if parent is None or parent.tag in SPLIT_NUMBER_PARENTS_SKIP or nxt is None or not isinstance(nxt.tag, str):
            continue
        marker = " ".join(_text_of(num).split())
        if not NUMBER_ONLY.match(marker) or _has_blocks(num) or (num.tail or "").strip():
            continue
        title = " ".join(_text_of(nxt).split())
        if (
            nxt.tag in SPLIT_NUMBER_SKIP
            or not title[:1].isalpha()
            or len(title.split()) > SPLIT_TITLE_MAX_WORDS
            or _has_blocks(nxt)
            or nxt.find(".//br") is not None
            or not _starts_line(num)
        ):
            continue
        sep = ". " if BARE_NUMBER.match(marker) else " "
        if nxt.tag in HEADINGS:  # <span>2</span><h3>Budget</h3>: the heading takes the number
            nxt.text = marker + sep + (nxt.text or "").lstrip()
            num.drop_tree()
            continue
        for el in (num, nxt):
            if is_block(el):
                el.tag = "span"
        num.tail = sep


def _starts_line(el) -> bool:
    """Nothing but markup stands before the element on its line."""
    for sib in el.itersiblings(preceding=True):
        if (sib.tail or "").strip():
            return False
        if sib.tag == "br" or is_block(sib):
            return True
        if _text_of(sib).strip():
            return False
    parent = el.getparent()
    if parent is None or (parent.text or "").strip():
        return parent is None
    return True if is_block(parent) else _starts_line(parent)


def _mark_styled_headings(root) -> None:
    """A short line that is all bold, underlined or in a large font (a <div> styled as
    a heading, <p><strong>Title</strong></p>) is a heading; not a sentence, a label
    ("Til stede:"), a field label ("Beslutning") or a bare number."""
    labels = field_labels()
    for el in root.iter(*STYLED_HEADING_TAGS):
        if _has_blocks(el) or el.find(".//br") is not None:
            continue
        text = " ".join(_inline(el).split())
        if not is_heading_text(text) or label_key(text) in labels or NUMBER_ONLY.match(text):
            continue
        if not any(c.isalpha() for c in text):
            continue
        runs = list(_emphasis_runs(el, frozenset()))
        if runs and all(runs):
            el.set(HEADING_ATTR, "large" if all("large" in r for r in runs) else "bold")


def _emphasis_runs(el, inherited: frozenset[str]):
    """The emphasis ("bold", "large") of each run of text inside the element."""
    here = set(inherited)
    style = style_of(el)
    weight = style.get("font-weight", "")
    if el.tag in BOLD_TAGS or weight in BOLD_WEIGHTS or "underline" in style.get("text-decoration", ""):
        here.add("bold")
    elif weight in ("normal", "lighter", "400", "300"):
        here.discard("bold")
    if _large_font(style.get("font-size", "")):
        here.add("large")
    emphasis = frozenset(here)
    if (el.text or "").strip():
        yield emphasis
    for child in el:
        if isinstance(child.tag, str):
            yield from _emphasis_runs(child, emphasis)
        if (child.tail or "").strip():
            yield emphasis


def _large_font(size: str) -> bool:
    if size in LARGE_FONT_WORDS:
        return True
    m = LARGE_FONT_SIZE.match(size)
    if m is None:
        return False
    try:
        return float(m.group(1)) >= LARGE_FONT_MIN[m.group(2)]
    except ValueError:  # "1.2.3em"
        return False
