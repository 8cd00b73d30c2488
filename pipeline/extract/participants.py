"""Attendees and absentees: the finder that scans the header, every item and table for
participant labels, lists, tables and attendance prose.

Participant lists are found from cue labels ("Til stede:", "Afbud:",
"Deltagere (digitalt)", "Udeblivende medlemmer") anywhere in the document: the
header zone, an item whose title is such a cue, inside any item ("c)
Tilstedeværende", "§1 Til stede:") and in table cells. A participant line after a
dated line naming another meeting ("09/04/2025 Økonomiudvalget", the history of a
case in a portal export) belongs to that meeting and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.meeting import _kind_word
from pipeline.extract.names import (
    MEMBER_LIST_MIN,
    NameMention,
    _all_names,
    _member_lines,
    _mostly_names,
    _names_in_prose,
    _role_or_reason,
    _role_phrase,
    _split_first_name_pairs,
    _substituted,
    split_names,
)
from pipeline.extract.participant_labels import (
    _DATED,
    _HISTORY_LINE,
    _LABEL,
    _LABEL_NUMBERING,
    _LIST_SENTENCE,
    _ROLL_STATUS,
    _ZERO_WIDTH,
    Roll,
    _body_named,
    _cells,
    _clause_re,
    _cue_status,
    _header_label,
    _leading_cue,
    _member_label,
    _names_body,
    _participant_table_header,
    _prose_status,
)
from pipeline.extract.participant_tables import (
    _SHORT,
    ParticipantTables,
    _abbreviates,
    _label_columns,
)
from pipeline.extract.roles import RoleRules, _role_field
from pipeline.extract.roster import Roster, _document_full_names
from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind, Participant, RoleAssignment, Segmented

_KIND_REACH = 120  # the kind word of a header line is read in its first characters ("Åben dagsorden")
_KIND_LINES = 8  # ... of the first header lines


def _agenda_document(seg: Segmented) -> bool:
    """The title (else an early header line: 'Åben dagsorden') names an agenda."""
    kind = _kind_word(seg.title.text if seg.title else None)
    if kind is None:
        kind = next((k for k in (_kind_word(b.text, _KIND_REACH) for b in seg.header[:_KIND_LINES]) if k), None)
    if kind is None:  # a title set in the title style under a letterhead of fields
        titles = (b for b in seg.header if b.kind == BlockKind.title)
        kind = next((k for k in (_kind_word(b.text, _KIND_REACH) for b in titles) if k), None)
    return kind == "agenda"


_PARENTHESISED = re.compile(r"^\s*\([^()]*\)\s*[.,]?\s*$")


def _entry_continuation(text: str) -> bool:
    """A line of a participant list that goes on from the name above it: a note
    alone in parentheses, or an organisation's name ("Boligadministration Nord ApS")."""
    if _PARENTHESISED.match(text):
        return True
    words = text.split()
    return 0 < len(words) <= 6 and words[-1].casefold().strip(".,") in lexicon().organisation_words


_NOTE_WORDS = 12  # outside the header, attendance prose is a short note of its own ("Jonas har meldt afbud.")


@dataclass
class ParticipantFinder(ParticipantTables, RoleRules):
    doc_id: str
    attendees: list[Participant] = field(default_factory=list)
    absentees: list[Participant] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)
    members: list[Participant] = field(default_factory=list)  # "Medlemmer:" of the header
    full_names: list[str] = field(default_factory=list)  # full names in role lines and signatures
    bodies: list[tuple[str, Block]] = field(default_factory=list)  # "Deltagere: Bestyrelsen": a body attended
    document_names: list[str] = field(default_factory=list)  # full names written anywhere (roster.elsewhere)
    present_label: bool = False  # the header has a label of who attended ("Til stede:", "Desuden deltog:")
    aliases: dict[str, str] = field(default_factory=dict)  # "PWI" -> "Pia Winther": the document's short forms

    def run(self, seg: Segmented) -> None:
        self._scan(seg.header, full=True, header=True)
        for it in seg.items:
            self._scan([it.heading] + it.blocks, full=bool(_cue_status(it.title)), header=False)
        self._roles_everywhere(seg)
        self._roles_before_names(seg)
        self._body_members(seg)
        self._members_minus_absent(seg)
        self._header_minute_taker(seg.header)
        self.document_names = _document_full_names(seg)
        self._resolve_first_names(self.document_names)
        self._legends([*seg.header, *(b for it in seg.items for b in [it.heading, *it.blocks])])

    def roster(self) -> Roster:
        """Participants and the full names of role lines and signatures: what owners resolve to."""
        r = Roster()
        for p in self.attendees + self.absentees:
            r.add(p.name)
        for n in self.full_names:
            r.add(n)
        r.elsewhere = [n for n in self.document_names if n not in r.names]
        for short, name in self.aliases.items():
            r.alias(short, r.resolve(name) or name)
        return r

    # -------------------------------------------------------------- scanning

    def _scan(self, blocks: list[Block], full: bool, header: bool) -> None:
        """full: a zone where attendance prose is expected (the header, a participant item)."""
        status: Roll | None = None
        history = False  # after "09/04/2025 Økonomiudvalget": the record of another meeting
        table: dict[str, int] | None = None  # a participants table: its name and status columns
        table_status: Roll | None = None  # the status of a table without a status column, from the label above it
        label_columns: list[Roll | None] | None = None  # "Til stede | Afbud" heading the columns of names
        for b in blocks:
            text = _ZERO_WIDTH.sub(" ", b.text)  # same length: offsets stay valid
            if b.kind == BlockKind.table_row and b.cells:
                heads = _label_columns(b.cells)
                if heads is not None:
                    label_columns, status = heads, None
                    continue
                if label_columns is not None and self._label_column_row(b, text, label_columns):
                    continue
            label_columns = None
            if b.kind == BlockKind.table_row and b.cells:
                columns = _participant_table_header(b.cells)
                if columns is not None and table is not None and (len(columns) < 2 or self._names_row(b.cells, table)):
                    columns = None  # "Mikkel Fromm | Medlem | Afbud", "Arne Lykke | Medlem | Mødt": a row, not a header
                if columns is not None and ("status" in columns or "absent_mark" in columns or status):
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
            bare_cue: Roll | None = None  # "Afbud | Michael Frost (MF)": a label cell, the names in the next
            cells = _cells(text)
            for cell, coff in cells:
                label_status, rest, offset, note = self._labelled(cell, header, len(cells) > 1)
                if label_status == "member" and not header:
                    label_status = None
                if not label_status:
                    if bare_cue and not history and _mostly_names(cell):
                        self._label_rest(b, cell, coff, bare_cue)
                    bare_cue = None
                    continue
                if status == "member" and label_status == "present" and not _presence_label(cell[:offset]):
                    label_status = "member"  # "Medlemmer:" / "Arbejdstagerrepræsentanter: ...": a group of the members
                bare_cue = label_status if not rest.strip() else None
                labelled, status = True, label_status
                self.present_label = self.present_label or (header and label_status == "present")
                if rest and not history and not _DATED.search(rest):
                    self._label_rest(b, rest, coff + offset, status)
            if labelled:
                continue
            if self._role_line(b):
                status = None
                continue
            if status and not history and _prose_status(re.sub(r"\([^)]*\)", " ", text)):
                # "Administrator X, ..., deltog under pkt. 1-3." under "Afbud:", "Ahmad Sadiq – deltog via
                # Teams" in a list: the line tells its own attendance; the list goes on under the label
                self._prose(b, text, full)
                continue
            if status and not history and _entry_continuation(text):
                continue  # "(administrator)", "Boligadministration Nord ApS" under a name in a narrow column
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

    def _prose(self, b: Block, text: str, full: bool, offset: int = 0, status: Roll | None = None) -> None:
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
                present = {p.name.casefold() for p in self.attendees}
                for nm in found:
                    if status == "absent" and " ".join(nm.name.split()).casefold() in present:
                        continue  # listed present, then "forlod mødet ... deltog ikke i punkt 7-9": attended
                    self._add_mention(b, nm, offset + m.start(), status)
                role = _role_phrase(clause) if status == "absent" and not found else None
                if role:  # "Der er afbud fra den afgående kasserer": the role stands for the person
                    self._add_mention(b, role, offset + m.start(), status)
            if clause.rstrip().endswith((".", "!", "?")):
                status = None  # a new sentence needs its own cue

    def _label_rest(self, b: Block, rest: str, offset: int, status: Roll) -> None:
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
                if status == "member" and not _presence_label(label):
                    sub_status = "member"  # "Medlemmer: Arbejdsgiverrepræsentanter: A, B": a group of the members
                self._add_names(b, sub.group("rest"), offset + start + sub.start("rest"), sub_status)
            elif _mostly_names(sent) and not sent.lstrip()[:1].islower():
                self._add_names(b, sent, offset + start, status)
            else:
                self._prose(b, sent, True, offset + start)  # its own cue: "Desuden deltog X"

    def _labelled(
        self, text: str, header: bool = False, cell: bool = False
    ) -> tuple[Roll | None, str, int, str | None]:
        """The participant label a text (a table cell: `cell`) opens with, its status, the value
        after it and its offset, and the label's note ("Deltagere (digitalt)")."""
        num = _LABEL_NUMBERING.match(text)
        skip = num.end() if num else 0
        m = _LABEL.match(text[skip:])
        if m:
            status = _cue_status(m.group("label")) or ("member" if _member_label(m.group("label")) else None)
            if status:
                return status, m.group("rest"), skip + m.start("rest"), m.group("note")
            if header and _header_label(m.group("label")) and _mostly_names(m.group("rest")):
                return "present", m.group("rest"), skip + m.start("rest"), m.group("note")
        bare = text[skip:].strip()
        if bare and len(bare.split()) <= 6 and _cue_status(bare):
            return _cue_status(bare), "", 0, None
        if bare and _member_label(bare):  # "Medlemmer" over one member a line
            return "member", "", 0, None
        if header and bare and _header_label(bare) and (cell or len(bare.split()) <= 3):
            # "Fra ledelsen | X": a table's label cell; "FRA BESTYRELSEN" over one name a line
            return "present", "", 0, None
        cue = _leading_cue(text[skip:])  # "Afbud fra Sanne Ibsen og Tore Mikkelsen."
        if cue and not cue.endswith(":"):
            rest = text[skip + len(cue) :]
            if rest.strip(" .") and _all_names(rest.strip(" .")):
                return _cue_status(cue), rest, skip + len(cue), None
        return None, "", 0, None

    def _add_names(self, b: Block, text: str, offset: int, status: Roll) -> None:
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
        mentions = _split_first_name_pairs(split_names(text, in_list=True, initials=True))
        for nm in mentions:
            self._add_mention(b, nm, offset, status)

    def _add_mention(self, b: Block, nm: NameMention, offset: int, status: Roll) -> None:
        target = {"present": self.attendees, "absent": self.absentees, "member": self.members}[status]
        name = " ".join(nm.name.split())
        if name.casefold() in {p.name.casefold() for p in target}:
            return
        for word in re.split(r"[,;\s]+", nm.note or ""):
            if _SHORT.fullmatch(word) and not word.startswith("@") and _abbreviates(word, name):
                self.aliases.setdefault(word, name)  # "Pia Winther (PWI, IT-chef)", not a party's "(SF)"
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

    def _members_minus_absent(self, seg: Segmented) -> None:
        """The municipal 'Medlemmer: ...' + 'Fraværende: ...': members not absent were present;
        in an agenda ('Dagsorden') that records no attendance ('Desuden deltog: ...') the
        members are its committee's composition, the meeting not yet held."""
        if not self.present_label and _agenda_document(seg):
            return
        absent = {p.name.casefold() for p in self.absentees}
        present = {p.name.casefold() for p in self.attendees}
        for p in self.members:
            if p.name.casefold() not in absent | present:
                self.attendees.append(p)

    def _header_minute_taker(self, header: list[Block]) -> None:
        """'Referent: Kommunaldirektør Anne-Mette Qvist' in a header that lists the participants:
        the minute-taker attended (GUIDE.md); one elected under an item is no list of them."""
        if not (self.attendees or self.members):
            return
        absent = {p.name.casefold() for p in self.absentees}
        attending = lexicon().header_roles_attending
        for b in header:
            field = _role_field(b)
            if field is None or field[0] not in attending:
                continue
            for nm in split_names(field[1])[:1]:
                if nm.name.casefold() not in absent:
                    self._add_mention(b, nm, field[2], "present")


def _presence_label(label: str) -> bool:
    """'Til stede', 'Afbud', 'Gæster': a label that says who attended (not a group's name,
    'Arbejdstagerrepræsentanter', 'Skolen')."""
    lx = lexicon()
    key = " ".join(label.casefold().strip(" :").split())
    return key in (*lx.participants_present, *lx.participants_absent, *lx.participants_guest)


def find_participants(seg: Segmented, doc_id: str) -> ParticipantFinder:
    finder = ParticipantFinder(doc_id=doc_id)
    finder.run(seg)
    return finder
