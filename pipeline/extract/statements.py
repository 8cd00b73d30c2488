"""Decisions and actions from the sentences under each agenda item.

A sentence is a decision when a decision cue fires (doc.spans["cues"], from
nlp/patterns/cues.jsonl): an outcome verb whatever the subject ("vedtog",
"godkendt", "der er enighed om", "rykkes"), or a collective verb ("ønsker",
"peger på") whose subject is the meeting body or another collective; or when
it stands under a "Beslutning:" label. It is an action when a task verb has a
person or body as its subject ("Sekretariatet undersøger", "X skal tage
kontakt"), or when it stands under an "Aktion:"/"Opgaver:" label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.dates import DateMention, find_dates
from pipeline.extract.owners import AGREEMENT_RULES, Mention, OwnerFinder
from pipeline.extract.people import Roster, split_names
from pipeline.extract.votes import vote_line, votes_in
from pipeline.extract.zones import LABEL, Labels, Zone
from pipeline.lexicon import lexicon
from pipeline.types import Action, Block, BlockKind, DateRange, Decision, Provenance, VoteTally

OWNER_KINDS = {"person", "body", "group", "org", "collective"}
# Cue ids whose owner is the one asked, after the verb ("Preben beder revisor om ...",
# "Fremsendes til fagafdelingen ..."), not the subject.
REQUEST_CUES = {"anmode", "fremsendes_til"}
# Cue ids of tasks whose doer is not named ("Der skal laves en folder", "Fliserne rettes op",
# "Lav en tabel"): an action with no owner when no other cue gives one.
SUBJECTLESS_CUES = {"skal_passiv", "passiv_opgave", "imperativ"}
# List markers before a sentence: "1)", "a.", "(ii)", "2." -- numbering, not words.
ENUMERATOR = re.compile(r"^\s*(?:\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivx]{1,4}\))\s+")
COLLECT_MAX_WORDS = 14  # a line of a list that a "...:" decision takes
COLLECT_MAX_LINES = 16
COLLECT_SHORT_LINE = 8  # a paragraph (not a list item) that a "...:" decision takes
CONTEXT_MAX_WORDS = 15  # a paragraph before "Enstemmigt vedtaget." that the outcome takes as its substance


@dataclass
class StatementExtractor:
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

    def __post_init__(self):
        self.owners = OwnerFinder(self.roster, self.meeting_body)
        lx = lexicon()
        self.labels = Labels()
        self.roles = set(lx.role_fields) | set(lx.role_words)
        self.bodies = set(lx.collective_subjects) | set(lx.owner_bodies)
        self.report_titles = tuple(lx.report_item_titles)
        self.report_item = False  # under "Formandens beretning": past decisions are its history
        self.openers = set(lx.outcome_openers)
        self.non_owners = set(lx.non_owner_subjects)
        self.deliberation = set(lx.deliberation_verbs)
        self.executors = dict(lx.committee_executors)
        self.conditionals = set(lx.task_conditionals)
        self.not_task_before = set(lx.not_task_before)
        self.subordinators = set(lx.task_subordinators)
        self.wish_objects = set(lx.committee_wish_objects)
        self.resolution_titles = tuple(lx.resolution_title_prefixes)
        self.collecting: Decision | None = None  # a "...:" decision taking the lines under it
        self.n_collected = 0
        self.election = False  # under a "Valg af ..." item or heading: its lines elect
        self.title_decided = False  # the item's title carried its outcome
        self.context_block: Block | None = None  # the paragraph before, when it gave no record

    # ------------------------------------------------------------ driving

    def run(self, items: list[tuple[str | None, list[Block]]]) -> None:
        blocks = [(item, b) for item, bs in items for b in bs if b.kind != BlockKind.table_row]
        docs = self.nlp.pipe([b.text for _, b in blocks], batch_size=64)
        zone, current_item = Zone(), object()
        for (item, block), doc in zip(blocks, docs):
            if item != current_item:
                zone, current_item = self._title_zone(item), item
                self.collecting = None
                self._title(item)
                self.context_block = None
            n_before = len(self.decisions) + len(self.actions)
            zone = self._block(item, block, doc, zone)
            # a one-sentence paragraph that gave no record: the context of a bare outcome after it
            quiet = len(self.decisions) + len(self.actions) == n_before
            self.context_block = (
                block
                if quiet
                and block.kind == BlockKind.paragraph
                and len(list(doc.sents)) == 1
                and len(block.text.split()) <= CONTEXT_MAX_WORDS
                and not block.text.rstrip().endswith((":", "?"))
                else None
            )

    def _title_zone(self, item: str | None) -> Zone:
        """An item titled as a label ('TODO', 'Til næste møde', 'Beslutninger') is that zone."""
        head = self.titles.get(item) if item is not None else None
        if head is None:
            return Zone()
        title = _strip_number(head.text).strip()
        kind = self.labels.kind(title.casefold().strip(" :*_"), title.endswith(":"), head)
        return Zone(kind, level=0) if kind in ("action", "no_decision") else Zone()

    def _title(self, item: str | None) -> None:
        """'Valg af dirigent: Pernille', 'Fastsættelse af kontingent: uændret': the
        outcome is written in the item's title; 'Valg af ...' items elect in their lines."""
        head = self.titles.get(item) if item is not None else None
        self.election = bool(head and self.labels.is_election(_strip_number(head.text)))
        self.title_decided = False
        self.report_item = bool(head and any(w in head.text.casefold() for w in self.report_titles))
        if head is None:
            return
        title = _strip_number(head.text).strip()
        m = re.match(r"^(?P<label>[^:–]{3,60}?)\s*(?::|\s–\s|\s-\s)\s*(?P<rest>\S.*)$", title, re.S)
        if not m:
            return
        label = m.group("label").casefold()
        if not (self.labels.is_election(label) or label.startswith(self.resolution_titles)):
            return
        if self.labels.starts_with_nothing(m.group("rest")):
            return
        start = head.text.find(title)
        self.title_decided = True
        self.decisions.append(
            Decision(
                item=item,
                text=title,
                provenance=Provenance(
                    doc_id=self.doc_id,
                    page=head.page,
                    start=head.start + max(start, 0),
                    end=head.start + max(start, 0) + len(title),
                    rule="decision.title",
                    ocr=head.ocr_confidence is not None,
                    ocr_confidence=head.ocr_confidence,
                ),
            )
        )

    def _block(self, item: str | None, block: Block, doc: Doc, zone: Zone) -> Zone:
        head = self.titles.get(item) if item is not None else None
        if head is not None and head.start <= block.start and block.end <= head.end and self.title_decided:
            return zone  # the outcome split off the title line, already recorded with it
        if self._collect(block):
            return zone
        if self.labels.is_nothing(block.text):
            return zone
        if self._vote_line(item, block.text):
            return zone
        zone = zone.close_for_block(block)
        heading = block.kind == BlockKind.heading
        case_text = heading and _in_case_text(zone)
        if heading:
            zone = zone.close_for_heading(block.level or 1)
            self.election = self.election or self.labels.is_election(block.text.strip(" :*"))
        m = LABEL.match(block.text)
        label = m.group("label").casefold().strip(" *_") if m else block.text.casefold().strip(" :*_")
        rest_offset = m.start("rest") if m else len(block.text)
        kind = self.labels.kind(label, bool(m), block)
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
            if m and m.group("rest").strip():
                self._sentences(item, block, doc, Zone(kind), start_char=rest_offset)
                return Zone("after_" + kind, parent=zone) if kind == "decision" else Zone(kind, parent=zone)
            return new
        if m and label in self.labels.owner:
            self._attach_owners(item, m.group("rest"))
            return zone
        if m and label in self.labels.due:
            self._attach_due(item, m.group("rest"))
            return zone
        if self._election_line(item, block, m):
            return zone
        people = self._person_label(m)
        if people and not m.group("rest").strip():
            return Zone("action", people, parent=zone.heading_scope())
        if people and (block.kind == BlockKind.list_item or zone.kind == "action"):  # "Opgaver:" / "Mette: booker"
            self._sentences(item, block, doc, Zone("action", people), start_char=rest_offset)
            return zone
        if people:  # "Jenny: Der er et dilemma ..." -- dialogue, what someone said
            self._sentences(item, block, doc, zone.heading_scope(), start_char=rest_offset)
            return zone
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
        self._sentences(item, block, doc, zone)
        if zone.kind == "decision" and zone.list_level is None:
            # "Beslutning:" covers its paragraph, or its list
            return (
                Zone("decision", listed=True, level=zone.level, parent=zone.parent)
                if block.kind == BlockKind.list_item
                else Zone("after_decision", level=zone.level, parent=zone.parent)
            )
        return zone

    # ------------------------------------------------------------ elections and lists

    def _election_line(self, item: str | None, block: Block, m: re.Match | None) -> bool:
        """'Valg af dirigent: Bent Holm' is a decision; under a 'Valg af ...' item or a
        'Konstituering' heading, a role line ('Kasserer: Helle Olsen'), a list of names
        or a 'Bestyrelsen:' line starts one decision that takes the list under it."""
        text = block.text.strip()
        if m and self.labels.is_election(m.group("label")) and m.group("rest").strip():
            if self.labels.starts_with_nothing(m.group("rest")):
                return False
            self._emit_block_decision(item, block, "election")
            self.election = True
            return True
        if not self.election or block.kind == BlockKind.heading or len(text.split()) > COLLECT_MAX_WORDS:
            return False
        role_line = (
            bool(m)
            and m.group("label").casefold().strip() in self.roles
            and bool(m.group("rest").strip())
            and bool(split_names(m.group("rest")))
        )
        open_list = bool(m) and text.endswith(":") and not m.group("rest").strip() and self._electable(m.group("label"))
        names = split_names(text, strict=True)
        names_line = bool(names) and sum(len(n.name) for n in names) >= 0.75 * len(re.sub(r"[\W\d]", "", text))
        if not (role_line or open_list or names_line):
            return False
        if _cue_words(self.nlp, text):
            return False  # a sentence with its own outcome ("X blev valgt") is read as one
        self._emit_block_decision(item, block, "election", collect=True)
        return True

    def _electable(self, label: str) -> bool:
        """'Bestyrelsen:', 'Suppleanter:', 'Bestyrelsesmedlemmer:' -- a body or role elected."""
        words = label.casefold().split()
        if not words or len(words) > 3:
            return False
        w = words[0]
        return w in self.roles or w in self.bodies or any(w.startswith(r) for r in self.roles if len(r) >= 5)

    def _emit_block_decision(self, item, block: Block, rule: str, collect: bool = False) -> None:
        text = block.text.strip()
        start = block.text.find(text)
        d = Decision(
            item=item,
            text=text,
            provenance=Provenance(
                doc_id=self.doc_id,
                page=block.page,
                start=block.start + start,
                end=block.start + start + len(text),
                rule=f"decision.{rule}",
                ocr=block.ocr_confidence is not None,
                ocr_confidence=block.ocr_confidence,
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
        if (
            block.kind == BlockKind.heading
            or not text
            or not (block.kind == BlockKind.list_item or short)
            or self.n_collected >= COLLECT_MAX_LINES
            or block.page != d.provenance.page
            and not short
        ):
            self.collecting = None
            return False
        m = LABEL.match(text)
        if m and self.labels.kind(m.group("label").casefold(), True, block):
            self.collecting = None
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
            votes = last.votes or VoteTally()
            setattr(votes, "for_" if field_name == "for" else field_name, count)
            votes.text = (votes.text + " " + text.strip()).strip()
            last.votes = votes
        return True

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
        cues = _cues_in(sent)
        self.n_reports += any(c.label_ == "REPORT" for c in cues)
        mentions = self.owners.mentions(sent)
        decision_rule = self._decision_rule(sent, cues, mentions, zone)
        owners, action_rule = self._action_owners(sent, cues, mentions, zone)
        consumed = False
        text_end = sent.end_char
        self._remember_groups(sent, mentions)
        if not decision_rule and zone.kind != "no_decision" and votes_in(sent.text) and not _vetoed(sent):
            decision_rule = "vote"  # "Der blev stemt om ...: 7 for, 2 imod, 1 undlod sig."
            if nxt is not None and self._cue_decision(nxt, _cues_in(nxt), self.owners.mentions(nxt)):
                text_end, consumed = nxt.end_char, True  # "... Forslaget er dermed vedtaget."
        if action_rule and any(o.kind == "group" for o in owners):
            members = self._group_members(nxt) if nxt is not None else []
            if members:
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
        if decision_rule and context is not None and context < start and self._bare_outcome(sent, mentions):
            start = context  # "Kontingentet hæves til 900 kr. Vedtaget med 4 stemmer for og 1 imod."
        elif decision_rule and not action_rule and self._appended_outcome(block, sent, start):
            last = self.decisions[-1]  # "Der var enighed om at ... Ungdomskontingentet fastholdes."
            last.text = sent.doc.text[last.provenance.start - block.start : text_end].strip()
            last.provenance.end = block.start + text_end
            return consumed
        text = sent.doc.text[start:text_end].strip()
        if not text:
            return False
        start = sent.doc.text.index(text, start)
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
        prov = lambda rule: Provenance(  # noqa: E731
            doc_id=self.doc_id,
            page=block.page,
            start=begin,
            end=end,
            rule=rule,
            ocr=block.ocr_confidence is not None,
            ocr_confidence=block.ocr_confidence,
        )
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
            self.actions.append(
                Action(item=item, text=text, owners=names, due=due, provenance=prov(f"action.{action_rule}"))
            )
        return consumed

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
            and not sent.doc.text[end:start].strip()
            and "\n" not in last.text
        )

    def _bare_outcome(self, sent: Span, mentions: list[Mention]) -> bool:
        """'Enstemmigt vedtaget.', 'Dette blev vedtaget.', 'Alle vælges.': an outcome with
        no substance of its own, recorded with the sentences it concludes."""
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words or len(words) > 8 or words[0].lower_ not in self.openers:
            return False
        return not any(m.kind == "person" for m in mentions)

    def _decision_rule(self, sent: Span, cues: list[Span], mentions: list[Mention], zone: Zone) -> str | None:
        if zone.kind == "no_decision":
            return None
        if self.report_item and zone.kind != "decision" and len(list(sent.doc.sents)) > 2:
            return None  # a decision told inside a long report paragraph is the report's history
        rule = self._cue_decision(sent, cues, mentions)
        if rule or zone.kind != "decision":
            return rule
        # under "Beslutning:": the first sentence, and later ones unless they only assign a task
        first = next(iter(sent.doc.sents)).start == sent.start
        task_only = any(c.label_ == "ACTION" and self.owners.subject_before(sent, c.start, mentions) for c in cues)
        return "label" if first or not task_only else None

    def _cue_decision(self, sent: Span, cues: list[Span], mentions: list[Mention]) -> str | None:
        if _vetoed(sent) or _question(sent) or _recommendation_point(sent):
            return None
        for c in cues:
            if _reported(sent, c, cues):
                continue
            if c.label_ in ("DECISION", "POSTPONE"):
                return f"{c.label_.lower()}:{c.id_}"
            if c.label_ == "DECISION_COLLECTIVE":
                kinds = {"collective"}
                if self.owners.subject_before(sent, c.start, mentions, kinds) or [
                    m for m in self.owners.subject_after(sent, c.start, mentions) if m.kind in kinds
                ]:
                    return f"collective:{c.id_}"
        return None

    def _action_owners(
        self, sent: Span, cues: list[Span], mentions: list[Mention], zone: Zone
    ) -> tuple[list[Mention], str | None]:
        if any(c.label_ == "POSTPONE" for c in cues) and zone.kind != "action":
            return [], None
        if _question(sent):  # "Skal vi male hegnet?" asks, it gives no task
            return [], None
        if _in_case_text(zone):
            return [], None  # the case text under "Sagsbeskrivelse": the administration's presentation
        wish = self._committee_wish(sent, cues, mentions, zone)
        if wish:
            return wish, "committee_wish"
        owners: list[Mention] = []
        rule = None
        subjectless: Span | None = None
        for c in cues:  # every task clause counts: "Leif udarbejder ..., og Hanne sørger for ..."
            if c.label_ != "ACTION":
                continue
            if c.id_ in SUBJECTLESS_CUES:
                subjectless = subjectless or (c if self._subjectless_task(sent, c) else None)
                continue
            if c.id_ in REQUEST_CUES:  # the one asked does it: "Preben beder revisor om et tilbud"
                asked = [m for m in mentions if c.end <= m.start <= c.end + 2 and m.kind in OWNER_KINDS]
                if asked or c.start == sent.start:
                    owners += asked[:1]
                    rule = rule or f"request:{c.id_}"
                    continue
            subject = self.owners.subject_before(sent, c.start, mentions) or self.owners.subject_after(
                sent, c.start, mentions
            )
            if subject and all(m.name.casefold() == "man" for m in subject):
                continue  # "Man skal melde afbud": a rule, not a task
            if subject and self._independent(sent, c.start, subject, cues) and not self._deliberation(sent, c, subject):
                owners += subject + self.owners.companions(sent, c.start, mentions)
                rule = rule or f"cue:{c.id_}"
        if rule:
            return owners, rule
        trailing = self._owners_in_parentheses(sent, mentions)
        if trailing:
            return trailing, "parenthesis"
        if zone.kind == "action":
            if any(t.lower_ == "ikke" for t in sent):
                return [], None  # "Der skal ikke forberedes noget": no task
            found = [m for m in mentions if m.kind in OWNER_KINDS]
            if zone.owners:
                return [Mention(0, 0, name, "person") for name in zone.owners], "label"
            return found[:1], "label"
        if subjectless is not None:
            return [], f"subjectless:{subjectless.id_}"
        return [], None

    def _committee_wish(self, sent: Span, cues: list[Span], mentions: list[Mention], zone: Zone) -> list[Mention]:
        """'Godkendt idet udvalget ønsker en sag om ...' in a Beslutning field: the committee
        asks its administration (lexicon committee_executors) for the work."""
        if zone.kind not in ("decision", "after_decision") or not self.executors:
            return []
        for c in cues:
            if c.label_ != "DECISION_COLLECTIVE" or c.id_ != "ønske":
                continue
            subject = self.owners.subject_before(sent, c.start, mentions) or self.owners.subject_after(
                sent, c.start, mentions
            )
            executor = next(
                (self.executors[m.name.casefold()] for m in subject if m.name.casefold() in self.executors), None
            )
            wished = {t.lower_ for t in sent.doc[c.end : min(c.end + 4, sent.end)]}
            if executor and wished & self.wish_objects:  # "ønsker, at ...", "ønsker en sag om ..."
                return [Mention(0, 0, executor, "body")]
        return []

    def _subjectless_task(self, sent: Span, cue: Span) -> bool:
        """'Det kan laves senere', 'Hvis hegnet males ...', 'den folder, som udsendes': a
        possibility, a condition or a description, not a task."""
        doc = sent.doc
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.lower_ in self.conditionals or _vetoed(sent):
            return False  # also "Rådet skal tage stilling til, hvad der skal laves": its agenda
        if any(t.lower_ in self.subordinators for t in doc[sent.start : cue.start]) or any(
            t.lower_ in self.conditionals for t in doc[cue.end : sent.end]
        ):
            return False  # "X mindede om, at nøgler skal afleveres", "..., hvis Lotte bliver valgt"
        before = {t.lower_ for t in doc[max(sent.start, cue.start - 2) : cue.start]}
        return not before & self.not_task_before

    def _deliberation(self, sent: Span, cue: Span, subject: list[Mention]) -> bool:
        """'Rådet skal tage stilling til ...': the meeting itself deliberating is its
        agenda, not a task after the meeting."""
        if cue.id_ != "modal" or not all(m.kind == "collective" for m in subject):
            return False
        verb = sent.doc[cue.end - 1].lower_
        nxt = sent.doc[cue.end].lower_ if cue.end < sent.end else ""
        return verb in self.deliberation or (verb == "tage" and nxt == "stilling")

    def _owners_in_parentheses(self, sent: Span, mentions: list[Mention]) -> list[Mention]:
        """'... ro efter kl. 24 (Ahmad og Leif).' -> the people in a closing parenthesis."""
        toks = [t for t in sent if not t.is_space]
        end = len(toks) - 1
        while end >= 0 and toks[end].text in {".", "!", ";"}:
            end -= 1
        if end < 2 or toks[end].text != ")":
            return []
        start = max((i for i in range(end) if toks[i].text == "("), default=None)
        if start is None:
            return []
        inside = [m for m in mentions if toks[start].i < m.start and m.end <= toks[end].i]
        covered = {i for m in inside for i in range(m.start, m.end)}
        rest = [t for t in sent.doc[toks[start].i + 1 : toks[end].i] if t.i not in covered]
        if (
            inside
            and all(m.kind == "person" for m in inside)
            and all(t.lower_ in {",", "og", "&", "+", "/"} for t in rest)
        ):
            return inside
        return []

    def _independent(self, sent: Span, verb: int, subject: list[Mention], cues: list[Span]) -> bool:
        """A task in an 'at'-clause counts only under an agreement ('Det er aftalt, at X ...')."""
        first = subject[0].start
        if first <= sent.start or sent.doc[first - 1].lower_ != "at":
            return True
        return any(c.label_ == "DECISION" and c.id_ in AGREEMENT_RULES and c.end <= first for c in cues)

    def _trim_start(self, sent: Span, cues: list[Span], start_char: int) -> int:
        """'X, men HB ønsker ...' -> the clause after 'men' when the cue is there."""
        doc = sent.doc
        for tok in sent:
            if (
                tok.lower_ == "men"
                and tok.i > sent.start
                and doc[tok.i - 1].text == ","
                and cues
                and all(c.start > tok.i for c in cues if c.label_.startswith("DECISION"))
            ):
                return doc[tok.i + 1].idx if tok.i + 1 < sent.end else start_char
        return max(start_char, sent.start_char)

    def _remember_groups(self, sent: Span, mentions: list[Mention]) -> None:
        """'Festudvalget (Villads, Ea og Tobias) fremlagde ...': the group's members,
        for its tasks later in the document."""
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

    def _group_members(self, nxt: Span) -> list[Mention]:
        low = nxt.text.casefold()
        for cue in lexicon().group_member_cues:
            if low.startswith(cue):
                names = split_names(nxt.text[len(cue) :])
                return [Mention(0, 0, self.roster.resolve(n.name) or n.name, "person") for n in names]
        return []

    def _due(self, text: str) -> DateRange | None:
        mentions = find_dates(text, self.ref)
        if not mentions:
            return None
        cued = [m for m in mentions if m.cue]
        return (cued or mentions)[0].range

    # ------------------------------------------------------------ labelled owners/dues

    def _attach_owners(self, item: str | None, rest: str) -> None:
        """'Ansvarlig: X' after a statement of the same item names its owners
        (right under the heading it is the item's owner: see extract.agenda)."""
        names = [self.roster.resolve(n.name) or n.name for n in split_names(rest)]
        if not names:
            names = [w.strip() for w in re.split(r",| og ", rest) if w.strip()]
        last_action = self.actions[-1] if self.actions and self.actions[-1].item == item else None
        last_decision = self.decisions[-1] if self.decisions and self.decisions[-1].item == item else None
        if last_action and not last_action.owners:
            last_action.owners = names
        elif last_decision and (not last_action or last_action.text != last_decision.text):
            d = last_decision
            self.actions.append(
                Action(
                    item=d.item,
                    text=d.text,
                    owners=names,
                    due=d.due,
                    provenance=d.provenance.model_copy(update={"rule": "action.ansvarlig"}),
                )
            )

    def _attach_due(self, item: str | None, rest: str) -> None:
        due = self._due(rest)
        if due and self.actions and self.actions[-1].item == item and self.actions[-1].due is None:
            self.actions[-1].due = due


def _cues_in(sent: Span) -> list[Span]:
    spans = [c for c in sent.doc.spans.get("cues", []) if c.start >= sent.start and c.end <= sent.end]
    blocked = [c for c in spans if c.label_ == "NOT_DECISION"]
    return [
        c
        for c in spans
        if c.label_ not in ("NOT_DECISION", "VETO")
        and not any(b.start <= c.start < b.end or c.start <= b.start < c.end for b in blocked)
    ]


def _in_case_text(zone: Zone) -> bool:
    """Inside a case presentation opened by a heading ('Fremstilling', 'Sagsbeskrivelse'),
    whatever paragraph labels ('Baggrund') stand in it."""
    z: Zone | None = zone
    while z is not None:
        if z.kind == "no_decision" and z.level:
            return True
        z = z.parent
    return False


def _vetoed(sent: Span) -> bool:
    """A recommendation ('Det indstilles, at ...'), a condition ('Hvis ...'), a decision
    still to be made ('Byrådet skal beslutte, om ...') or the history of one ('tidligere
    godkendt'): the sentence records no outcome of this meeting."""
    return any(
        c.label_ == "VETO" and c.start >= sent.start and c.end <= sent.end for c in sent.doc.spans.get("cues", [])
    )


def _question(sent: Span) -> bool:
    toks = [t for t in sent if not t.is_space]
    return bool(toks) and toks[-1].text == "?"


def _recommendation_point(sent: Span) -> bool:
    """'1) at den nye model godkendes og': a point of a recommendation, not its outcome."""
    text = ENUMERATOR.sub("", sent.text.lstrip(), count=1)
    return text[:3].casefold() == "at "


def _strip_number(text: str) -> str:
    """'3. Valg af dirigent' -> 'Valg af dirigent'."""
    return re.sub(r"^\s*(?:ad\s+)?(?:punkt\s+|pkt\.?\s*)?[0-9]{1,2}[a-z]?\s*[.):]?\s+", "", text, flags=re.I)


def _cue_words(nlp: Language, text: str) -> bool:
    """Does a decision cue fire in this short line?"""
    doc = nlp(text)
    return any(c.label_ in ("DECISION", "POSTPONE") for c in _cues_in(doc[:]))


def _reported(sent: Span, cue: Span, cues: list[Span]) -> bool:
    """'Formanden orienterede om, at budgettet er godkendt', 'Flere gav udtryk for,
    at kontingentet bør fastholdes': an outcome inside what someone reported."""
    doc = sent.doc
    for r in cues:
        if (
            r.label_ == "REPORT"
            and r.end <= cue.start
            and any(doc[i].lower_ in ("at", "om") for i in range(r.end, cue.start))
        ):
            return True
    return False


def _owner_name(m: Mention) -> str:
    return m.name


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        if n.casefold() not in seen:
            seen.add(n.casefold())
            out.append(n)
    return out


def extract_statements(
    nlp: Language,
    doc_id: str,
    items: list[tuple[str | None, list[Block]]],
    roster: Roster,
    meeting_body: str | None,
    ref: date,
    titles: dict[str, Block] | None = None,
) -> StatementExtractor:
    """titles: item number -> the item's heading block, for outcomes written in the title
    ('Valg af dirigent: Pernille') and items whose lines elect ('Valg af bestyrelse')."""
    ex = StatementExtractor(
        nlp=nlp, doc_id=doc_id, roster=roster, meeting_body=meeting_body, ref=ref, titles=titles or {}
    )
    ex.run(items)
    return ex


__all__ = ["extract_statements", "votes_in", "DateMention"]
