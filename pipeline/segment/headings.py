"""One block -> an item heading `Hit` (number, title, outcome cut off the line) or None.

Data flow: `heading_hit` matches ITEM_PATTERNS (patterns.py), checks the title with
titles.py and cuts an outcome written on the heading line ("1. Valg af dirigent – X
blev valgt") with `split_inline`. Used by the numbered reader, the unnumbered reader
and the sub-item readers; `match_item_heading` is the public form.
"""

from __future__ import annotations

import re

from pipeline.lexicon import lexicon
from pipeline.segment.patterns import ITEM_PATTERNS, SENTENCE_REST_MIN_WORDS, Hit, ItemPattern
from pipeline.segment.titles import has_outcome, plausible_title, starts_with_person
from pipeline.types import Block

# "4. Finpuds og debug ✅", "2. Ryd op i depotet [x]": a numbered task of a checklist, not an item heading
_CHECKLIST_END = re.compile(r"(?:[\u2610-\u2612\u2705\u2713-\u2718\u274c\u274e]|\[[ xX✓]?\])\s*$")
_SENTENCE_BREAK_ANY = re.compile(r"\.\s+(?=[A-ZÆØÅ][a-zæøå])")  # "år. Karin ...": the word before is checked
_INLINE_SEPARATOR = re.compile(r"\s+[–—-]\s+|:\s+|:(?=[A-ZÆØÅ][a-zæøå])")  # "bestyrelsen:Dirigenten"
_NAME_LIKE = re.compile(r"^[A-ZÆØÅ][\w'-]+(?:\s+(?:[A-ZÆØÅ][\w'.-]*|af|de|van|von)){1,4}\.?$")
MIN_STOP_WORD_CHARS = 2  # "v. Karin": a one-letter abbreviation ends no title
MIN_SENTENCE_WORD_CHARS = 3  # a shorter word before the stop ("kl.", "nr.") cuts only before a person's name
_EMPHASIS = re.compile(r"(?<![\w*_])(?P<mark>\*\*|__|\*|_)(?P<text>\S(?:.*?\S)?)(?P=mark)(?![\w*_])")  # "_(Birthe)_"


def match_item_heading(block: Block) -> tuple[str, str, ItemPattern] | None:
    """(number, title, pattern) when the block reads as an agenda item heading."""
    hit = heading_hit(block)
    return (hit.number, hit.title, hit.pattern) if hit else None


def heading_hit(block: Block, lenient: bool = False) -> Hit | None:
    text = block.text.strip()
    if _CHECKLIST_END.search(text):
        return None
    lead = len(block.text) - len(block.text.lstrip())
    for pat in ITEM_PATTERNS:
        m = pat.regex.match(text)
        if not m:
            continue
        groups = m.groupdict()
        num = groups.get("num") or groups.get("pnum") or ""
        if pat.kind != "letter":
            num = num.upper()
        sub = groups.get("sub")
        raw_title = m.group("title")
        title_start = lead + m.start("title")
        title, rest, rest_at = split_inline(raw_title)
        title = _EMPHASIS.sub(r"\g<text>", title).strip(" :–-\t")
        if not title and pat.explicit:
            return Hit(num, sub, text, "", 0, pat)
        if plausible_title(title, block, lenient or pat.explicit):
            return Hit(num, sub, title, rest, title_start + rest_at, pat)
        return None
    return None


def split_inline(title: str) -> tuple[str, str, int]:
    """(title, outcome, offset of the outcome): "Valg af dirigent – Knud Holm blev valgt",
    "Valg af referent: Sanne Krogh", "Beretning. Beretningen blev godkendt.", "Valg af
    revisor. Ole Lund, Engvej 4", "Kontingent: Der er 40 medlemmer. ...", "Valg af kasserer
    Ole Lund ønsker genvalg - Godkendt". The earliest cut that reads as an outcome wins."""
    cuts: list[int] = []
    for m in _SENTENCE_BREAK_ANY.finditer(title):
        if _inside_parentheses(title, m.start()):  # "Badminton (inkl. Volley)"
            continue
        rest = title[m.end() :].strip()
        word = re.findall(r"[^\W\d_]+$", title[: m.start()])
        if not word or len(word[0]) < MIN_STOP_WORD_CHARS:
            continue
        if (
            starts_with_person(rest)
            or len(word[0]) >= MIN_SENTENCE_WORD_CHARS
            and (has_outcome(rest) and len(rest.split()) >= 2 or len(rest.split()) >= SENTENCE_REST_MIN_WORDS)
        ):
            cuts.append(m.start() + 1)
            break
    proposal = _proposal_title(title)
    for m in _INLINE_SEPARATOR.finditer(title):
        if m.start() == 0 or _inside_parentheses(title, m.start()):
            continue
        if proposal and m.group().strip().startswith(":"):
            continue  # "Fra Hans Brandt: GF flyttes til lørdag.": the proposal's text is its title
        rest = title[m.end() :].strip()
        if _names_organisation(_first_clause(rest)) and not has_outcome(rest):
            continue  # "Kommunegaranti for lån – Hjortsø Fjernvarme A.m.b.a.": a party of the case, not an outcome
        if (
            has_outcome(rest)
            or _NAME_LIKE.match(rest)
            or _NAME_LIKE.match(_first_clause(rest))
            or m.group().strip() == ":"
            and _is_sentence(rest)  # "Kontingent: Der er 40 medlemmer. ..."
            or len(rest.split()) >= 2
            and (starts_with_person(rest) or _starts_with_body(rest))
        ):
            cuts.append(m.start())
            break
    at = _election_name_cut(title)
    if at is not None:
        cuts.append(at)
    if not cuts:
        return title, "", len(title)
    cut = min(cuts)
    rest_at = cut + len(title[cut:]) - len(title[cut:].lstrip(" .:–—-\t"))
    return title[:cut], title[rest_at:].strip(), rest_at


def _proposal_title(title: str) -> bool:
    """'Fra bestyrelsen: ...', 'Forslag fra X om ...: ...': a proposal's heading (lexicon proposal_title_openers)."""
    words = title.split()
    return bool(words) and words[0].casefold().strip(".,:") in lexicon().proposal_title_openers


def _names_organisation(text: str) -> bool:
    """'Hjortsø Fjernvarme A.m.b.a.', 'Lundby VVS ApS': a company form ends the name."""
    words = {w.casefold().rstrip(",;:") for w in text.split()}
    return not words.isdisjoint(
        {w.rstrip(".") for w in lexicon().organisation_words} | set(lexicon().organisation_words)
    )


def _inside_parentheses(text: str, at: int) -> bool:
    return text.count("(", 0, at) > text.count(")", 0, at)


def _first_clause(text: str) -> str:
    """'Ole Lund, Engvej 4' -> 'Ole Lund'; 'Ole Lund. Han ...' -> 'Ole Lund'."""
    return re.split(r",\s|\.\s|\.$", text, maxsplit=1)[0].strip()


def _is_sentence(text: str) -> bool:
    """'Der er 40 medlemmer i foreningen. Beretningen ...': prose after a run-in title, not a subtitle."""
    return len(text.split()) >= SENTENCE_REST_MIN_WORDS and bool(re.search(r"[.!?]$|[.!?]\s+[A-ZÆØÅ]", text))


def _starts_with_body(text: str) -> bool:
    """'Udvalget fortsætter uændret.': the text opens with a body as the subject of a sentence."""
    words = text.split()
    lx = lexicon()
    return bool(words) and words[0].casefold().strip(".,:;") in set(lx.collective_subjects) | set(lx.owner_bodies)


def _election_name_cut(title: str) -> int | None:
    """'Valg af kasserer Ole Lund ønsker genvalg - Godkendt' -> the offset of 'Ole': in an
    election item a person's name after the post begins the outcome."""
    low = title.casefold()
    if not any(low.startswith(e + " ") for e in lexicon().election_labels):
        return None
    marks = set(lexicon().item_owner_fields) | set(lexicon().referring_words)
    words = list(re.finditer(r"\S+", title))
    for k in range(2, len(words)):
        w, prev = words[k].group(), words[k - 1].group()
        if prev.casefold() in marks or prev[:1].isupper() and not prev[:1].isdigit():
            continue
        nxt = words[k + 1].group() if k + 1 < len(words) else ""
        if starts_with_person(w) and (nxt[:1].isupper() or nxt[:1].islower()):
            return words[k].start() - 1
    return None
