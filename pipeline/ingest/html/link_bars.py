"""Page tools found by structure, for pipeline.ingest.html.furniture: link bars (a menu or a
breadcrumb trail: links with only separators between them) and blocks of nothing but
download links ("Hent samlet dagsorden som PDF (2,4 MB)")."""

from __future__ import annotations

import re

from pipeline.ingest.html.dom import (
    _has_blocks,
    _text_of,
    is_block,
)

# ---- download links ("Hent samlet dagsorden som PDF (2,4 MB)"): page tools when nothing else is in the block
DOWNLOAD_HREF = re.compile(r"\.(?:pdf|zip|docx?|xlsx?|pptx?|odt|rtf)(?:[?#].*)?$", re.I)
FILE_NOTE = re.compile(r"\((?:[\d.,]+\s*[kmg]?b|pdf|zip|docx?|xlsx?|pptx?|odt|rtf)\)", re.I)
DOWNLOAD_MAX_LINK_WORDS = 8

# ---- page furniture by structure
# A link bar (menu, breadcrumb trail): two or more links and, between them, only separators;
# a breadcrumb trail may end in the current page's name after a crumb separator.
LINK_BAR_SEPARATORS = re.compile(r"[\s›»>|/·•–—:,;()\[\]-]+")
CRUMB_SEPARATORS = ("›", "»", ">", "→")
CRUMB_MAX_WORDS = 6  # the current page's name at the end of a breadcrumb trail
LINK_BAR_MAX_CHARS = 300
LINK_BAR_MAX_LINK_WORDS = 4  # a menu's entries are short; a list of linked item titles is content
LINK_BAR_SKIP_TAGS = frozenset({"html", "body", "main", "article", "section", "table", "tbody", "tr", "td", "th"})


def is_link_bar(el) -> bool:
    """A menu or breadcrumb trail: two or more short links and, between them, only
    separators ("Forside | Om os | Kontakt"), or a crumb trail that ends in the
    current page's name ("Forside › Politik › Referater")."""
    if not isinstance(el.tag, str) or el.tag in LINK_BAR_SKIP_TAGS or not is_block(el):
        return False
    links = [a for a in el.iter("a") if _text_of(a).strip()]
    if len(links) < 2 or any(len(_text_of(a).split()) > LINK_BAR_MAX_LINK_WORDS for a in links):
        return False
    if len(_text_of(el)) > LINK_BAR_MAX_CHARS:
        return False
    rest = "".join(el.xpath(".//text()[not(ancestor::a)]"))
    words = LINK_BAR_SEPARATORS.sub(" ", rest).split()
    if not words:
        return True
    return any(sep in rest for sep in CRUMB_SEPARATORS) and len(words) <= CRUMB_MAX_WORDS


def is_download_bar(el) -> bool:
    """A block of nothing but download links to files, with separators and file notes
    ("Hent samlet dagsorden som PDF (2,4 MB) · Hent alle bilag (zip)"): page tools."""
    if not isinstance(el.tag, str) or el.tag in LINK_BAR_SKIP_TAGS or not is_block(el) or _has_blocks(el):
        return False
    links = [a for a in el.iter("a") if _text_of(a).strip()]
    if not links or not all(DOWNLOAD_HREF.search((a.get("href") or "").strip()) for a in links):
        return False
    if any(len(FILE_NOTE.sub(" ", _text_of(a)).split()) > DOWNLOAD_MAX_LINK_WORDS for a in links):
        return False
    rest = FILE_NOTE.sub(" ", "".join(el.xpath(".//text()[not(ancestor::a)]")))
    return not LINK_BAR_SEPARATORS.sub(" ", rest).split()
