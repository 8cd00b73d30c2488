"""Agenda items (number, title, owner) from the segmented document."""

from __future__ import annotations

import re

from pipeline.extract.names import _strip_role_prefix, looks_like_name, owner_split_re, split_names
from pipeline.extract.roster import Roster
from pipeline.lexicon import is_first_name, lexicon
from pipeline.types import AgendaItem, BlockKind, ItemSection, Provenance

# "... ved Brian", "... v. Lasse Hansen", "... Ved kasserer Charlotte Ayyad.", "(v/ Bent Holm)"
_OWNER_IN_TITLE = re.compile(
    r"[\s.,]\(?(?i:oplæg ved|ved|v\.|v/)\s*(?:(?P<role>[a-zæøå]+)\s+)?"
    r"(?P<name>[A-ZÆØÅ][\w-]+(?:\s[A-ZÆØÅ][\w-]+){0,3})\s*\)?\.?$"
)
_FIELD = re.compile(r"^(?P<label>[^:]{2,30}?)\s*:\s*(?P<value>.+)$")


# the end of an owner's name in a longer line: "graver Tom Lindgaard, som deltog ...", "X. Der er ..."
_CLAUSE_BREAK = re.compile(r",\s+(?=[a-zæøå])|\.\s+|\s+[–-]\s+")
_PARENTHESIS = re.compile(r"\([^)]*\)?")  # "(fremlægges af Mette, da" left open on a wrapped line
# "Budget (ansvarlig: EK)", "Hjemmesiden (oplæg ved TM)": a label and owner in parentheses ending the title
_LABEL_IN_TITLE = re.compile(r"\s*\((?P<label>[^():]{2,30}?)\s*:?\s+(?P<value>[^()]+)\)\s*\.?$")
# "Siden sidst (Birthe)", "Økonomi (Anton Riis og Lone Birk)": names alone in parentheses ending the title
_NAMES_IN_TITLE = re.compile(r"\s*\((?P<value>[A-ZÆØÅ][^():]*)\)\s*\.?$")
_FIELD_JOINT = re.compile(r"\s+[·|•]\s+")  # several fields on one line
MAX_OWNER_WORDS = 6
OWNER_FIELD_BLOCKS = 5  # an owner line stands among the first blocks under the heading  # an owner value longer than this is a sentence, not a name


def _owner_line(text: str, labels: set[str]) -> str | None:
    """'Tovholder: X', 'Ansvarlig: X', 'Oplæg ved sognepræst X' -> the text naming X;
    'Oplæg ved graver X, som deltog under punktet. ...' -> 'graver X'."""
    m = _FIELD.match(text)
    if m and m.group("label").strip().casefold() in labels:
        return m.group("value")
    low = text.casefold()
    for label in sorted(labels, key=len, reverse=True):
        if len(label) > 3 and low.startswith(label + " "):
            value = text[len(label) + 1 :]
            if len(text.split()) <= 8:
                return value
            head = _CLAUSE_BREAK.split(value, maxsplit=1)[0]
            if len(head.split()) <= MAX_OWNER_WORDS // 2 + 1:
                return head
    return None


def owners_of(value: str, roster: Roster, holders: dict[str, str] | None = None) -> str | None:
    """'Mette Holm og Rasmus Kjeldsen' -> 'Mette Holm, Rasmus Kjeldsen'; 'Kasserer Emil Krag
    (fremlægges af ...)', 'Økonomichef Lars Thomsen' -> the name; initials resolved through
    the roster ('JT'); a role alone ('administrator') -> the one person holding it (`holders`)."""
    holders = holders or {}
    value = _PARENTHESIS.sub(" ", value)
    value = _CLAUSE_BREAK.split(value.strip(), maxsplit=1)[0].strip(" .:;")
    if not value or len(value.split()) > MAX_OWNER_WORDS:
        return None
    out: list[str] = []
    for part in owner_split_re().split(value):
        part = part.strip(" .")
        if not part:
            continue
        if part.casefold() in holders:
            out.append(holders[part.casefold()]) if holders[part.casefold()] not in out else None
            continue
        part = _strip_role_prefix(part)[0]
        name = roster.resolve(part)
        if name is None:
            names = split_names(part, strict=True)
            if len(names) != 1:
                continue
            name = roster.resolve(names[0].name) or names[0].name
        if name not in out:
            out.append(name)
    return ", ".join(out) or None


def _cell_owner(item: ItemSection, roster: Roster) -> str | None:
    """A row of an agenda table: the cell that holds only names is the item's owner."""
    cells = item.heading.cells or []
    if item.heading.kind != BlockKind.table_row or len(cells) < 3:
        return None
    for cell in cells[2:]:
        cell = cell.strip()
        if not cell or any(ch.isdigit() for ch in cell):
            continue
        parts = [p for p in owner_split_re().split(cell.strip(" ,")) if p.strip()]
        owner = owners_of(cell, roster)
        if owner and len(owner.split(", ")) == len(parts):
            return owner
    return None


def item_owner(item: ItemSection, roster: Roster, holders: dict[str, str] | None = None) -> tuple[str | None, str]:
    """(owner, title): an owner cell of an agenda table row, an owner line under the
    heading, '(ansvarlig: X)' or '... ved X' ending the heading, which is then cut from
    the title."""
    labels = set(lexicon().item_owner_fields)
    owner = _cell_owner(item, roster)
    if owner:
        return owner, item.title
    named = _names_owner(item.title, roster)
    for b, nxt in zip(item.blocks[:OWNER_FIELD_BLOCKS], [*item.blocks[1 : OWNER_FIELD_BLOCKS + 1], None]):
        if _decision_line(b.text):
            break  # "Beslutning: ... / Ansvarlig: X": the owner of the decision's task, not of the item
        if b.kind == BlockKind.heading and nxt is not None and b.text.strip(" :").casefold() in labels:
            owner = owners_of(nxt.text, roster, holders)  # a portal's field heading "Oplæg ved" over its value
            if owner:
                return owner, named[1] if named else item.title
        for field in _FIELD_JOINT.split(b.text):  # "Sagsnr.: 00.30 · Sagsansvarlig: Økonomichef X"
            value = _owner_line(field, labels)
            owner = owners_of(value, roster, holders) if value else None
            if owner:
                return owner, named[1] if named else item.title
    m = _LABEL_IN_TITLE.search(item.title)
    if m and m.group("label").strip().casefold() in labels:
        owner = owners_of(m.group("value"), roster, holders)
        if owner:
            return owner, item.title[: m.start()].rstrip(" ,-–")
    if named:
        return named
    m = _OWNER_IN_TITLE.search(item.title)
    if m and m.group("role") and m.group("role") not in _roles():
        m = None
    if m and (roster.resolve(m.group("name")) or looks_like_name(m.group("name"), strict=True)):
        owner = roster.resolve(m.group("name")) or m.group("name")
        parenthesised = m.group().lstrip(" .,").startswith("(")  # "(oplæg ved Lars Holm)" is a tag, not the title
        if not parenthesised and (m.group("role") or len(m.group("name").split()) > 1):
            # a written-out presenter is part of the title
            return owner, item.title
        return owner, item.title[: m.start()].rstrip(" ,-–(")  # "Budget 2024 ved Brian": a presenter tag
    return None, item.title


def _decision_line(text: str) -> bool:
    m = _FIELD.match(text)
    return m is not None and m.group("label").strip().casefold() in lexicon().decision_labels


def _names_owner(title: str, roster: Roster) -> tuple[str, str] | None:
    """'Siden sidst (Birthe)' -> ('Birthe Mose', 'Siden sidst') when every part in the
    parentheses is a person the roster knows or a first name; 'Badminton (inkl. Volley)' is not."""
    m = _NAMES_IN_TITLE.search(title)
    if not m:
        return None
    parts = [p.strip(" .") for p in owner_split_re().split(m.group("value")) if p.strip(" .")]
    if not parts or any(len(p.split()) > 3 for p in parts):
        return None
    names = []
    for part in parts:
        name = roster.resolve(part)
        if name is None and is_first_name(part.split()[0]) and looks_like_name(part, strict=len(part.split()) > 1):
            name = part
        if name is None:
            return None
        names.append(name)
    return ", ".join(dict.fromkeys(names)), title[: m.start()].rstrip(" ,-–")


def _roles() -> set[str]:
    lx = lexicon()
    return set(lx.role_words) | set(lx.role_fields)


def agenda_items(
    items: list[ItemSection], roster: Roster, doc_id: str, holders: dict[str, str] | None = None
) -> list[AgendaItem]:
    out = []
    for it in items:
        if not it.agenda:  # a dated logbook entry: a section, not an agenda item
            continue
        h = it.heading
        owner, title = item_owner(it, roster, holders)
        out.append(
            AgendaItem(
                number=it.number,
                title=title,
                owner=owner,
                provenance=Provenance.at(h, h.start, h.end, "agenda.heading", doc_id=doc_id),
            )
        )
    return _parents_first(out)


_SUB_NUMBER = re.compile(r"^(?P<parent>\d+|[A-Z])(?:[a-z]|\.\d+)$")


def _parents_first(items: list[AgendaItem]) -> list[AgendaItem]:
    """Sub-items ("4a", "5.2") right after their item and its earlier sub-items, in
    document order otherwise (minutes may give a sub-item after the next item's line)."""
    numbers = [a.number for a in items]
    out: list[AgendaItem] = []
    for a in items:
        m = _SUB_NUMBER.match(a.number)
        if m and m["parent"] in numbers and any(o.number == m["parent"] for o in out):
            at = max(
                i
                for i, o in enumerate(out)
                if o.number == m["parent"] or (_SUB_NUMBER.match(o.number) or {"parent": None})["parent"] == m["parent"]
            )
            out.insert(at + 1, a)
        else:
            out.append(a)
    return out
