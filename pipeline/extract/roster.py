"""The meeting's roster: the full names of its people, and how a mention ("Stine",
"HB", "Anne Marie") resolves to one of them; the full names written anywhere in the
document, for first names the participant lists leave alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract.names import _full_names_in
from pipeline.extract.participant_labels import _LABEL, _ZERO_WIDTH, _cells, _cue_status
from pipeline.lexicon import is_first_name, is_surname, lexicon
from pipeline.types import Participant, RoleAssignment, Segmented

_INITIALS = re.compile(r"[A-ZÆØÅÄÖÜ]{2,3}")
# A first name and an abbreviated surname: "Lone W.", "Lone Wi.", "Tage H"
_ABBREVIATED = re.compile(r"(?P<first>[A-ZÆØÅ][\w-]+)\s+(?P<initial>[A-ZÆØÅ][a-zæøå]?)\.?")


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
    # full names written elsewhere in the document ("Valgt: Camilla Bech (ny)"): a first name
    # alone that no participant has resolves to the one of these that has it
    elsewhere: list[str] = field(default_factory=list)
    # the document's own short forms: "HNK = Henrik Nørskov", an initials column beside the names
    aliases: dict[str, str] = field(default_factory=dict)

    def add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def alias(self, short: str, name: str) -> None:
        """'PWI' stands for 'Pia Winther' (a legend or an initials column): the document says so."""
        self.aliases.setdefault(" ".join(short.split()).casefold(), name)

    def resolve(self, mention: str) -> str | None:
        """Full roster name for a mention ("Stine" -> "Stine Johansen"), else None."""
        key = " ".join(mention.split()).casefold()
        alias = self.aliases.get(key) or self.aliases.get("@" + key)  # "@madsk" written with or without its @
        if alias is not None:
            return self._resolve(alias) or alias
        found = self._resolve(mention)
        m = " ".join(mention.split())
        if found is None and m in self.elsewhere:
            return m  # a full name the document writes elsewhere is a name, not two first names
        if found is None and " " not in m and len(m) >= 3 and is_first_name(m):
            hits = {n for n in self.elsewhere if n.split()[0].casefold() == m.casefold()}
            return hits.pop() if len(hits) == 1 else None
        return found

    def _resolve(self, mention: str) -> str | None:
        # a pure function of the names and the mention, remembered (a document resolves the
        # same few mentions many times); the names are read afresh each call, so an edit of
        # the list is seen
        return _resolve_in(tuple(self.names), mention)


@lru_cache(maxsize=8192)
def _resolve_in(names: tuple[str, ...], mention: str) -> str | None:
    return _Resolver(list(names))._resolve(mention)


@dataclass
class _Resolver:
    names: list[str]

    def _resolve(self, mention: str) -> str | None:
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
        short = _ABBREVIATED.fullmatch(m)
        if short:  # "Lone W." for Lone Winther, when one person has that first name and initial
            first, initial = short.group("first").casefold(), short.group("initial").casefold()
            hits = [
                n
                for n in self.names
                if len(n.split()) >= 2
                and n.split()[0].casefold() == first
                and n.split()[-1].casefold().startswith(initial)
            ]
            if len(hits) == 1:
                return hits[0]
        if " " not in m:
            firsts = [n for n in self.names if n.split()[0].casefold() == folded]
            if len(firsts) == 1:
                return firsts[0]
            lasts = [n for n in self.names if n.split()[-1].casefold() == folded and " " in n]
            if len(lasts) == 1:
                return lasts[0]
            if _INITIALS.fullmatch(m):  # "HB" for Helle Bang, when one person has them
                initials = {n for n in self.names if m in _initials_of(n)}
                if len(initials) == 1 and m.casefold() not in lexicon().bodies:
                    return initials.pop()
        return None


def _document_full_names(seg: Segmented) -> list[str]:
    """Full names written anywhere in the document ('Mikkel Thygesen' in an agenda table) but
    in participant lines (there 'Palle Tage' may be two first names)."""
    out: list[str] = []
    for b in [*seg.header, *(x for it in seg.items for x in [it.heading, *it.blocks])]:
        cells = _cells(_ZERO_WIDTH.sub(" ", b.text))
        if any(_cue_status(m.group("label")) for cell, _ in cells for m in [_LABEL.match(cell)] if m):
            continue
        for nm in (x for cell, _ in cells for x in _full_names_in(cell)):
            name = " ".join(nm.name.split())
            last = name.split()[-1]
            if is_first_name(name.split()[0]) and (is_surname(last) or not is_first_name(last)) and name not in out:
                out.append(name)
    return out


def role_holders(people: list[Participant], roles: list[RoleAssignment], roster: Roster) -> dict[str, str]:
    """Each role one person holds ('administrator' -> 'Henrik Dall'), from the participants'
    notes ("Henrik Dall (administrator)") and the role lines ("Referent: X")."""
    by_role: dict[str, set[str]] = {}
    for role, name in [(p.role, p.name) for p in people] + [(r.role, r.name) for r in roles]:
        if role:
            by_role.setdefault(role.casefold(), set()).add(roster.resolve(name) or name)
    return {role: next(iter(names)) for role, names in by_role.items() if len(names) == 1}
