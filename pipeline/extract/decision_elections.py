"""Election rules of the statement extractor, mixed into DecisionRules
(pipeline.extract.decisions): 'Valg af dirigent: Bent Holm' as a decision, the lists of
names under a 'Valg af ...' item or label, the roles and bodies an item elects, and the
lists that elect no one ('Ikke på valg:').
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language

from pipeline.extract.names import split_names
from pipeline.extract.sentences import (
    has_decision_cue,
    strip_number,
)
from pipeline.extract.zones import Labels
from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind, Decision

COLLECT_MAX_WORDS = 14  # a line of a list that a "...:" decision takes

# A list entry that starts with a name: "Jens Mølgaard nr. 14. revisor", "Lise Bang, Kirkevej 4",
# "Freddy E. Borgwardt valgt 2013", "kasserer Signe Holm" (an optional lower-case role word first).
LEADING_NAME = re.compile(r"^(?:(?P<role>[a-zæøå]{3,})\s+)?(?P<name>[A-ZÆØÅ][\w'-]*\.?(?:\s+[A-ZÆØÅ][\w'-]*\.?){1,3})")
# A short abbreviation with a number after a name: "nr. 14", "lejl. 3"
ENTRY_NOTE = re.compile(r"^\w{1,5}\.\s*\d")


class ElectionRules:
    """What makes a line of an election item a decision (state lives in StatementExtractor)."""

    # methods of the sibling mixins, resolved on StatementExtractor
    _outcome_rest: Callable[..., str | None]
    _emit_block_decision: Callable[..., None]
    _collect: Callable[[Block], bool]

    nlp: Language
    titles: dict[str, Block]
    decisions: list[Decision]
    labels: Labels
    roles: set[str]
    bodies: set[str]
    collecting: Decision | None
    n_collected: int
    election: bool
    election_list_labels: set[str]
    not_elected: set[str]
    election_skip: int  # len(decisions) when a "Ikke på valg:" list began: its names are no decision
    prev_block: Block | None  # the block before the one being read

    def _name_entry(self, text: str) -> bool:
        """A short line that starts with a full name: an entry of an election list."""
        if not text or len(text.split()) > COLLECT_MAX_WORDS:
            return False
        m = LEADING_NAME.match(text)
        if not m:
            return False
        words = m.group("name").split()
        for n in range(len(words), 1, -1):
            name = " ".join(words[:n])
            found = split_names(name, strict=True)
            if len(found) == 1 and found[0].name == name:
                return self._entry_tail(text[m.start("name") + len(name) :])
        return False

    def _entry_tail(self, tail: str) -> bool:
        """What follows the name in a list entry: nothing, a note (', Kirkevej 4', '(valgt 2020)',
        'nr. 14'), a role ('revisor') or the outcome ('valgt 2022') -- not a sentence's verb
        ('Birthe Lund stiller op som dirigent.')."""
        tail = tail.strip()
        if not tail or not tail[0].isalpha() or ENTRY_NOTE.match(tail):
            return True
        first = tail.split()[0].strip(".,;:").casefold()
        return first in self.roles or has_decision_cue(self.nlp, tail.split()[0])

    def _election_line(self, item: str | None, block: Block, m: re.Match | None) -> bool:
        """'Valg af dirigent: Bent Holm' is a decision; under a 'Valg af ...' item or a
        'Konstituering' heading, a role line ('Kasserer: Helle Olsen'), a list of names
        or a 'Bestyrelsen:' / 'På valg:' line starts one decision that takes the list under
        it (and its outcome, 'Begge blev genvalgt'); the lines of a list that is no election
        ('Ikke på valg:') are none; an entry right after an election outcome joins it."""
        text = block.text.strip()
        if m and self.labels.is_election(m.group("label")) and m.group("rest").strip():
            rest = self._outcome_rest(m.group("rest"))
            if rest is None:
                return False
            self._emit_block_decision(
                item, block, "election", text=text[: m.start("rest") - block.text.find(text)] + rest
            )
            self.election = True
            return True
        if not self.election or len(text.split()) > COLLECT_MAX_WORDS:
            return False
        label = m.group("label").casefold().strip() if m else ""
        opener = m is not None and text.endswith(":") and not m.group("rest").strip()
        if opener and self._electable(label):
            self._emit_block_decision(item, block, "election", collect=True)
            return True
        if opener and not has_decision_cue(self.nlp, text):
            self.election_skip = len(self.decisions)  # "Ikke på valg:": its names elect no one
            return False
        if block.kind == BlockKind.heading:
            return False
        role_line = (
            m is not None
            and label in self.roles
            and bool(m.group("rest").strip())
            and bool(split_names(m.group("rest")))
            and self._elects_role(item, label)
        )
        names = split_names(text, strict=True)
        names_line = bool(names) and sum(len(n.name) for n in names) >= 0.75 * len(re.sub(r"[\W\d]", "", text))
        if not (role_line or names_line or self._name_entry(text)):
            return False
        if self.election_skip == len(self.decisions):
            return True  # a name under "Ikke på valg:"
        last = self.decisions[-1] if self.decisions and self.decisions[-1].item == item else None
        prev = self.prev_block
        if not role_line and last is not None and prev is not None and prev.start < last.provenance.end <= prev.end:
            # "Bestyrelsen modtog genvalg." then "Ole Brandt, formand valgt 2022": one decision
            self.collecting, self.n_collected = last, 0
            return self._collect(block)
        if has_decision_cue(self.nlp, text):
            return False  # a sentence with its own outcome ("X blev valgt") is read as one
        # "Dirigent: X" under "Valg af dirigent og referent" is one; "Formand: X", "Kasserer: Y"
        # under "Konstituering af bestyrelsen" are the board, one list
        collect = not role_line or self._elects_body(item) or not self._title_roles(item)[1]
        self._emit_block_decision(item, block, "election", collect=collect)
        return True

    def _elects_role(self, item: str | None, label: str) -> bool:
        """Does the item elect the role of a line 'Kasserer: Helle Olsen'? A role of the
        meeting ('Referat: X', 'Dirigent: X') only when the title names it; under a body's
        election ('Valg af bestyrelse') the body's roles; else a role the title names."""
        lx = lexicon()
        canon = lx.role_fields.get(label, label)
        function = canon in lx.meeting_function_roles or label in lx.meeting_function_roles
        title, named = self._title_roles(item)
        if not self.labels.is_election(title):
            return not function  # elections opened by a heading inside the item ("Konstituering")

        def same(w: str) -> bool:
            return (
                w == label
                or lx.role_fields.get(w, w) == canon
                or len(w) >= 5
                and label.startswith(w)
                or (len(label) >= 5 and w.startswith(label))
            )

        if any(same(w) for w in named):
            return True
        if function:
            # "Stemmetællere: X og Y" under "Valg af dirigent": the item elects the meeting's functions
            return any(lx.role_fields.get(w, w) in lx.meeting_function_roles for w in named)
        return self._elects_body(item) or not named

    def _title_roles(self, item: str | None) -> tuple[str, list[str]]:
        """The item's title (casefolded) and the role words it names ('Valg af revisor og
        revisorsuppleant' -> ['revisor', 'revisorsuppleant'])."""
        head = self.titles.get(item) if item is not None else None
        title = strip_number(head.text).casefold() if head is not None else ""
        words = [w.strip(".,:;()") for w in title.split()]
        return title, [w for w in words if w in self.roles or any(w.startswith(r) for r in self.roles if len(r) >= 5)]

    def _elects_body(self, item: str | None) -> bool:
        """'Valg af bestyrelse og suppleanter', 'Konstituering af bestyrelsen': a body elected."""
        head = self.titles.get(item) if item is not None else None
        title = strip_number(head.text).casefold() if head is not None else ""
        words = [w.strip(".,:;()") for w in title.split()]
        return self.labels.is_election(title) and any(
            len(w) >= 5 and any(b.startswith(w) for b in lexicon().collective_subjects) for w in words
        )

    def _electable(self, label: str) -> bool:
        """'Bestyrelsen:', 'Suppleanter:', 'Bestyrelsesmedlemmer:' -- a body or role elected."""
        words = label.casefold().split()
        if not words or len(words) > 3 or any(w in self.not_elected for w in words):
            return False  # "Ikke på valg:", "Modtager ikke genvalg:"
        w = words[0]
        if self.labels.is_election(label) or label.casefold() in self.election_list_labels:
            return True  # "Genvalg til:", "På valg:", "Nyvalg:"
        return w in self.roles or w in self.bodies or any(w.startswith(r) for r in self.roles if len(r) >= 5)
