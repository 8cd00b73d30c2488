"""Stated roles and full names: 'Referent: Mette Lund', 'vejchef Hilde Brask', a
signature under an item; first names resolved to the full name the document gives.

`RoleRules` is mixed into `participants.ParticipantFinder`, which owns the state.
"""

from __future__ import annotations

import re

from pipeline.extract.names import INITIALS, _is_role_word, _name_run, looks_like_name, split_names
from pipeline.extract.participant_labels import _LABEL, _ZERO_WIDTH
from pipeline.extract.roster import Roster
from pipeline.lexicon import is_first_name, lexicon
from pipeline.types import Block, Participant, Provenance, RoleAssignment, Segmented

# The word right before a name that may be its role: "vejchef Hilde Brask", "Kirkeværge: Asta Brink"
_ROLE_BEFORE = re.compile(r"(?:^|[\s,;(])(?P<role>[^\W\d_][\w-]+):?\s+$")


def _role_field(b: Block) -> tuple[str, str, int] | None:
    """'Referent: Mette Lund', a table row 'Referent | Mette Lund' -> (the role, the value, its offset)."""
    text = _ZERO_WIDTH.sub(" ", b.text)
    m = _LABEL.match(text)
    label, rest, rest_at = (m.group("label"), m.group("rest"), m.start("rest")) if m else ("", "", 0)
    if not m and b.cells and len(b.cells) >= 2 and "\t" in text:
        label, rest = text.split("\t", 1)
        rest_at = len(label) + 1
    role = lexicon().role_fields.get(label.casefold().strip()) if label else None
    return (role, rest, rest_at) if role else None


class RoleRules:
    """Role lines and first-name resolution (state lives in ParticipantFinder)."""

    doc_id: str
    attendees: list[Participant]
    absentees: list[Participant]
    roles: list[RoleAssignment]
    full_names: list[str]

    def _role_line(self, b: Block, record: bool = True) -> bool:
        """'Referent: Mette Lund' (or a table row 'Referent | Mette Lund') -> role, and the person attended."""
        field = _role_field(b)
        if field is None:
            return False
        role, rest, rest_at = field
        for nm in split_names(rest)[:2]:
            last = nm.name.split()[-1]
            abbreviated = len(last.rstrip(".")) <= 2  # "Ref.: Knud B.": the one whose full name is given elsewhere
            if len(nm.name.split()) >= 2 and not abbreviated and nm.name not in self.full_names:
                self.full_names.append(" ".join(nm.name.split()))
            if not record:
                continue
            start = rest_at + nm.start
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

    def _resolve_first_names(self, document_names: list[str] | None = None) -> None:
        """GUIDE.md: a first name is written as the full name the document gives for that
        person anywhere (a participant list, a role line, a signature; else a full name in
        the text, when one alone has that first name); else as written."""
        full = [p.name for p in self.attendees + self.absentees if len(p.name.split()) >= 2] + self.full_names
        by_initials = Roster(list(dict.fromkeys([*full, *(document_names or [])])))
        for people in (self.attendees, self.absentees):
            _rejoin_double_first_names(people, [*full, *(document_names or [])])
        for people in (self.attendees, self.absentees):  # "AFH" in a list: the one person with them, else no one
            for p in people:
                if INITIALS.fullmatch(p.name):
                    p.name = by_initials.resolve(p.name) or ""
            people[:] = [p for p in people if p.name]
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
        return Provenance.at(b, b.start + start, b.start + end, rule, doc_id=self.doc_id)


def _rejoin_double_first_names(people: list[Participant], full_names: list[str]) -> None:
    """'Til stede: Hanne, Jens Peter, Ulla': two first names side by side that begin one full
    name the document gives ("Jens Peter Vang") are that one person, not "Jens" and "Peter"."""
    k = 0
    while k + 1 < len(people):
        a, b = people[k], people[k + 1]
        pa, pb = a.provenance, b.provenance
        if " " not in a.name and " " not in b.name and pa.page == pb.page and 0 <= pb.start - pa.end <= 1:
            pair = f"{a.name} {b.name}".casefold()
            hits = {n for n in full_names if n.casefold().startswith(pair + " ")}
            if len(hits) == 1:
                a.name = hits.pop()
                a.provenance = pa.model_copy(update={"end": pb.end})
                del people[k + 1]
        k += 1
