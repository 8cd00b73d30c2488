"""Decision rules of the statement extractor: outcomes in titles, elections and the
lists under them, vote lines, bare outcomes ("Enstemmigt vedtaget.") and cue decisions.

`DecisionRules` is mixed into `statements.StatementExtractor`, which owns the state
(the records so far, the zone, the item's title); this module owns what makes a
sentence or a line a decision.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.names import split_names
from pipeline.extract.owners import Mention, OwnerFinder
from pipeline.extract.sentences import (
    ENUMERATOR,
    cues_in,
    has_decision_cue,
    is_question,
    recommendation_point,
    reported,
    strip_number,
    vetoed,
)
from pipeline.extract.votes import vote_line, votes_in
from pipeline.extract.zones import LABEL, Labels, Zone, strip_callout
from pipeline.lexicon import lexicon
from pipeline.nlp.components import CueLabel
from pipeline.types import Block, BlockKind, Decision, Provenance, VoteTally

TALLY_CUES = {"stemte_for"}  # cue ids that count votes ("37 stemmer for X") without stating the outcome
# Cue ids of a vote cast ("stemte imod"): the body's outcome with a collective subject, a member's
# own vote with a person's ("Mette Bruun (A) stemte imod med henvisning til ...")
VOTE_CAST_CUES = {"stemme_for_imod"}
COLLECT_MAX_WORDS = 14  # a line of a list that a "...:" decision takes
COLLECT_MAX_LINES = 16
COLLECT_SHORT_LINE = 8  # a paragraph (not a list item) that a "...:" decision takes
PROPOSAL_CONTEXT_MAX_WORDS = 40  # a proposal before "Forslaget blev vedtaget." that the outcome takes
REPORT_BARE_MAX_WORDS = 4  # "Blev gennemgået og godkendt.": an outcome under a report with no subject
DEFINITE_ENDINGS = ("en", "et", "n", "ne", "erne")  # "dirigenten", "revisorerne": Danish definite endings
TITLE_REST_MAX_WORDS = 8  # "Valg af dirigent: <rest>": a longer rest without an outcome cue is a report

# A list entry that starts with a name: "Jens Mølgaard nr. 14. revisor", "Lise Bang, Kirkevej 4",
# "Freddy E. Borgwardt valgt 2013", "kasserer Signe Holm" (an optional lower-case role word first).
LEADING_NAME = re.compile(r"^(?:(?P<role>[a-zæøå]{3,})\s+)?(?P<name>[A-ZÆØÅ][\w'-]*\.?(?:\s+[A-ZÆØÅ][\w'-]*\.?){1,3})")
# A sub-item's number and its parent's: "2a" -> "2", "1.5" -> "1"
SUB_ITEM = re.compile(r"^(?P<parent>\d{1,2})(?:[a-zA-Z]|\.\d{1,2})$")
# A short abbreviation with a number after a name: "nr. 14", "lejl. 3"
ENTRY_NOTE = re.compile(r"^\w{1,5}\.\s*\d")
# The end of a sentence inside a title's rest: "Ole Brandt vælges. Generalforsamlingen er ..."
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")
# "Valg af revisor. Lise Bang, Kirkevej 4": an election title whose outcome follows a full stop
TITLE_OUTCOME = (
    re.compile(r"^(?P<label>[^:–]{3,60}?)\s*(?::|\s–\s|\s-\s)\s*(?P<rest>\S.*)$", re.S),
    re.compile(r"^(?P<label>[^:–.]{3,60}?)\.\s+(?P<rest>[A-ZÆØÅ].*)$", re.S),
)


def _indefinite(word: str) -> set[str]:
    """'dirigenten' -> {'dirigenten', 'dirigent', ...}: the word and its forms without a
    definite ending, to compare with the lexicon's role words."""
    forms = {word}
    for suffix in DEFINITE_ENDINGS:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            forms.add(word[: -len(suffix)])
    return forms


class DecisionRules:
    """What makes a title, a line or a sentence a decision (state lives in StatementExtractor)."""

    nlp: Language
    doc_id: str
    titles: dict[str, Block]
    decisions: list[Decision]
    owners: OwnerFinder
    labels: Labels
    roles: set[str]
    bodies: set[str]
    collectives: set[str]  # the lexicon's collective subjects (the meeting body and its kin)
    consequences: tuple[str, ...]  # "det betyder": a sentence that tells what the decision before it means
    report_titles: tuple[str, ...]
    report_item: bool
    openers: set[str]
    resolution_titles: tuple[str, ...]
    collecting: Decision | None
    n_collected: int
    election: bool
    title_decided: bool
    election_list_labels: set[str]
    not_elected: set[str]
    election_skip: int  # len(decisions) when a "Ikke på valg:" list began: its names are no decision
    prev_block: Block | None  # the block before the one being read
    superseded: set[int]  # id() of decision labels that a later one of the same item follows

    def _title(self, item: str | None) -> None:
        """'Valg af dirigent: Pernille', 'Fastsættelse af kontingent: uændret': the
        outcome is written in the item's title; 'Valg af ...' items elect in their lines."""
        head = self.titles.get(item) if item is not None else None
        self.election = bool(head and self.labels.is_election(strip_number(head.text)))
        self.title_decided = False
        self.report_item = self._in_report(item)
        if head is None:
            return
        title = strip_number(head.text).strip()
        outcome = self._titled_outcome(title)
        if outcome is None:
            return
        start = max(head.text.find(title), 0)
        self.title_decided = True
        self.decisions.append(
            Decision(
                item=item,
                text=outcome,
                provenance=Provenance.at(
                    head, head.start + start, head.start + start + len(outcome), "decision.title", doc_id=self.doc_id
                ),
            )
        )

    def _superseded_labels(self, blocks: list[tuple[str | None, Block]]) -> set[int]:
        """A case that passed through several bodies ('Beslutning i Teknik- og Miljøudvalget
        den 8. april', 'Beslutning i Økonomiudvalget den 10. april', 'Beslutning i Byrådet den
        24. april'): the decision labels that name a body or date follow in order, and only the
        item's last one is this meeting's; the earlier ones are history. An exact label
        ('Beslutning:') is never superseded."""
        named: dict[str | None, list[Block]] = {}
        for item, block in blocks:
            m = LABEL.match(block.text)
            if m and m.group("rest").strip():
                continue  # "Beslutning: Godkendt." -- a label with its own text
            if not m and self.labels.bare_label(block.text) is not None:
                continue  # "Beslutning Godkendt." -- the label of a field table with its text
            label = (
                m.group("label").casefold().strip(" *_") if m else strip_callout(block.text).casefold().strip(" :*_")
            )
            if label in self.labels.exact["decision"] or self.labels.kind(label, bool(m), block) != "decision":
                continue
            named.setdefault(item, []).append(block)
        return {id(b) for bs in named.values() for b in bs[:-1]}

    def _report_title(self, item: str | None) -> bool | None:
        """A report item ('Bestyrelsens beretning'), not one that also elects ('Beretninger og
        valg til udvalg'); None when the item has no title."""
        head = self.titles.get(item) if item is not None else None
        if head is None:
            return None
        low = strip_number(head.text).casefold()
        return any(w in low for w in self.report_titles) and not self.labels.is_election(low)

    def _in_report(self, item: str | None) -> bool:
        """The item is a report, or a part of one ('2a' / '2.1' under '2. Aflæggelse af
        beretninger': one club's report) that elects nothing itself."""
        own = self._report_title(item)
        m = SUB_ITEM.match(item or "")
        if own or not m:
            return bool(own)
        head = self.titles.get(item) if item is not None else None
        if head is not None and self.labels.is_election(strip_number(head.text)):
            return False
        return bool(self._report_title(m.group("parent")))

    def _report_outcome(self, sent: Span, mentions: list[Mention]) -> bool:
        """In a report item only the outcome on the report is a decision: a sentence naming
        the report ('Beretningen blev godkendt', 'Alle beretninger blev gennemgået og
        godkendt') or a bare outcome with no subject of its own ('Godkendt.')."""
        if any(w in t.lower_ for t in sent for w in self.report_titles):
            return True
        words = [t for t in sent if not t.is_punct and not t.is_space]
        return len(words) <= REPORT_BARE_MAX_WORDS and not any(m.kind == "person" for m in mentions)

    def _titled_outcome(self, title: str) -> str | None:
        """'Valg af dirigent: Pernille', 'Fastsættelse af kontingent: uændret', 'Valg af revisor.
        Lise Bang, Kirkevej 4' -> the title up to the end of its outcome; None when the part
        after the label is no outcome ('ingen', a report of what happened)."""
        for k, pattern in enumerate(TITLE_OUTCOME):
            m = pattern.match(title)
            if not m:
                continue
            label = m.group("label").casefold()
            if not (self.labels.is_election(label) or (k == 0 and label.startswith(self.resolution_titles))):
                continue
            rest = self._outcome_rest(m.group("rest"), need_name=k == 1)
            if rest is not None:
                return title[: m.start("rest")] + rest
        return None

    def _outcome_rest(self, rest: str, need_name: bool = False) -> str | None:
        """The first sentence of what follows an election label, when it is an outcome: short
        ('Pernille', 'Leif (Krohaven)') or with its own cue ('Ole Brandt vælges for 2 år')."""
        if self.labels.starts_with_nothing(rest) or rest.rstrip().endswith(":"):
            return None  # "Valg til bestyrelsen – i år:": the list follows
        first = SENTENCE_END.split(rest.strip(), maxsplit=1)[0]
        if need_name and not self._name_entry(first):
            return None
        if len(first.split()) > TITLE_REST_MAX_WORDS and not has_decision_cue(self.nlp, first):
            return None
        return first

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

    def _emit_block_decision(
        self, item, block: Block, rule: str, collect: bool = False, text: str | None = None
    ) -> None:
        text = text or block.text.strip()
        start = block.text.find(text)
        d = Decision(
            item=item,
            text=text,
            provenance=Provenance.at(
                block, block.start + start, block.start + start + len(text), f"decision.{rule}", doc_id=self.doc_id
            ),
        )
        self.decisions.append(d)
        if collect or text.endswith(":"):
            self.collecting, self.n_collected = d, 0

    def _collect(self, block: Block) -> bool:
        """A decision ending in ':' ('Valgt som suppleanter er:', 'Følgende blev vedtaget:')
        takes the short lines of the list under it into its text."""
        d = self.collecting
        if d is None:
            return False
        text = block.text.strip()
        short = len(text.split()) <= COLLECT_SHORT_LINE
        m = LABEL.match(text)
        opener = text.endswith(":") and not (m and m.group("rest").strip())
        role_heading = self.election and opener and m is not None and self._electable(m.group("label"))
        listed = block.kind == BlockKind.list_item or bool(ENUMERATOR.match(text))  # "1. prioritet ..."
        if not role_heading and (
            block.kind == BlockKind.heading
            or not text
            or opener  # "Ikke på valg:", "Øvrige småting som bliver gennemført:": the next list
            or not (listed or short)
            or self.n_collected >= COLLECT_MAX_LINES
            or block.page != d.provenance.page
            and not short
        ):
            self.collecting = None
            return False
        if m and self.labels.kind(m.group("label").casefold(), True, block):
            self.collecting = None
            return False
        role = m.group("label").casefold().strip() if m else ""
        if m and m.group("rest").strip() and role in self.roles and not self._elects_role(d.item, role):
            self.collecting = None  # "Referent: X" after the board's list: the minute-taker, no one elected
            return False
        d.text = f"{d.text}\n{text}"
        d.provenance.end = block.start + block.text.find(text) + len(text)
        if d.votes is None:
            d.votes = votes_in(text)
        self.n_collected += 1
        return True

    def _vote_line(self, item: str | None, text: str) -> bool:
        """A vote count line adds its figure to the item's last decision."""
        found = vote_line(text)
        if not found:
            return False
        field_name, count = found
        last = self.decisions[-1] if self.decisions and self.decisions[-1].item == item else None
        if last is not None:
            votes = last.votes or VoteTally.model_validate({})
            setattr(votes, "for_" if field_name == "for" else field_name, count)
            votes.text = (votes.text + " " + text.strip()).strip()
            last.votes = votes
        return True

    def _appended_outcome(self, block: Block, sent: Span, start: int) -> bool:
        """A three-word outcome right after a decision of the same paragraph completes it."""
        words = [t for t in sent if not t.is_punct and not t.is_space]
        last = self.decisions[-1] if self.decisions else None
        if last is None or len(words) > 3 or last.provenance.rule == "decision.title":
            return False
        end = last.provenance.end - block.start
        return (
            block.start <= last.provenance.start
            and 0 <= end <= start
            and not block.text[end:start].strip()
            and "\n" not in last.text
        )

    def _consequence(self, block: Block, sent: Span, start: int) -> bool:
        """'Det betyder, at ...', 'Dermed ...' right after a decision of the same paragraph: what
        the decision means, part of its text."""
        low = " ".join(sent.text.casefold().split())
        if not any(low.startswith(c + " ") or low.startswith(c + ",") for c in self.consequences):
            return False
        last = self.decisions[-1] if self.decisions else None
        if last is None or last.provenance.rule == "decision.title" or "\n" in last.text:
            return False
        end = last.provenance.end - block.start
        return block.start <= last.provenance.start and 0 <= end <= start and not block.text[end:start].strip()

    def _context_fits(self, doc: Doc, begin: int, end: int, limit: int) -> bool:
        """Is doc.text[begin:end] the substance a bare outcome after it concludes? A short
        sentence, or a longer proposal ('Gitte foreslog, at ... Forslaget blev vedtaget.',
        'Det indstilles, at ...'): a sentence that records no outcome of its own."""
        n = len(doc.text[begin:end].split())
        if n <= limit:
            return True
        sents = [s for s in doc.sents if s.end_char > begin and s.start_char < end and s.text.strip()]
        return (
            n <= PROPOSAL_CONTEXT_MAX_WORDS
            and len(sents) == 1  # the proposal right before ("..., mens X. Der blev stemt. Vedtaget." is not)
            and any(
                c.label_ == CueLabel.VETO and begin <= c.start_char and c.end_char <= end
                for c in doc.spans.get("cues", [])
            )
        )

    def _bare_outcome(self, sent: Span, mentions: list[Mention]) -> bool:
        """'Enstemmigt vedtaget.', 'Dette blev vedtaget.', 'Alle vælges.': an outcome with
        no substance of its own, recorded with the sentences it concludes."""
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words or len(words) > 8 or words[0].lower_ not in self.openers or self.report_item:
            return False  # under a report the outcome concludes the report, not the sentence before
        return not any(m.kind == "person" for m in mentions)

    def _decision_rule(self, sent: Span, cues: list[Span], mentions: list[Mention], zone: Zone) -> str | None:
        if zone.kind == "no_decision" or not any(t.is_alpha for t in sent):
            return None  # "1.-3." split off "1.-3. Anbefales.": the numbering, the outcome follows
        if self.labels.is_closing(sent.text):
            return None  # "Mødet hævet kl. 20.35." under the last "Beslutning"
        if self.report_item and zone.kind != "decision" and not self._report_outcome(sent, mentions):
            return None  # a decision the report tells is its history ("I maj blev det besluttet ...")
        rule = self._cue_decision(sent, cues, mentions)
        if rule or zone.kind != "decision":
            return rule
        if any(c.label_ == CueLabel.REPORT for c in cues):
            return None  # "Formanden orienterede om ...", "Udvalget drøftede sagen": information, no outcome
        if self._members_vote(sent, cues, mentions):
            return None  # "Mette Bruun (A) stemte imod ...": a member's vote, the outcome is beside it
        # under "Beslutning:": every sentence unless it only assigns a task ("KE og BL færdiggør
        # ansøgningen", "X bad forvaltningen om en oversigt": an action, not the outcome)
        first = next(iter(sent.doc.sents)).start == sent.start
        subjects = [
            self._subject(sent, c.start, mentions)
            for c in cues
            if c.label_ == CueLabel.ACTION
            and not self.owners.in_relative_clause(sent, c.start)  # "Der nedsættes et udvalg ..., som fremlægger ..."
        ]
        # the first sentence is the body's resolution ("Lokalrådet sender ansøgningen") unless
        # members are its subject ("KE og BL færdiggør ...", "Niels Holm (F) bad forvaltningen ...")
        task_only = any(subj and (not first or all(m.kind == "person" for m in subj)) for subj in subjects)
        if not first and vetoed(sent):
            return None  # "Godkendt. Sagen forventes genoptaget i januar.": a forecast after the decision
        return None if task_only else "label"

    def _members_vote(self, sent: Span, cues: list[Span], mentions: list[Mention]) -> bool:
        """'Mette Bruun (A) stemte imod med henvisning til ...', 'Søren Lyng (V) og Pia Holm (O)
        stemte for indstillingen': people (not the body) casting their own vote."""
        for c in cues:
            if c.id_ not in VOTE_CAST_CUES:
                continue
            subject = self._subject(sent, c.start, mentions)
            if subject and all(m.kind == "person" for m in subject):
                return True
        return False

    def _subject(self, sent: Span, verb: int, mentions: list[Mention]) -> list[Mention]:
        """The subject before the verb at `verb`, past a party or initials in parentheses
        ('Mette Bruun (A) stemte', 'Niels Holm (NH) bad')."""
        if verb - 1 > sent.start and sent.doc[verb - 1].text == ")":
            verb = next((t.i for t in reversed(sent.doc[sent.start : verb - 1]) if t.text == "("), verb)
        return self.owners.subject_before(sent, verb, mentions)

    def _tally_before_outcome(self, cues: list[Span], nxt: Span) -> bool:
        """A sentence whose only outcome is a count of votes ('Resultatet blev 30 stemmer for
        Nordlys, 9 stemmer for Vestnet.') before the sentence that states the outcome."""
        decided = [c for c in cues if c.label_ in (CueLabel.DECISION, CueLabel.POSTPONE, CueLabel.DECISION_COLLECTIVE)]
        if not decided or any(c.id_ not in TALLY_CUES for c in decided):
            return False
        return self._cue_decision(nxt, cues_in(nxt), self.owners.mentions(nxt)) is not None

    def _others_approval(self, sent: Span, cue: Span) -> bool:
        """'..., som er godkendt af revisor', 'Referat godkendt af formanden', 'godkendt af
        Skovby Gods': an outcome whose agent is a person, a role or another organisation,
        not the meeting body ('vedtaget af generalforsamlingen' is the meeting's)."""
        doc = sent.doc
        if cue.label_ != CueLabel.DECISION or cue.end + 1 >= sent.end:
            return False
        if doc[cue.end].lower_ not in lexicon().outcome_agent_markers:
            return False
        agent = doc[cue.end + 1]
        low = agent.lower_
        if low in lexicon().collective_subjects:
            return False
        return agent.text[:1].isupper() or bool(_indefinite(low) & (self.roles | self.bodies))

    def _cue_decision(self, sent: Span, cues: list[Span], mentions: list[Mention]) -> str | None:
        if vetoed(sent) or is_question(sent) or recommendation_point(sent):
            return None
        for c in cues:
            if reported(sent, c, cues) or self._others_approval(sent, c):
                continue
            if c.label_ in (CueLabel.DECISION, CueLabel.POSTPONE):
                return f"{c.label_.lower()}:{c.id_}"
            if c.label_ == CueLabel.DECISION_COLLECTIVE:
                # a working group named as a body ("Udvalget ønsker, at ...") is collective too
                kinds = {"collective", "group"}
                subject = self.owners.subject_before(sent, c.start, mentions, kinds) or [
                    m for m in self.owners.subject_after(sent, c.start, mentions) if m.kind in kinds
                ]
                if any(m.kind == "collective" or m.name.casefold() in self.collectives for m in subject):
                    return f"collective:{c.id_}"
        return None
