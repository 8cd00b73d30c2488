"""Attendees, absentees and stated roles; the meeting's roster of full names.

Participant lists are found from cue labels ("Til stede:", "Afbud:",
"Deltagere (digitalt)", "Udeblivende medlemmer") anywhere in the document: the
header zone, an item whose title is such a cue, inside any item ("c)
Tilstedeværende", "§1 Til stede:") and in table cells. Names are split on
commas/"og", one per line or as a lettered list "(a) Name;", with reasons and
roles in parentheses or after a dash kept apart ("Jens Hansen (syg)", "Ulla -
syg", "Mette Lund, formand"). A participant line after a dated line naming
another meeting ("09/04/2025 Økonomiudvalget", the history of a case in a
portal export) belongs to that meeting and is skipped. First names stay as
written unless the document gives the person's full name somewhere (a
participant list, a "Referent:" line, a signature).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Literal

from pipeline.lexicon import is_first_name, is_surname, lexicon
from pipeline.types import Block, BlockKind, Participant, Provenance, RoleAssignment, Segmented

_NOTE_WORDS = 12  # outside the header, attendance prose is a short note of its own ("Jonas har meldt afbud.")
# Separators in a list of names; a full stop after a word ("... von Holck. Mads Møller") too, not after an initial
_SPLIT = re.compile(r"\s*(?:,|;|·|•|\bog\b|\bsamt\b|&|\n|(?<=[a-zæøå]{2})\.\s+(?=[A-ZÆØÅ]))\s*")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_NAME_TOKEN = re.compile(r"^[A-ZÆØÅÄÖÜÉ][\w'’.-]*$")
_LABEL = re.compile(r"^(?P<label>[^:]{2,40}?)\s*(?:\((?P<note>[^)]*)\))?\s*:\s*(?P<rest>.*)$", re.S)
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\xa0]")

# Numbering before a label: "1. Deltagere", "c) Tilstedeværende", "c ) Til stede", "§1 Til stede:", "(a) ..."
_LABEL_NUMBERING = re.compile(r"^\s*(?:§\s*\d{1,2}[a-z]?\.?|\(?(?:\d{1,2}[a-z]?|[A-Za-z])\s?[.)])\s*")
# A list marker opening one name of a list: "(a) Birk Lauritsen;", "b) Hanne Dalby", "3. Otto Frank"
_NAME_MARKER = re.compile(r"^\s*(?:\(\w{1,3}\)|\w{1,2}\)|[a-z]\.|\d{1,2}\.)\s+")
# "Ulla - syg", "Benny Holt – på ferie": a reason after a dash
_DASH_NOTE = re.compile(r"^(?P<name>.+?)\s+[-–—]\s+(?P<note>.+)$")
# A line opening the record of another meeting: "09/04/2025 Økonomiudvalget", "12-09-2022 Plan- og ..."
_HISTORY_LINE = re.compile(r"^\s*\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\s+[A-ZÆØÅ]")
# A full numeric date inside a participant line: the names there belong to that other meeting
_DATED = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)")
# A party letter after a municipal member: "(A)", "(UP)": neither a role nor a reason
_PARTY = re.compile(r"^[A-ZÆØÅ]{1,3}$")


def _particles() -> set[str]:
    return set(lexicon().name_particles)


@dataclass
class NameMention:
    name: str
    start: int  # offset in the block text
    end: int
    note: str | None = None  # text in parentheses after the name


_INITIALS = re.compile(r"[A-ZÆØÅ]{2,3}")


def _initials_of(name: str) -> set[str]:
    """ "Helle Bang" -> {"HB"}; "Anne Marie Holm" -> {"AMH", "AH"}."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isupper()]
    if len(parts) < 2:
        return set()
    return {"".join(p[0] for p in parts).upper(), (parts[0][0] + parts[-1][0]).upper()}


@dataclass
class Roster:
    """The meeting's people: full names, and first names that point to one of them."""

    names: list[str] = field(default_factory=list)

    def add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def resolve(self, mention: str) -> str | None:
        """Full roster name for a mention ("Stine" -> "Stine Johansen"), else None."""
        m = " ".join(mention.split())
        if m in self.names:
            return m
        folded = m.casefold()
        hits = [n for n in self.names if n.casefold() == folded]
        if hits:
            return hits[0]
        prefixed = [n for n in self.names if n.casefold().startswith(folded + " ")]
        if " " in m and len(prefixed) == 1:  # a double first name alone: "Anne Marie"
            return prefixed[0]
        if " " not in m:
            firsts = [n for n in self.names if n.split()[0].casefold() == folded]
            if len(firsts) == 1:
                return firsts[0]
            lasts = [n for n in self.names if n.split()[-1].casefold() == folded and " " in n]
            if len(lasts) == 1:
                return lasts[0]
            if _INITIALS.fullmatch(m):  # "HB" for Helle Bang, when one person has them
                hits = [n for n in self.names if m in _initials_of(n)]
                if len(hits) == 1 and m.casefold() not in lexicon().bodies:
                    return hits[0]
        return None


def looks_like_name(text: str, strict: bool = False) -> bool:
    """A person's name: 1-5 capitalised tokens (particles allowed), no digits, and a
    known Danish first name or surname; in a participant list (strict=False), where
    the context says these are names, two capitalised tokens are enough."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if tokens[0].casefold() in lexicon().role_words or tokens[0].casefold() in lexicon().owner_bodies:
        return False
    particles = _particles()
    if not all(_NAME_TOKEN.match(t) or t.casefold() in particles for t in tokens):
        return False
    if len(tokens) == 1:
        return is_first_name(tokens[0])
    if all(t.isupper() and len(t) > 1 for t in tokens):  # "KL KOMDIR" is not a name
        return False
    known = is_first_name(tokens[0].split("-")[0]) or is_surname(tokens[-1])
    if any(_org_token(t) for t in tokens) and not is_first_name(tokens[0]):  # "Boligadministration Øst": a firm
        return False
    return known or (not strict and len(tokens) >= 2)


def _org_token(token: str) -> bool:
    """'Boligadministration', 'Grundejerforeningen': a word ending in an organisation word."""
    low = token.casefold()
    return any(len(w) >= 4 and len(low) > len(w) + 2 and low.endswith(w) for w in lexicon().organisation_words)


def _list_word(text: str) -> bool:
    """A single capitalised word in a participant list that is not a known first name
    ("Saq", "Tommas"): a name there, unless it is a role, a body or a cue word."""
    lx = lexicon()
    low = text.casefold()
    return (
        bool(re.fullmatch(r"[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèáíóú'’-]+\.?", text))
        and len(text) >= 3
        and low not in lx.role_words
        and low not in lx.owner_bodies
        and low not in lx.collective_subjects
        and _cue_status(low) is None
    )


def _split_outside_parentheses(text: str) -> list[str]:
    """_SPLIT, but never inside '(...)': 'Jesper Vang (direktør, formand)' stays one part."""
    masked = re.sub(r"\([^)]*\)", lambda m: "\x00" * len(m.group(0)), text)
    parts, pos = [], 0
    for m in _SPLIT.finditer(masked):
        parts.append(text[pos : m.start()])
        pos = m.end()
    parts.append(text[pos:])
    return parts


def split_names(text: str, strict: bool = False, in_list: bool = False) -> list[NameMention]:
    """'A, B (syg) og C, formand' -> mentions with offsets; roles attach to the name before.
    in_list: the text is the value of a participant label, so a lone capitalised word
    that is no known first name ("Saq") still counts when known names stand beside it."""
    return _split_parts(text, strict, in_list)[0]


def _split_parts(text: str, strict: bool = False, in_list: bool = False) -> tuple[list[NameMention], int]:
    """split_names, and how many parts were a role phrase after a name ('Lone Berg, direktør
    for Kultur og Fritid': 'direktør for Kultur', 'Fritid'), no one's name."""
    describing = False  # inside a role phrase that began in lower case after a name
    n_desc = 0
    out: list[NameMention] = []
    loose: list[NameMention] = []
    pos = 0
    for part in _split_outside_parentheses(text):
        idx = text.find(part, pos) if part else -1
        if idx < 0:
            continue
        pos = idx + len(part)
        marker = _NAME_MARKER.match(part)
        lead = marker.end() if marker else 0
        body = part[lead:]
        note = None
        m = _PAREN.search(body)
        core = body
        if m:
            note, core = m.group(1).strip(), (body[: m.start()] + " " + body[m.end() :]).strip()
        core = core.strip(" .:-–;")
        dash = _DASH_NOTE.match(core)  # also after a parenthesis: "Ida Lund (9.A) – formand"
        if dash and looks_like_name(dash.group("name").strip(), strict):
            core, after = dash.group("name").strip(), dash.group("note").strip(" .")
            if note is None or note.casefold() not in lexicon().role_words:
                note = after  # "(9.A) – formand", "(6.B) – på lejrskole": the dash says more
        if out and core.casefold() in lexicon().role_words:
            out[-1].note = out[-1].note or core
            continue
        core, role = _strip_role_prefix(core)
        if describing:
            core = _after_title_words(core)  # "direktør for Teknik og Miljø Helle Sandahl"
        if core and len(core.split()[-1]) == 1 and body[body.find(core) + len(core) :].startswith("."):
            core += "."  # "Rolf S." keeps the full stop of its initial
        if not core:
            continue
        start = idx + lead + body.find(core)
        mention = NameMention(name=core, start=start, end=start + len(core), note=note or role)
        if looks_like_name(core, strict):
            out.append(mention)
            describing = False
        elif describing or core[:1].islower():
            describing, n_desc = True, n_desc + 1
        elif in_list and _list_word(core):
            loose.append(mention)
    if loose and out:
        out = sorted(out + loose, key=lambda nm: nm.start)
    return out, n_desc


def _after_title_words(core: str) -> str:
    """'Miljø Helle Sandahl' in a role phrase: the capitalised words of a title before a first name."""
    tokens = core.split()
    for i in range(1, len(tokens) - 1):
        if not _NAME_TOKEN.match(tokens[i - 1]) or is_first_name(tokens[0]):
            break  # only capitalised title words stand before the name
        if is_first_name(tokens[i]):
            return " ".join(tokens[i:])
    return core


def _strip_role_prefix(core: str) -> tuple[str, str | None]:
    """'formand Jens Hansen' -> ('Jens Hansen', 'formand'); 'teknisk direktør Allan
    Vesterdal', 'Driftsleder Jens Ulrik Thygesen', 'vejudvalget v/ Bent Haubro': the
    title words before a name are dropped (a Danish name never starts in lower case)."""
    tokens = core.split()
    dropped: list[str] = []
    while len(tokens) > 1 and (
        _is_title_word(tokens[0])
        or (len(tokens) > 2 and tokens[1][:1].islower() and _is_role_word(tokens[1]) and not is_first_name(tokens[0]))
    ):  # "Teknisk direktør Bo Vinter": a capitalised adjective of the title
        dropped.append(tokens.pop(0))
    if not dropped or any(w.casefold() in lexicon().referring_words for w in dropped):
        return core, None  # "stedfortræder for Jeppe Lund" names someone else
    role = dropped[-1].casefold()
    return " ".join(tokens), role if role in lexicon().role_words else None


def _is_title_word(token: str) -> bool:
    low = token.casefold()
    lx = lexicon()
    if low in lx.role_words or low in lx.owner_bodies:
        return True
    if token[:1].islower():
        return low not in _particles()
    return low.endswith(tuple(lx.role_suffixes)) and not is_first_name(token)


# ------------------------------------------------------------- participants


def _cue_status(label: str) -> str | None:
    lx = lexicon()
    key = " ".join(re.sub(r"\(.*?\)", " ", _ZERO_WIDTH.sub(" ", label)).casefold().split()).strip(" :")
    for cues, status in (
        (lx.participants_absent, "absent"),
        (lx.participants_present, "present"),
        (lx.participants_guest, "present"),
    ):
        if key in cues:
            return status
    words = key.split()
    quals = lx.participant_label_qualifiers
    for cues, status in (
        (lx.participants_absent, "absent"),
        (lx.participants_present, "present"),
        (lx.participants_guest, "present"),
    ):
        # "Afbud fra bestyrelsen", "Deltagere fra forvaltningen", "Gæst under punkt 4": a cue and a short qualifier
        if len(words) <= 5 and any(key.startswith(f"{c} {q} ") for c in cues for q in quals):
            return status
    if len(words) <= 5 and words and words[0] == "fra" and words[-1] in lx.participants_present:
        return "present"  # "Fra forvaltningen deltog: ..."
    return None


def _member_label(label: str) -> bool:
    key = " ".join(_ZERO_WIDTH.sub(" ", label).casefold().split()).strip(" :")
    return key in lexicon().participants_members


@dataclass
class ParticipantFinder:
    doc_id: str
    attendees: list[Participant] = field(default_factory=list)
    absentees: list[Participant] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)
    members: list[Participant] = field(default_factory=list)  # "Medlemmer:" of the header
    full_names: list[str] = field(default_factory=list)  # full names in role lines and signatures
    bodies: list[tuple[str, Block]] = field(default_factory=list)  # "Deltagere: Bestyrelsen": a body attended

    def run(self, seg: Segmented) -> None:
        self._scan(seg.header, full=True, header=True)
        for it in seg.items:
            self._scan([it.heading] + it.blocks, full=bool(_cue_status(it.title)), header=False)
        self._roles_everywhere(seg)
        self._roles_before_names(seg)
        self._body_members(seg)
        self._members_minus_absent()
        self._header_minute_taker(seg.header)
        self._resolve_first_names(_document_full_names(seg))

    def roster(self) -> Roster:
        """Participants and the full names of role lines and signatures: what owners resolve to."""
        r = Roster()
        for p in self.attendees + self.absentees:
            r.add(p.name)
        for n in self.full_names:
            r.add(n)
        return r

    # -------------------------------------------------------------- scanning

    def _scan(self, blocks: list[Block], full: bool, header: bool) -> None:
        """full: a zone where attendance prose is expected (the header, a participant item)."""
        status: str | None = None
        history = False  # after "09/04/2025 Økonomiudvalget": the record of another meeting
        table: dict[str, int] | None = None  # a participants table: its name and status columns
        table_status: str | None = None  # the status of a table without a status column, from the label above it
        for b in blocks:
            text = _ZERO_WIDTH.sub(" ", b.text)  # same length: offsets stay valid
            if b.kind == BlockKind.table_row and b.cells:
                columns = _participant_table_header(b.cells)
                if columns is not None and table is not None and len(columns) < 2:
                    columns = None  # "Mikkel Fromm | Medlem | Afbud": a row whose role cell is a column word
                if columns is not None and ("status" in columns or status):
                    table, table_status = columns, status  # "Deltagere:" over "Navn | Funktion": the rows attended
                    continue
                if table is not None and self._table_row(b, table, table_status):
                    continue
            else:
                table = None
            if b.kind == BlockKind.heading:
                history = False
            if _HISTORY_LINE.match(text):
                history, status = True, None
                continue
            labelled = False
            bare_cue: str | None = None  # "Afbud | Michael Frost (MF)": a label cell, the names in the next
            for cell, coff in _cells(text):
                label_status, rest, offset, note = self._labelled(cell)
                if label_status == "member" and not header:
                    label_status = None
                if not label_status:
                    if bare_cue and not history and _mostly_names(cell):
                        self._label_rest(b, cell, coff, bare_cue)
                    bare_cue = None
                    continue
                bare_cue = label_status if not rest.strip() else None
                labelled, status = True, label_status
                if rest and not history and not _DATED.search(rest):
                    self._label_rest(b, rest, coff + offset, status)
            if labelled:
                continue
            if self._role_line(b):
                status = None
                continue
            if status and not history:
                body = _body_named(text) if status == "present" else None
                if body:  # "Deltagere:" / "Bestyrelsen (afbud fra Kim Jensen)."
                    self.bodies.append((body, b))
                sub = _LABEL.match(text)
                if sub and len(sub.group("label").split()) <= 3 and not re.search(r"\d", sub.group("label")):
                    rest = sub.group("rest")
                    if not rest.strip():
                        continue  # "Hele bestyrelsen:" between the cue and the names
                    if _mostly_names(rest):  # "Fra afdelingsbestyrelsen: A (formand), B og C."
                        self._add_names(b, rest, sub.start("rest"), status)
                        continue
                if b.kind == BlockKind.list_item or (_mostly_names(text) and not text.lstrip()[:1].islower()):
                    self._add_names(b, text, 0, status)
                    continue
            status = None
            if (
                b.kind in (BlockKind.paragraph, BlockKind.list_item, BlockKind.table_row)
                and not history
                and (full or len(text.split()) <= _NOTE_WORDS or _prose_status(text, False) == "present")
            ):
                self._prose(b, text, full)

    def _table_row(self, b: Block, table: dict[str, int], default: str | None = None) -> bool:
        """A row of a participants table ("Karina Holm | formand | KH | Ja"); a table
        with no status column takes the status of the label above it (`default`)."""
        cells = b.cells or []
        if max(table.values()) >= len(cells):
            return False
        name = cells[table["name"]].strip()
        if "status" in table:
            status = lexicon().participant_table_values.get(cells[table["status"]].strip(" .").casefold())
        else:
            status = default
        if not status or not looks_like_name(name):
            return False
        start = b.text.find(name)
        self._add_mention(b, NameMention(name, start, start + len(name), None), 0, status)
        return True

    def _prose(self, b: Block, text: str, full: bool, offset: int = 0, status: str | None = None) -> None:
        """Attendance told in sentences: 'Til stede var A (formand), B og C, mens D
        deltog online. E havde meldt afbud.' Each clause takes the status of its cue
        (or of the clause before). Outside the header and participant items only
        apologies ("Jonas har meldt afbud") and joining the meeting ("deltager nu i
        mødet") count."""
        for m in _clause_re().finditer(text):
            clause = m.group(0)
            if not clause.strip():
                continue
            status = _prose_status(clause, full) or status
            if status:
                found = [nm for nm in _names_in_prose(clause) if not _substituted(clause, nm)]
                for nm in found:
                    self._add_mention(b, nm, offset + m.start(), status)
                role = _role_phrase(clause) if status == "absent" and not found else None
                if role:  # "Der er afbud fra den afgående kasserer": the role stands for the person
                    self._add_mention(b, role, offset + m.start(), status)
            if clause.rstrip().endswith((".", "!", "?")):
                status = None  # a new sentence needs its own cue

    def _label_rest(self, b: Block, rest: str, offset: int, status: str) -> None:
        """The value of a participant label: a list of names; sentences after it that are no
        list are prose ("... Inge Tvede. Desuden deltog driftsleder Erik Skov") or carry a
        sub-label of their own ("Forældre: A og B. Elever: C. Fra ledelsen: D")."""
        sentences = [sm for sm in _LIST_SENTENCE.finditer(rest) if sm.group(0).strip()]
        if len(sentences) <= 1 and _mostly_names(rest):
            self._add_names(b, rest, offset, status)
            return
        for sm in sentences:
            sent, start = sm.group(0), sm.start()
            sub = _LABEL.match(sent)
            label = sub.group("label").strip() if sub else ""
            if sub and len(label.split()) <= 3 and not re.search(r"\d", label) and _mostly_names(sub.group("rest")):
                sub_status = _cue_status(label) or status
                self._add_names(b, sub.group("rest"), offset + start + sub.start("rest"), sub_status)
            elif _mostly_names(sent) and not sent.lstrip()[:1].islower():
                self._add_names(b, sent, offset + start, status)
            else:
                self._prose(b, sent, True, offset + start)  # its own cue: "Desuden deltog X"

    def _labelled(self, text: str) -> tuple[str | None, str, int, str | None]:
        num = _LABEL_NUMBERING.match(text)
        skip = num.end() if num else 0
        m = _LABEL.match(text[skip:])
        if m:
            status = _cue_status(m.group("label")) or ("member" if _member_label(m.group("label")) else None)
            if status:
                return status, m.group("rest"), skip + m.start("rest"), m.group("note")
        bare = text[skip:].strip()
        if bare and len(bare.split()) <= 6 and _cue_status(bare):
            return _cue_status(bare), "", 0, None
        cue = _leading_cue(text[skip:])  # "Afbud fra Sanne Ibsen og Tore Mikkelsen."
        if cue and not cue.endswith(":"):
            rest = text[skip + len(cue) :]
            if rest.strip(" .") and _all_names(rest.strip(" .")):
                return _cue_status(cue), rest, skip + len(cue), None
        return None, "", 0, None

    def _add_names(self, b: Block, text: str, offset: int, status: str) -> None:
        # "Bestyrelsen (afbud fra Kim Jensen)": the parenthesis names the absent
        for p in re.finditer(r"\(([^)]*)\)", text):
            inner = p.group(1)
            cue = _leading_cue(inner)
            if cue and _cue_status(cue) == "absent" and status != "absent":
                rest_at = p.start(1) + len(cue)
                for nm in split_names(inner[len(cue) :], in_list=True):
                    self._add_mention(
                        b, NameMention(nm.name, rest_at + nm.start, rest_at + nm.end, nm.note), offset, "absent"
                    )
                text = text[: p.start()] + " " * (p.end() - p.start()) + text[p.end() :]
        body = _body_named(text)
        if body and status == "present":
            self.bodies.append((body, b))
        mentions = _split_first_name_pairs(split_names(text, in_list=True))
        for nm in mentions:
            self._add_mention(b, nm, offset, status)

    def _add_mention(self, b: Block, nm: NameMention, offset: int, status: str) -> None:
        target = {"present": self.attendees, "absent": self.absentees, "member": self.members}[status]
        name = " ".join(nm.name.split())
        if name.casefold() in {p.name.casefold() for p in target}:
            return
        role, reason = _role_or_reason(nm.note)
        target.append(
            Participant(
                name=name,
                status=_ROLL_STATUS[status],
                role=role,
                reason=reason,
                provenance=self._prov(b, offset + nm.start, offset + nm.end, f"participants.{status}"),
            )
        )
        if role:
            self.roles.append(RoleAssignment(name=name, role=role, provenance=target[-1].provenance))

    def _body_members(self, seg: Segmented) -> None:
        """'Deltagere: Bestyrelsen (afbud fra Kim Jensen)': the body's members, as the document
        lists them under an item about that body ('Valg af bestyrelse': 'Karen Sand, Formand
        valgt 2021' a line), attended, but for the absent."""
        if not self.bodies or self.attendees:
            return
        body, _ = self.bodies[0]
        for it in seg.items:
            if not _names_body(it.title, body):
                continue
            lines = [(b, seg_) for b in it.blocks for seg_ in _member_lines(b.text)]
            if len(lines) >= MEMBER_LIST_MIN:
                for b, nm in lines:
                    self._add_mention(b, nm, 0, "member")
                return

    def _members_minus_absent(self) -> None:
        """The municipal 'Medlemmer: ...' + 'Fraværende: ...': members not absent were present."""
        absent = {p.name.casefold() for p in self.absentees}
        present = {p.name.casefold() for p in self.attendees}
        for p in self.members:
            if p.name.casefold() not in absent | present:
                self.attendees.append(p)

    def _role_line(self, b: Block, record: bool = True) -> bool:
        """'Referent: Mette Lund' -> role, and the person attended."""
        m = _LABEL.match(_ZERO_WIDTH.sub(" ", b.text))
        if not m:
            return False
        role = lexicon().role_fields.get(m.group("label").casefold().strip())
        if not role:
            return False
        for nm in split_names(m.group("rest"))[:2]:
            if len(nm.name.split()) >= 2 and nm.name not in self.full_names:
                self.full_names.append(" ".join(nm.name.split()))
            if not record:
                continue
            start = m.start("rest") + nm.start
            prov = self._prov(b, start, start + len(nm.name), f"role.{role}")
            self.roles.append(RoleAssignment(name=nm.name, role=role, provenance=prov))
            for p in self.attendees + self.absentees:  # GUIDE.md: an attendee only when listed as present
                if p.name.casefold() == nm.name.casefold() and p.role is None:
                    p.role = role
        return True

    def _roles_everywhere(self, seg: Segmented) -> None:
        for it in seg.items:
            for k, b in enumerate(it.blocks):
                self._role_line(b, record=k < 6)  # a signature "Referent: ..." at the end names a person too

    def _roles_before_names(self, seg: Segmented) -> None:
        """'oldermand Palle Juhl -for 1 år', 'vejchef Hilde Brask (pkt. 3-5)', 'Kirkeværge: Asta
        Brink.': a role word right before a full name, anywhere, is that person's role (for
        'Oldermanden vil ...'); the full name joins the roster."""
        held = {(r.name.casefold(), r.role) for r in self.roles}
        for b in [*seg.header, *(x for it in seg.items for x in [it.heading, *it.blocks])]:
            text = _ZERO_WIDTH.sub(" ", b.text)
            for m in _name_run().finditer(text):
                run = m.group(0).split()
                before = _ROLE_BEFORE.search(text[: m.start()])
                if before and _is_role_word(before.group("role")):
                    role, name, start = before.group("role").casefold(), run, m.start()
                elif len(run) >= 3 and _is_role_word(run[0]) and not is_first_name(run[0]):
                    role, name, start = run[0].casefold(), run[1:], m.start() + len(run[0]) + 1
                else:
                    continue
                full = " ".join(name)
                if len(name) < 2 or not looks_like_name(full, strict=True) or (full.casefold(), role) in held:
                    continue
                held.add((full.casefold(), role))
                self.roles.append(
                    RoleAssignment(
                        name=full, role=role, provenance=self._prov(b, start, start + len(full), f"role.{role}")
                    )
                )
                if full not in self.full_names:
                    self.full_names.append(full)

    def _header_minute_taker(self, header: list[Block]) -> None:
        """'Referent: Kommunaldirektør Anne-Mette Qvist' in a header that lists the participants:
        the minute-taker attended (GUIDE.md); one elected under an item is no list of them."""
        if not (self.attendees or self.members):
            return
        absent = {p.name.casefold() for p in self.absentees}
        for b in header:
            m = _LABEL.match(_ZERO_WIDTH.sub(" ", b.text))
            if not m or lexicon().role_fields.get(m.group("label").casefold().strip()) != "referent":
                continue
            for nm in split_names(m.group("rest"))[:1]:
                if nm.name.casefold() not in absent:
                    self._add_mention(b, nm, m.start("rest"), "present")

    def _resolve_first_names(self, document_names: list[str] | None = None) -> None:
        """GUIDE.md: a first name is written as the full name the document gives for that
        person anywhere (a participant list, a role line, a signature; else a full name in
        the text, when one alone has that first name); else as written."""
        full = [p.name for p in self.attendees + self.absentees if len(p.name.split()) >= 2] + self.full_names
        for p in self.attendees + self.absentees:
            if " " in p.name:
                continue
            hits = {n for n in full if n.split()[0].casefold() == p.name.casefold()}
            if not hits:
                hits = {n for n in document_names or [] if n.split()[0].casefold() == p.name.casefold()}
            if len(hits) == 1:
                p.name = hits.pop()
        for people in (self.attendees, self.absentees):
            seen: set[str] = set()
            kept: list[Participant] = []
            for p in people:
                if p.name.casefold() not in seen:
                    seen.add(p.name.casefold())
                    kept.append(p)
            people[:] = kept

    def _prov(self, b: Block, start: int, end: int, rule: str) -> Provenance:
        return Provenance(
            doc_id=self.doc_id,
            page=b.page,
            start=b.start + start,
            end=b.start + end,
            rule=rule,
            ocr=b.ocr_confidence is not None,
            ocr_confidence=b.ocr_confidence,
        )


# the Participant status each roll records (a member is recorded as present)
_ROLL_STATUS: dict[str, Literal["present", "absent"]] = {"present": "present", "absent": "absent", "member": "present"}


def _participant_table_header(cells: list[str]) -> dict[str, int] | None:
    """{"name": i, "status": j} when a table row heads a participants table ({"name": i}
    when it has no status column: the label above it gives the status)."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        kind = lexicon().participant_table_columns.get(cell.strip(" .:").casefold())
        if kind and kind not in found:
            found[kind] = i
    return found if "name" in found else None


def _cells(text: str) -> list[tuple[str, int]]:
    """A table row's cells with their offsets ('Dato: 3/2-21\\tDeltagere: ...'); else the text."""
    if "\t" not in text:
        return [(text, 0)]
    out, pos = [], 0
    for cell in text.split("\t"):
        out.append((cell, pos))
        pos += len(cell) + 1
    return out


def _leading_cue(text: str) -> str | None:
    """The participant cue a text opens with ('afbud fra Kim Jensen' -> 'afbud fra')."""
    low = text.casefold()
    lx = lexicon()
    for cue in sorted(lx.participants_absent + lx.participants_present, key=len, reverse=True):
        if low.startswith(cue) and (len(low) == len(cue) or not low[len(cue)].isalnum()):
            return text[: len(cue) + (1 if text[len(cue) : len(cue) + 1] == ":" else 0)]
    return None


def _split_first_name_pairs(mentions: list[NameMention]) -> list[NameMention]:
    """'Dennis, Tonni Martin': in a list of first names alone, two first names
    written without a comma are two people."""
    singles = [nm for nm in mentions if len(nm.name.split()) == 1]
    if not singles or len(singles) < len(mentions) - 1:
        return mentions
    out = []
    for nm in mentions:
        parts = nm.name.split()
        if len(parts) == 2 and all(is_first_name(t) and len(t) > 2 for t in parts) and not parts[1].endswith("."):
            second = nm.name.index(parts[1], len(parts[0]))
            out.append(NameMention(parts[0], nm.start, nm.start + len(parts[0])))
            out.append(NameMention(parts[1], nm.start + second, nm.end, nm.note))
        else:
            out.append(nm)
    return out


def _clause_re() -> re.Pattern[str]:
    """A clause of running text: up to ', mens' (lexicon clause_breaks), ';' or a sentence end."""
    breaks = "|".join(map(re.escape, lexicon().clause_breaks)) or "(?!)"
    return re.compile(rf".+?(?:,\s*(?=(?:{breaks})\b)|;\s*|[.!?](?:\s+|$)(?=[A-ZÆØÅ]|$)|$)", re.S)


def _name_run() -> re.Pattern[str]:
    """A run of capitalised words (with the lexicon's name particles) in running text."""
    particles = "|".join(map(re.escape, lexicon().name_particles)) or "(?!)"
    return re.compile(rf"[A-ZÆØÅ][\w'’-]+(?:\s+(?:(?:{particles})\s+)?[A-ZÆØÅ][\w'’-]+)+")


_WORD = re.compile(r"[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?")


# A sentence of a participant label's value: up to a full stop after a word or a parenthesis
# (not after an initial, "pkt." before a digit or an abbreviation before a lower-case word)
_LIST_SENTENCE = re.compile(r".+?(?:(?<=[a-zæøå]{2}[.!?])|(?<=\)[.!?]))(?=\s+[A-ZÆØÅ]|\s*$)|.+$", re.S)


def _substituted(clause: str, nm: NameMention) -> bool:
    """'Lene Thybo deltog i stedet for Birte Sandholm': the one replaced did not attend."""
    before = " ".join(clause[: nm.start].casefold().split())
    return any(before.endswith(w) for w in lexicon().participants_substitute_for)


def _prose_status(clause: str, full: bool = True) -> str | None:
    low = " ".join(clause.casefold().split())
    lx = lexicon()
    table = [(lx.participants_absent_prose, "absent"), (lx.participants_present_here, "present")]
    if full:
        table.append((lx.participants_present_prose, "present"))
    for cues, status in table:
        if any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)(?!\s+(?:med|hos)\b)", low) for c in cues):
            return status
    return None


def _names_in_prose(clause: str) -> list[NameMention]:
    """Full names with a role or reason in parentheses right after them, and first
    names alone ("Til stede var Birthe, Knud og Ulla", "Jonas har meldt afbud")."""
    out = _full_names_in(clause)
    taken = [(nm.start, nm.end) for nm in out]
    for m in _WORD.finditer(clause):
        if any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group(0)
        if not is_first_name(word.split("-")[0]) or word.casefold() in lexicon().not_first_names:
            continue
        if _name_run().match(clause, m.start()):  # part of a run of capitalised words that is no name
            continue
        paren = _PAREN.match(clause, m.end())
        out.append(NameMention(name=word, start=m.start(), end=m.end(), note=paren.group(1).strip() if paren else None))
    return sorted(out, key=lambda nm: nm.start)


def _full_names_in(clause: str) -> list[NameMention]:
    """Full names (two or more words, a known first name or surname) with a role
    or reason in parentheses right after them; an all-capitals word ("LEA") belongs
    to an organisation, not to a person."""
    out = []
    for m in _name_run().finditer(clause):
        name, _ = _strip_role_prefix(m.group(0))
        start = m.start() + m.group(0).find(name)
        if len(name.split()) < 2 or not looks_like_name(name, strict=True):
            continue
        if any(t.isupper() and len(t) > 1 for t in name.split()) or _org_follows(clause, start + len(name)):
            continue
        paren = _PAREN.match(clause, start + len(name))
        out.append(
            NameMention(name=name, start=start, end=start + len(name), note=paren.group(1).strip() if paren else None)
        )
    return out


def _org_follows(text: str, end: int) -> bool:
    """'Lea Ejendomspartner A/S': a run followed by a company form names an organisation."""
    nxt = text[end : end + 12].split()
    return bool(nxt) and any(nxt[0].casefold().strip(".,") == w for w in lexicon().organisation_words)


# The word right before a name that may be its role: "vejchef Hilde Brask", "Kirkeværge: Asta Brink"
_ROLE_BEFORE = re.compile(r"(?:^|[\s,;(])(?P<role>[^\W\d_][\w-]+):?\s+$")


def _is_role_word(word: str) -> bool:
    """'formand', 'kirkeværge', 'vejchef' (a title ending like one): a role, never a first name."""
    lx = lexicon()
    low = word.casefold()
    return (
        low in lx.role_words
        or low in lx.role_fields
        or (low.endswith(tuple(lx.role_suffixes)) and not is_first_name(word))
    )


def _role_or_reason(note: str | None) -> tuple[str | None, str | None]:
    """'(formand)' is a role, '(syg)' a reason; '(direktør, formand)' gives its first role;
    a title word the lexicon lacks but that ends like one ('gruppeleder') is a role too,
    and a party letter ('(A)') is neither."""
    if not note:
        return None, None
    lx = lexicon()
    if _PARTY.match(note.strip()):
        return None, None
    parts = [w.strip() for w in note.casefold().split(",") if w.strip()]
    roles = [w for w in parts if w in lx.role_words or w in lx.role_fields]
    roles += [w for w in parts if " " not in w and w.endswith(tuple(lx.role_suffixes)) and w not in roles]
    if roles:
        return roles[0], None
    return None, note.strip()


def _all_names(text: str) -> bool:
    """Every part a name ('Sanne Ibsen og Tore Mikkelsen'), no clause of prose ('..., men Erik havde afbud')."""
    parts = [p for p in _split_outside_parentheses(text) if p.strip()]
    return bool(parts) and len(split_names(text, in_list=True)) == len(parts) and not _prose_status(text)


def _mostly_names(text: str) -> bool:
    parts = [p for p in _split_outside_parentheses(text) if p.strip()]
    if not parts:
        return False
    names, n_desc = _split_parts(text, in_list=True)
    return bool(names) and len(names) >= max(1, int(0.6 * (len(parts) - n_desc)))


# A line led by a name, initials allowed: "Freddy E. Borgwardt valgt 2013"
_NAME_LEAD = re.compile(r"[A-ZÆØÅ][\w'’-]+(?:\s+[A-ZÆØÅ](?:[\w'’-]+|\.))+")
MEMBER_LIST_MIN = 3  # so many name-led lines under the body's item are its member list
MEMBER_LINE_WORDS = 6  # "Karen Sand, Formand valgt 2021": a name and a few words of role


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


def _member_lines(text: str) -> list[NameMention]:
    """The name-led segments of a block: 'Bestyrelsen modtog genvalg. Karen Sand, Formand valgt
    2021' -> [Karen Sand]; each segment is a full name and a few words of role."""
    out = []
    for seg in re.finditer(r"(?:[^.\n]|(?<=\b[A-ZÆØÅ])\.|\.(?=\S))+", text):
        part = seg.group(0).strip()
        if not part or len(part.split()) > MEMBER_LINE_WORDS:
            continue
        run = _NAME_LEAD.match(part)
        if not run:
            continue
        name = run.group(0)
        tokens = name.split()
        while len(tokens) > 2 and (
            tokens[-1].casefold() in lexicon().role_words or not looks_like_name(" ".join(tokens), strict=True)
        ):
            tokens.pop()
        name = " ".join(tokens)
        if len(tokens) >= 2 and looks_like_name(name, strict=True):
            start = seg.start() + seg.group(0).find(name)
            out.append(NameMention(name, start, start + len(name)))
    return out


def _role_phrase(clause: str) -> NameMention | None:
    """'afbud fra den afgående kasserer, som ...' -> 'den afgående kasserer' (no name given)."""
    lx = lexicon()
    cues = "|".join(re.escape(c) for c in sorted(lx.participants_absent_prose, key=len, reverse=True))
    m = re.search(rf"(?<!\w)(?:{cues})\s+(?P<phrase>[a-zæøå-]+(?:\s+[a-zæøå-]+){{0,3}})(?=\s*(?:[,.;]|$))", clause)
    if not m:
        return None
    last = m["phrase"].split()[-1]
    if last not in lx.role_words and not last.endswith(tuple(lx.role_suffixes)):
        return None
    return NameMention(m["phrase"], m.start("phrase"), m.end("phrase"))


def _document_full_names(seg: Segmented) -> list[str]:
    """Full names written anywhere in the document ('Mikkel Thygesen' in an agenda table) but
    in participant lines (there 'Palle Tage' may be two first names)."""
    out: list[str] = []
    for b in [*seg.header, *(x for it in seg.items for x in [it.heading, *it.blocks])]:
        text = _ZERO_WIDTH.sub(" ", b.text)
        if any(_cue_status(m.group("label")) for cell, _ in _cells(text) for m in [_LABEL.match(cell)] if m):
            continue
        for nm in (x for cell, _ in _cells(text) for x in _full_names_in(cell)):
            name = " ".join(nm.name.split())
            last = name.split()[-1]
            if is_first_name(name.split()[0]) and (is_surname(last) or not is_first_name(last)) and name not in out:
                out.append(name)
    return out


def find_participants(seg: Segmented, doc_id: str) -> ParticipantFinder:
    finder = ParticipantFinder(doc_id=doc_id)
    finder.run(seg)
    return finder
