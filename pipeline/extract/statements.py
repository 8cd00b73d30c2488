"""Decisions and actions from the sentences under each agenda item: the driver.

A sentence is a decision when a decision cue fires (doc.spans["cues"], from
nlp/patterns/cues.jsonl): an outcome verb whatever the subject ("vedtog",
"godkendt", "der er enighed om", "rykkes"), or a collective verb ("ønsker",
"peger på") whose subject is the meeting body or another collective; or when
it stands under a "Beslutning:" label. It is an action when a task verb has a
person or body as its subject ("Sekretariatet undersøger", "X skal tage
kontakt"), or when it stands under an "Aktion:"/"Opgaver:" label.

This module walks the blocks and sentences and keeps the state (label zones, the
records so far); what makes a decision lives in extract/decisions.py, who owns an
action in extract/actions.py, the shared sentence predicates in extract/sentences.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.actions import OWNER_KINDS, ActionRules
from pipeline.extract.context import ExtractionContext
from pipeline.extract.decisions import DecisionRules
from pipeline.extract.names import split_names
from pipeline.extract.owners import Mention, OwnerFinder
from pipeline.extract.roster import Roster
from pipeline.extract.sentences import cues_in, in_case_text, strip_number, vetoed
from pipeline.extract.tables import table_actions
from pipeline.extract.votes import votes_in
from pipeline.extract.zones import LABEL, Labels, Zone, strip_callout
from pipeline.ingest.text import TASK_DONE, TASK_OPEN
from pipeline.lexicon import lexicon
from pipeline.nlp.components import CueLabel
from pipeline.types import Action, Block, BlockKind, Decision, Provenance, RoleAssignment

PERSON_LABEL_JOINERS = {"og", "&", "/", "+"}  # between the names of a person label "Freja og Emil:"
CONTEXT_MAX_WORDS = 15  # a paragraph before "Enstemmigt vedtaget." that the outcome takes as its substance


@dataclass
class StatementExtractor(DecisionRules, ActionRules):
    nlp: Language
    doc_id: str
    roster: Roster
    meeting_body: str | None
    ref: date
    titles: dict[str, Block] = field(default_factory=dict)  # item number -> its heading block
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    n_reports: int = 0
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # working group -> members
    role_holders: list[RoleAssignment] = field(default_factory=list)  # who is formand, kasserer, ... here

    def __post_init__(self):
        self.owners = OwnerFinder(self.roster, self.meeting_body, self.role_holders)
        lx = lexicon()
        self.labels = Labels()
        self.roles = set(lx.role_fields) | set(lx.role_words) | set(lx.meeting_function_roles)
        self.bodies = set(lx.collective_subjects) | set(lx.owner_bodies)
        self.collectives = set(lx.collective_subjects)
        self.consequences = tuple(lx.decision_consequences)
        self.report_titles = tuple(lx.report_item_titles)
        self.report_item = False  # under "Formandens beretning": past decisions are its history
        self.openers = set(lx.outcome_openers)
        self.non_owners = set(lx.non_owner_subjects)
        self.deliberation = set(lx.deliberation_verbs)
        self.executors = dict(lx.committee_executors)
        self.conditionals = set(lx.task_conditionals)
        self.condition_openers = set(lx.task_condition_openers)
        self.status_auxiliaries = set(lx.status_auxiliaries)
        self.meta_fields = set(lx.meta_fields)
        self.topic_titles = set(lx.case_label_topics)
        self.not_task_before = set(lx.not_task_before)
        self.subordinators = set(lx.task_subordinators)
        self.clause_links = set(lx.task_clause_links)
        self.wish_objects = set(lx.committee_wish_objects)
        self.resolution_titles = tuple(lx.resolution_title_prefixes)
        self.collecting: Decision | None = None  # a "...:" decision taking the lines under it
        self.n_collected = 0
        self.election = False  # under a "Valg af ..." item or heading: its lines elect
        self.title_decided = False  # the item's title carried its outcome
        self.context_block: Block | None = None  # the paragraph before, when it gave no record
        self.election_list_labels = set(lx.election_list_labels)
        self.not_elected = set(lx.not_elected_words)
        self.election_skip = -1  # len(decisions) when an "Ikke på valg:" list began
        self.prev_block: Block | None = None  # the block read before the current one

    # ------------------------------------------------------------ driving

    def run(self, items: Sequence[tuple[str | None, Sequence[Block]]]) -> None:
        blocks = [(item, b) for item, bs in items for b in bs if b.kind != BlockKind.table_row]
        docs = self.nlp.pipe([b.text for _, b in blocks], batch_size=64)
        zone, current_item = Zone(), object()
        self.superseded = self._superseded_labels(blocks)  # "Beslutning i Økonomiudvalget" before "... i Byrådet"
        with_text = {item for item, _ in blocks}
        pending = [item for item, _ in items]  # items in order; one with no text still has its title
        for (item, block), doc in zip(blocks, docs):
            if item != current_item:
                while pending and pending[0] != item:
                    if pending[0] not in with_text:
                        self._title(pending.pop(0))  # "1. Valg af dirigent: Pernille" with nothing under it
                    else:
                        pending.pop(0)
                if pending:
                    pending.pop(0)
                zone, current_item = self._title_zone(item), item
                self.collecting = None
                self._title(item)
                self.context_block = None
                self.prev_block = None
                self.election_skip = -1
            n_before = len(self.decisions) + len(self.actions)
            zone = self._block(item, block, doc, zone)
            self.prev_block = block
            # a one-sentence paragraph that gave no record: the context of a bare outcome after it
            quiet = len(self.decisions) + len(self.actions) == n_before
            self.context_block = (
                block
                if quiet
                and block.kind == BlockKind.paragraph
                and len(list(doc.sents)) == 1
                and self._context_fits(doc, 0, len(doc.text), CONTEXT_MAX_WORDS)
                and not block.text.rstrip().endswith("?")
                else None
            )
        for item in pending:
            if item not in with_text:
                self._title(item)
        for item, _ in items:
            self._title_task(item)  # "7. Flere ressourcer ✅" read as an item heading: a task

    def _title_zone(self, item: str | None) -> Zone:
        """An item titled as a label ('TODO', 'Til næste møde', 'Beslutninger') is that zone."""
        head = self.titles.get(item) if item is not None else None
        if head is None:
            return Zone()
        title = strip_number(head.text).strip()
        kind = self.labels.kind(title.casefold().strip(" :*_"), title.endswith(":"), head)
        topic = title.casefold().strip(" :*_") in self.topic_titles and not self._case_field_titles()
        if kind == "no_decision" and (title != head.text.strip() or topic):
            # a numbered item titled like a case field ("2. Økonomi", "4. Forslag") is no case text, nor
            # "Økonomi" among items none of which is a case field ("Sagsfremstilling", "Indstilling")
            return Zone()
        return Zone(kind, level=0) if kind in ("action", "no_decision") else Zone()

    def _case_field_titles(self) -> bool:
        """Do headings taken for items name case fields other than a topic ('Fremstilling',
        'Indstilling'): the portal layout, where 'Økonomi' is a field too."""
        for head in self.titles.values():
            title = strip_number(head.text).strip()
            low = title.casefold().strip(" :*_")
            if low not in self.topic_titles and self.labels.kind(low, title.endswith(":"), head) == "no_decision":
                return True
        return False

    def _block(self, item: str | None, block: Block, doc: Doc, zone: Zone) -> Zone:
        head = self.titles.get(item) if item is not None else None
        if head is not None and head.start <= block.start and block.end <= head.end and self.title_decided:
            return zone  # the outcome split off the title line, already recorded with it
        if self._collect(block):
            return zone
        if self.labels.is_nothing(block.text):
            return zone
        if block.style == TASK_DONE:
            return zone  # "- [x] ...": a task done, no task after the meeting
        if block.style == TASK_OPEN:  # "- [ ] Kim køber kage": a task whatever its wording
            self._sentences(item, block, doc, Zone("action", parent=zone))
            return zone
        if self._vote_line(item, block.text):
            return zone
        zone = zone.close_for_block(block)
        heading = block.kind == BlockKind.heading
        case_text = heading and in_case_text(zone)
        if heading:
            zone = zone.close_for_heading(block.level or 1)
            self.election = self.election or self.labels.is_election(block.text.strip(" :*"))
        m = LABEL.match(block.text)
        label = m.group("label").casefold().strip(" *_") if m else strip_callout(block.text).casefold().strip(" :*_")
        rest_offset = m.start("rest") if m else len(block.text)
        bare = self.labels.bare_label(block.text) if not m and not heading else None
        if bare is not None:  # "Beslutning Godkendt.": the label of a field table, its text after it
            bare_kind, rest_offset = bare
            self._sentences(item, block, doc, Zone(bare_kind), start_char=rest_offset)
            return Zone("after_decision", parent=zone) if bare_kind == "decision" else Zone(bare_kind, parent=zone)
        kind = self.labels.kind(label, bool(m), block)
        if kind == "decision" and id(block) in self.superseded:
            kind = "no_decision"  # another body's earlier decision: the case's history
        if case_text and not kind:
            kind = "no_decision"  # "Økonomiske konsekvenser" after "Sagsbeskrivelse": still the case text
        if kind:
            new = Zone(
                kind,
                parent=zone,
                level=(block.level or 1) if heading else None,
                list_level=block.level
                if block.kind == BlockKind.list_item and not (m and m.group("rest").strip())
                else None,
            )
            if m and kind == "decision" and self.labels.is_nothing(m.group("rest")):
                return Zone("after_decision", parent=zone)  # "Beslutning: Ingen.": no outcome
            if m and m.group("rest").strip():
                self._sentences(item, block, doc, Zone(kind), start_char=rest_offset)
                return Zone("after_" + kind, parent=zone) if kind == "decision" else Zone(kind, parent=zone)
            return new
        if m and label in self.meta_fields and m.group("rest").strip():
            # "Næste møde: onsdag 10/12 kl. 16 (vi tager kage med)": a field, its outcome only by a cue
            self._sentences(item, block, doc, Zone(no_task=True), start_char=rest_offset)
            return zone
        if m and label in self.labels.owner:
            self._attach_owners(item, m.group("rest"))
            return zone
        if m and label in self.labels.due:
            self._attach_due(item, m.group("rest"))
            return zone
        if self._election_line(item, block, m):
            return zone
        people = self._person_label(m)
        if people and m is not None and not m.group("rest").strip():
            return Zone("action", people, parent=zone.heading_scope())
        if people and (block.kind == BlockKind.list_item or zone.kind == "action"):  # "Opgaver:" / "Mette: booker"
            self._sentences(item, block, doc, Zone("action", people), start_char=rest_offset)
            return zone
        if people:  # "Jenny: Der er et dilemma ..." -- dialogue, what someone said
            self._sentences(item, block, doc, zone.heading_scope(), start_char=rest_offset)
            return zone
        if m and zone.kind == "action" and not zone.owner and self._responsibility_line(item, block, m, zone):
            return zone  # "Snerydning: Bodil" under "Ansvarsområder": her task
        if m and zone.kind == "action" and not zone.owner:
            # "Næste møde: d. 19/2" under "Til næste møde": a field, a task only by its own cue
            self._sentences(item, block, doc, Zone(), start_char=0)
            return zone
        if m and zone.kind in ("decision", "after_decision"):
            # "Afbud: ..." under a "Beslutning" heading: a field, not the decision
            zone = Zone("after_decision", level=zone.level, parent=zone.parent)
        elif m or heading:  # another field or heading ends a labelled zone (not the heading's own)
            zone = zone.heading_scope()
        if (zone.owner or zone.listed) and block.kind != BlockKind.list_item:
            zone = zone.parent.heading_scope() if zone.parent else Zone()
        if not m and self._dash_task_line(item, block):  # "KV og CB – udarbejde en plan ..."
            return zone
        self._sentences(item, block, doc, zone)
        if zone.kind == "decision" and zone.list_level is None:
            # "Beslutning:" covers its paragraph, or its list
            return (
                Zone("decision", listed=True, level=zone.level, parent=zone.parent)
                if block.kind == BlockKind.list_item
                else Zone("after_decision", level=zone.level, parent=zone.parent)
            )
        return zone

    def _person_label(self, m: re.Match | None) -> tuple[str, ...]:
        """'Mette:' or 'Freja og Emil:' heading a person's tasks -> their full names."""
        if not m:
            return ()
        label = m.group("label").strip()
        names = split_names(label, strict=True)
        if not names or not label[:1].isupper():
            return ()
        covered = sum(len(n.name) for n in names)
        if covered < 0.6 * len(label.replace(" og ", "").replace(",", "").replace(" ", "")):
            return ()
        rest = re.sub(r"\([^()]*\)", " ", label)
        for n in names:
            rest = rest.replace(n.name, " ")
        if any(w[:1].islower() and w not in PERSON_LABEL_JOINERS for w in rest.split()):
            return ()  # "Lise Bang og Ole Brandt genopstiller:": a sentence about them, not their tasks
        resolved = [self.roster.resolve(n.name) for n in names]
        if all(r is None for r in resolved) and not any(" " in n.name for n in names):
            return ()
        return tuple(r or n.name for r, n in zip(resolved, names))

    # ------------------------------------------------------------ sentences

    def _sentences(self, item: str | None, block: Block, doc: Doc, zone: Zone, start_char: int = 0) -> None:
        sents = [s for s in doc.sents if s.end_char > start_char]
        skip_next = False
        context = max(start_char, sents[0].start_char) if sents else start_char  # first sentence not yet in a record
        for k, sent in enumerate(sents):
            if skip_next:
                skip_next = False
                continue
            nxt = sents[k + 1] if k + 1 < len(sents) else None
            n_before = len(self.decisions) + len(self.actions)
            skip_next = self._sentence(item, block, sent, nxt, zone, max(start_char, sent.start_char), context)
            if len(self.decisions) + len(self.actions) > n_before:
                context = (nxt or sent).end_char if skip_next else sent.end_char
                if skip_next and nxt is not None:
                    context = nxt.end_char

    def _sentence(
        self, item, block: Block, sent: Span, nxt: Span | None, zone: Zone, start_char: int, context: int | None = None
    ) -> bool:
        cues = cues_in(sent)
        self.n_reports += any(c.label_ == CueLabel.REPORT for c in cues)
        mentions = self.owners.mentions(sent)
        decision_rule = self._decision_rule(sent, cues, mentions, zone)
        if decision_rule and nxt is not None and self._tally_before_outcome(cues, nxt):
            decision_rule = (
                None  # "Resultatet blev 30 stemmer for X, 9 for Y. X blev dermed valgt.": the outcome decides
            )
        owners, action_rule = self._action_owners(sent, cues, mentions, zone)
        if action_rule and zone.owner and self._status_report(block.text[start_char : sent.end_char]):
            owners, action_rule = [], None  # "Knud: har været til møde i kommunen": what he did, no task
        consumed = False
        text_end = sent.end_char
        self._remember_groups(sent, mentions)
        if decision_rule in (None, "label") and zone.kind != "no_decision" and votes_in(sent.text) and not vetoed(sent):
            decision_rule = "vote"  # "Der blev stemt om ...: 7 for, 2 imod, 1 undlod sig."
            if nxt is not None and self._cue_decision(nxt, cues_in(nxt), self.owners.mentions(nxt)):
                text_end, consumed = nxt.end_char, True  # "... Forslaget er dermed vedtaget."
        if action_rule and any(o.kind == "group" for o in owners):
            members = self._group_members(nxt) if nxt is not None else []
            if members and nxt is not None:
                text_end, consumed = nxt.end_char, True
            else:
                members = [
                    Mention(0, 0, name, "person")
                    for o in owners
                    if o.kind == "group"
                    for name in self.groups.get(o.name.casefold(), ())
                ]
            if members:
                owners = [o for o in owners if o.kind != "group"] + members
        start = self._trim_start(sent, cues, start_char)
        if (
            decision_rule
            and context is not None
            and context < start
            and self._bare_outcome(sent, mentions)
            and self._context_fits(sent.doc, context, start, CONTEXT_MAX_WORDS)
        ):
            start = context  # "Kontingentet hæves til 900 kr. Vedtaget med 4 stemmer for og 1 imod."
        elif (
            decision_rule
            and not action_rule
            and self._appended_outcome(block, sent, start)
            or not decision_rule
            and not action_rule
            and self._consequence(block, sent, start)
        ):
            # "Der var enighed om at ... Ungdomskontingentet fastholdes."; "Forslaget blev vedtaget.
            # Det betyder, at ...": the sentence completes the decision before it
            last = self.decisions[-1]
            last.text = block.text[last.provenance.start - block.start : text_end].strip()
            last.provenance.end = block.start + text_end
            return consumed
        if action_rule and not decision_rule and context is not None and context < start:
            start = self._antecedent_start(sent, owners, start, context)  # "Finn ... Han laver ..."
        text = block.text[start:text_end].strip()
        if not text:
            return False
        start = block.text.index(text, start)
        begin, end = block.start + start, block.start + start + len(text)
        prev = self.context_block
        if (
            decision_rule
            and prev is not None
            and not action_rule
            and start == context == sent.start_char
            and prev.page == block.page
            and self._bare_outcome(sent, mentions)
        ):
            # "Mathias stiller op som dirigent." / "Enstemmigt vedtaget." in two paragraphs: one decision
            text, begin = f"{prev.text.strip()} {text}", prev.start + prev.text.find(prev.text.strip())
            self.context_block = None
        prov = lambda rule: Provenance.at(block, begin, end, rule, doc_id=self.doc_id)  # noqa: E731
        due = self._due(text)
        if decision_rule:
            self.decisions.append(
                Decision(
                    item=item, text=text, due=due, votes=votes_in(text), provenance=prov(f"decision.{decision_rule}")
                )
            )
            if text.endswith(":"):
                self.collecting, self.n_collected = self.decisions[-1], 0
        if action_rule:
            names = _dedupe(
                [_owner_name(o) for o in owners if o.kind in OWNER_KINDS and o.name.casefold() not in self.non_owners]
            )
            action = Action(item=item, text=text, owners=names, due=due, provenance=prov(f"action.{action_rule}"))
            if not self._joined_sub_item(item, block, zone, action, decided=bool(decision_rule)):
                self.actions.append(action)  # (a sub-item of a listed task joins it: "Skriv - Analyse")
        return consumed

    def _status_report(self, text: str) -> bool:
        """'har fået nøgle til skabet' after a person's label: a perfect tense, what was done."""
        words = text.split()
        return bool(words) and words[0].casefold() in self.status_auxiliaries

    def _trim_start(self, sent: Span, cues: list[Span], start_char: int) -> int:
        """'X, men HB ønsker ...' -> the clause after 'men' when the cue is there."""
        doc = sent.doc
        for tok in sent:
            if (
                tok.lower_ == "men"
                and tok.i > sent.start
                and doc[tok.i - 1].text == ","
                and cues
                and all(c.start > tok.i for c in cues if c.label_.startswith(CueLabel.DECISION.value))
            ):
                return doc[tok.i + 1].idx if tok.i + 1 < sent.end else start_char
        return max(start_char, sent.start_char)


def _owner_name(m: Mention) -> str:
    return m.name


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        if n.casefold() not in seen:
            seen.add(n.casefold())
            out.append(n)
    return out


@dataclass(frozen=True)
class Statements:
    """The decisions and actions of a document, and how many sentences reported."""

    decisions: list[Decision]
    actions: list[Action]  # the sentences' tasks, then the rows of action tables
    n_reports: int


def extract_statements(nlp: Language, ctx: ExtractionContext) -> Statements:
    """Decisions and actions from the sentences of every zone of the context (outcomes
    written in an item's title, 'Valg af dirigent: Pernille', and items whose lines elect,
    'Valg af bestyrelse', read the headings), then the actions of each item's tables."""
    ex = StatementExtractor(
        nlp=nlp,
        doc_id=ctx.doc_id,
        roster=ctx.roster,
        meeting_body=ctx.body,
        ref=ctx.ref,
        titles=dict(ctx.headings),
        role_holders=list(ctx.roles),
    )
    ex.run(ctx.zones)
    tabled = [
        a
        for zone in ctx.zones
        if zone.item is not None  # the header zone has no table actions
        for a in table_actions(zone.item, zone.blocks, ctx.roster, ctx.doc_id, ctx.ref)
    ]
    return Statements(decisions=ex.decisions, actions=ex.actions + tabled, n_reports=ex.n_reports)


__all__ = ["StatementExtractor", "Statements", "extract_statements"]
