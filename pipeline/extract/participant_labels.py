"""Participant labels and zones: which label or prose opens a list of who attended or
sent apologies ("Til stede:", "Afbud fra", "Deltagere (digitalt)", "Medlemmer:"), the
status it gives, table columns of a participants table, and the lines that belong to
another meeting (a case history "09/04/2025 Økonomiudvalget")."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pipeline.lexicon import lexicon
from pipeline.types import Segmented

Status = Literal["present", "absent"]  # a Participant's status
Roll = Literal["present", "absent", "member"]  # what a participant label records ("Medlemmer:": member)

_LABEL = re.compile(r"^(?P<label>[^:]{2,40}?)\s*(?:\((?P<note>[^)]*)\))?\s*:\s*(?P<rest>.*)$", re.S)
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\xa0]")

# Numbering before a label: "1. Deltagere", "c) Tilstedeværende", "c ) Til stede", "§1 Til stede:", "(a) ..."
_LABEL_NUMBERING = re.compile(r"^\s*(?:§\s*\d{1,2}[a-z]?\.?|\(?(?:\d{1,2}[a-z]?|[A-Za-z])\s?[.)])\s*")

# A line opening the record of another meeting: "09/04/2025 Økonomiudvalget", "12-09-2022 Plan- og ..."
_HISTORY_LINE = re.compile(r"^\s*\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\s+[A-ZÆØÅ]")
# A full numeric date inside a participant line: the names there belong to that other meeting
_DATED = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)")


@dataclass(frozen=True)
class _CueTables:
    """The lexicon's participant cues as _cue_status reads them, built once: per status
    (absent, present, guest, in that order) its cues as a set and the prefixes a cue and a
    qualifier make ("afbud fra bestyrelsen ...": f"{cue} {qualifier} "), as one tuple."""

    statuses: tuple[tuple[frozenset[str], tuple[str, ...], Status], ...]
    present: frozenset[str]
    group_suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _cue_tables() -> _CueTables:
    lx = lexicon()
    quals = lx.participant_label_qualifiers
    statuses = tuple(
        (frozenset(cues), tuple(f"{c} {q} " for c in cues for q in quals), status)
        for cues, status in (
            (lx.participants_absent, "absent"),
            (lx.participants_present, "present"),
            (lx.participants_guest, "present"),
        )
    )
    return _CueTables(statuses, frozenset(lx.participants_present), tuple(lx.participants_group_label_suffixes))  # type: ignore[arg-type]


_PARENTHESIS = re.compile(r"\(.*?\)")


@lru_cache(maxsize=8192)
def _cue_status(label: str) -> Status | None:
    tables = _cue_tables()
    key = " ".join(_PARENTHESIS.sub(" ", _ZERO_WIDTH.sub(" ", label)).casefold().split()).strip(" :")
    for cues, _, status in tables.statuses:
        if key in cues:
            return status
    words = key.split()
    if len(words) <= 5:
        for _, prefixes, status in tables.statuses:
            # "Afbud fra bestyrelsen", "Deltagere fra forvaltningen", "Gæst under punkt 4": a cue and a short qualifier
            if key.startswith(prefixes):
                return status
    if len(words) <= 5 and words and words[0] == "fra" and words[-1] in tables.present:
        return "present"  # "Fra forvaltningen deltog: ..."
    if 1 <= len(words) <= 2 and words[-1].endswith(tables.group_suffixes):
        return "present"  # "Forældrerepræsentanter: ...": the members of a represented group
    return None


def _header_label(label: str) -> bool:
    """'Administration', 'Fra org.best.': a header label whose names attended (staff, a body's
    delegates); in the header only, and only over a list of names."""
    key = " ".join(_ZERO_WIDTH.sub(" ", label).casefold().split()).strip(" :")
    words = key.split()
    lx = lexicon()
    return key in lx.participants_header_labels or (
        2 <= len(words) <= 3 and words[0] in lx.participants_header_label_openers
    )


def _member_label(label: str) -> bool:
    key = " ".join(_ZERO_WIDTH.sub(" ", label).casefold().split()).strip(" :")
    return key in lexicon().participants_members


# the Participant status each roll records (a member is recorded as present)
_ROLL_STATUS: dict[str, Status] = {"present": "present", "absent": "absent", "member": "present"}


def _participant_table_header(cells: list[str]) -> dict[str, int] | None:
    """{"name": i, "status": j} when a table row heads a participants table ({"name": i}
    when it has no status column: the label above it gives the status)."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        kind = lexicon().participant_table_columns.get(cell.strip(" .:?").casefold())  # "Til stede?"
        if kind and kind not in found:
            found[kind] = i
    return found if "name" in found else None


def _cells(text: str) -> list[tuple[str, int]]:
    """A table row's cells with their offsets ('Dato: 3/2-21\\tDeltagere: ...'), each cut again
    where a field label stands inside it ('kl. 10.15 Til stede: A, B Afbud: C Ref.: A': one PDF
    line of several fields); else the text."""
    out, pos = [], 0
    inline = _inline_label_re()
    for cell in text.split("\t"):
        # a label ends with ':', so a cell without one is not cut (and the search is skipped)
        cuts = [0, *(m.start("label") for m in inline.finditer(cell)), len(cell)] if ":" in cell else [0, len(cell)]
        out += [(cell[a:b], pos + a) for a, b in zip(cuts, cuts[1:]) if b > a or len(cuts) == 2]
        pos += len(cell) + 1
    return out


@lru_cache(maxsize=1)
def _inline_label_re() -> re.Pattern[str]:
    """A participant or role label inside a line, after a word or a parenthesis and a space, not
    after a full stop ('Deltagere: A, B. Referent: C' stays one field): 'HD Ref.: Line'."""
    lx = lexicon()
    labels = sorted(
        {*lx.participants_present, *lx.participants_absent, *lx.participants_guest, *lx.role_fields}, key=len
    )
    alts = "|".join(re.escape(w) for w in reversed(labels)) or "(?!)"
    return re.compile(rf"(?<=[\w)])\s+(?P<label>(?=[A-ZÆØÅ])(?i:{alts}))\s*:", re.U)


@lru_cache(maxsize=1)
def _leading_cues() -> tuple[str, ...]:
    """The absent and present cues, longest first (in lexicon order among cues of one length)."""
    lx = lexicon()
    return tuple(sorted(lx.participants_absent + lx.participants_present, key=len, reverse=True))


def _leading_cue(text: str) -> str | None:
    """The participant cue a text opens with ('afbud fra Kim Jensen' -> 'afbud fra')."""
    low = text.casefold()
    for cue in _leading_cues():
        if low.startswith(cue) and (len(low) == len(cue) or not low[len(cue)].isalnum()):
            return text[: len(cue) + (1 if text[len(cue) : len(cue) + 1] == ":" else 0)]
    return None


@lru_cache(maxsize=1)
def _clause_re() -> re.Pattern[str]:
    """A clause of running text: up to ', mens' (lexicon clause_breaks), ';' or a sentence end."""
    breaks = "|".join(map(re.escape, lexicon().clause_breaks)) or "(?!)"
    return re.compile(rf".+?(?:,\s*(?=(?:{breaks})\b)|;\s*|[.!?](?:\s+|$)(?=[A-ZÆØÅ]|$)|$)", re.S)


# A sentence of a participant label's value: up to a full stop after a word or a parenthesis
# (not after an initial, "pkt." before a digit or an abbreviation before a lower-case word)
_LIST_SENTENCE = re.compile(r".+?(?:(?<=[a-zæøå]{2}[.!?])|(?<=\)[.!?]))(?=\s+[A-ZÆØÅ]|\s*$)|.+$", re.S)


@lru_cache(maxsize=1)
def _prose_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """One pattern per prose table (absent, present here, present): any of its cues as a
    whole word, not followed by 'med'/'hos' ('deltog med' is no attendance): one search
    matches where one of the cues' own searches would."""
    lx = lexicon()

    def one(cues: list[str]) -> re.Pattern[str]:
        alts = "|".join(re.escape(c) for c in cues) or "(?!)"
        return re.compile(rf"(?<!\w)(?:{alts})(?!\w)(?!\s+(?:med|hos)\b)")

    return one(lx.participants_absent_prose), one(lx.participants_present_here), one(lx.participants_present_prose)


def _prose_status(clause: str, full: bool = True) -> Status | None:
    low = " ".join(clause.casefold().split())
    absent, present_here, present = _prose_res()
    if absent.search(low):
        return "absent"
    if present_here.search(low) or full and present.search(low):
        return "present"
    return None


def _body_named(text: str) -> str | None:
    """'Bestyrelsen (afbud fra ...). Tak for ...' -> 'bestyrelsen': a body given for the attendees."""
    first = re.split(r"[.;]\s", re.sub(r"\([^)]*\)", " ", text), maxsplit=1)[0]
    words = first.casefold().strip(" .,:").split()
    if len(words) == 1 and words[0] in lexicon().collective_subjects and len(words[0]) > 3:
        return words[0]
    return None


def _names_body(title: str, body: str) -> bool:
    """'Valg af bestyrelse og suppleanter' is about 'bestyrelsen': a title word shares all of
    the body's word but an ending of up to two letters."""
    need = max(5, len(body) - 2)
    return any(len(os.path.commonprefix([w, body])) >= need for w in re.findall(r"\w+", title.casefold()))


def participant_labels(seg: Segmented) -> list[str]:
    """The participant labels of the header ('Deltagere (digitalt): ...') and the titles of the
    items that are such a label: where the meeting's mode may be written."""
    numbers = {it.number for it in seg.items if _cue_status(it.title)}
    return [b.text for b in seg.header if _cue_status(b.text.split(":")[0])] + [
        it.title for it in seg.items if it.number in numbers
    ]
