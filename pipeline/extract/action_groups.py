"""Working groups and their members, mixed into ActionRules (pipeline.extract.actions):
'Festudvalget (Villads, Ea og Tobias) ...', 'Et udvalg blev nedsat med Pia og Kim',
'Udvalget består af Lis og Peter', so that the group's later tasks get its members.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from pipeline.extract.names import split_names
from pipeline.extract.owners import Mention
from pipeline.extract.roster import Roster
from pipeline.lexicon import lexicon


class GroupRules:
    """A working group's members, remembered for its later tasks (state lives in StatementExtractor)."""

    roster: Roster
    groups: dict[str, tuple[str, ...]]

    def _remember_groups(self, sent: Span, mentions: list[Mention]) -> None:
        """'Festudvalget (Villads, Ea og Tobias) fremlagde ...', 'Et jubilæumsudvalg blev
        nedsat med Pia, Dorthe og Kenneth.': the group's members, for its tasks later in
        the document ('Udvalget mødes ...')."""
        self._remember_formed_group(sent.text)
        doc = sent.doc
        for m in mentions:
            if m.kind != "group" or m.end >= sent.end or doc[m.end].text != "(":
                continue
            close = next((t.i for t in doc[m.end : sent.end] if t.text == ")"), None)
            if close is None:
                continue
            names = split_names(doc[m.end + 1 : close].text)
            if names:
                self.groups[m.name.casefold()] = tuple(self.roster.resolve(n.name) or n.name for n in names)

    def _remember_formed_group(self, text: str) -> None:
        m = _formed_group_re().search(text)
        if not m:
            return
        names = split_names(m.group("names"))
        if len(names) < 2 or len(" ".join(n.name for n in names).split()) < len(m.group("names").split()) // 2:
            return  # the words after the link are no list of people
        members = tuple(self.roster.resolve(n.name) or n.name for n in names)
        word = m.group("group").casefold()
        self.groups[word] = members
        self.groups[lexicon().group_formed_stems[m.group("stem").casefold()]] = members  # "udvalget" later

    def _group_members(self, nxt: Span) -> list[Mention]:
        """'Deltagere er ...', 'Udvalget består af Lis og Peter.': the next sentence names the
        group's members (opening with the cue, or with the group's word and then the cue)."""
        low = nxt.text.casefold()
        words = low.split()
        lead = words[0] if len(words) > 1 and self._group_word(words[0]) else ""
        for cue in lexicon().group_member_cues:
            at = len(lead) + 1 if lead and low[len(lead) + 1 :].startswith(cue) else 0 if low.startswith(cue) else -1
            if at >= 0:
                names = split_names(nxt.text[at + len(cue) :])
                return [Mention(0, 0, self.roster.resolve(n.name) or n.name, "person") for n in names]
        return []

    def _group_word(self, word: str) -> bool:
        """'udvalget', 'gruppen', 'festudvalget': a word naming a working group."""
        lx = lexicon()
        return word in lx.working_groups or word.endswith(tuple(lx.group_suffixes))


@lru_cache(maxsize=1)
def _formed_group_re() -> re.Pattern[str]:
    """'jubilæumsudvalg blev nedsat med Pia, Dorthe og Kenneth': a group word, then a link, then names."""
    lx = lexicon()
    stems = "|".join(re.escape(s) for s in lx.group_formed_stems)
    links = "|".join(re.escape(w) for w in sorted(lx.group_formed_links, key=len, reverse=True))
    return re.compile(
        rf"\b(?P<group>\w*(?P<stem>{stems})(?:et|en)?)\b[^.;:]{{0,40}}?\b(?:{links})\s+(?P<names>[A-ZÆØÅ][^.;:]*)", re.I
    )
