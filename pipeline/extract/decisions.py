"""Decision rules of the statement extractor: outcomes in titles, elections and the
lists under them, vote lines, bare outcomes ("Enstemmigt vedtaget.") and cue decisions.

`DecisionRules` is mixed into `statements.StatementExtractor`, which owns the state
(the records so far, the zone, the item's title); this module owns what makes a
sentence or a line a decision.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Span

from pipeline.extract.decision_context import COLLECT_MAX_LINES as COLLECT_MAX_LINES
from pipeline.extract.decision_context import COLLECT_SHORT_LINE as COLLECT_SHORT_LINE
from pipeline.extract.decision_context import PROPOSAL_CONTEXT_MAX_WORDS as PROPOSAL_CONTEXT_MAX_WORDS
from pipeline.extract.decision_context import DecisionContextRules
from pipeline.extract.decision_elections import COLLECT_MAX_WORDS as COLLECT_MAX_WORDS
from pipeline.extract.decision_elections import ENTRY_NOTE as ENTRY_NOTE
from pipeline.extract.decision_elections import LEADING_NAME as LEADING_NAME
from pipeline.extract.decision_elections import ElectionRules
from pipeline.extract.owners import Mention, OwnerFinder
from pipeline.extract.sentences import (
    cues_in,
    has_decision_cue,
    is_question,
    recommendation_point,
    reported,
    strip_number,
    vetoed,
)
from pipeline.extract.zones import LABEL, Labels, Zone, strip_callout
from pipeline.lexicon import lexicon
from pipeline.nlp.components import CueLabel
from pipeline.types import Block, Decision, Provenance

TALLY_CUES = {"stemte_for"}  # cue ids that count votes ("37 stemmer for X") without stating the outcome
# Cue ids of a vote cast ("stemte imod"): the body's outcome with a collective subject, a member's
# own vote with a person's ("Mette Bruun (A) stemte imod med henvisning til ...")
VOTE_CAST_CUES = {"stemme_for_imod"}
REPORT_BARE_MAX_WORDS = 4  # "Blev gennemgået og godkendt.": an outcome under a report with no subject
DEFINITE_ENDINGS = ("en", "et", "n", "ne", "erne")  # "dirigenten", "revisorerne": Danish definite endings
TITLE_REST_MAX_WORDS = 8  # "Valg af dirigent: <rest>": a longer rest without an outcome cue is a report

# A sub-item's number and its parent's: "2a" -> "2", "1.5" -> "1"
SUB_ITEM = re.compile(r"^(?P<parent>\d{1,2})(?:[a-zA-Z]|\.\d{1,2})$")
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


class DecisionRules(DecisionContextRules, ElectionRules):
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
    report_titles: tuple[str, ...]
    report_item: bool
    openers: set[str]
    resolution_titles: tuple[str, ...]
    election: bool
    title_decided: bool

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
