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
from pipeline.lexicon import lexicon
from pipeline.types import Action, Block, BlockKind, DateRange, Decision, Provenance, VoteTally

_LABEL = re.compile(r"^\s*(?P<label>[^\W\d][\w /.-]{0,40}?)\s*:\s*(?P<rest>.*)$", re.S)
VOTE_PATTERNS = (
    re.compile(r"(?P<for>\d+)\s+(?:stemmer\s+)?for\b[,\s]+(?:og\s+)?(?P<against>\d+)\s+(?:stemmer\s+)?imod"
               r"(?:[,\s]+(?:og\s+)?(?P<abstain>\d+)\s+(?:undlod|blank|hverken|stemte\s+blank|afstod))?", re.I),
    re.compile(r"(?P<for>\d+)\s+ja[-\s]?stemmer[,\s]+(?P<against>\d+)\s+nej[-\s]?stemmer"
               r"(?:[,\s]+(?:og\s+)?(?P<abstain>\d+)\s+blanke?)?", re.I),
)
DELIBERATION_VERBS = {"drøfte", "beslutte", "godkende", "vælge", "behandle"}
NON_OWNER_COLLECTIVES = {"vi", "man", "alle", "deltagerne", "medlemmerne"}
OWNER_KINDS = {"person", "body", "group", "org", "collective"}


@dataclass
class Zone:
    kind: str | None = None  # decision, action, no_decision
    owners: tuple[str, ...] = ()  # a TODO list grouped by person: "Mette:" then her tasks
    listed: bool = False  # the label's content is a list: the first non-list block ends it

    @property
    def owner(self) -> bool:
        return bool(self.owners)


# "For stemte 4: ...", "Imod stemte 1: ...", "Undlod at stemme 1: ..." under a decision
VOTE_LINES = (
    ("for", re.compile(r"^\s*for\s+stemte\s+(\d+)|^\s*stemmer\s+for\s*:?\s*(\d+)", re.I)),
    ("against", re.compile(r"^\s*imod\s+stemte\s+(\d+)|^\s*stemmer\s+imod\s*:?\s*(\d+)", re.I)),
    ("abstain", re.compile(r"^\s*(?:undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod|blanke?\s+stemmer)\s*:?\s*(\d+)",
                           re.I)),
)
NOTHING = {"intet", "ingen", "intet at bemærke", "ingen bemærkninger", "intet nyt", "-", "–", "ingen punkter"}


@dataclass
class StatementExtractor:
    nlp: Language
    doc_id: str
    roster: Roster
    meeting_body: str | None
    ref: date
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    n_reports: int = 0
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # working group -> members

    def __post_init__(self):
        self.owners = OwnerFinder(self.roster, self.meeting_body)
        lx = lexicon()
        self.labels = {
            "decision": set(lx.decision_labels), "action": set(lx.action_labels),
            "no_decision": set(lx.not_decision_labels), "owner": set(lx.action_owner_labels),
            "due": set(lx.action_due_labels),
        }
        self.prefixes = {"decision": ("beslutning", "beslutninger", "udvalgets beslutning"),
                         "no_decision": ("indstilling", "sagsfremstilling", "forvaltningens indstilling",
                                         "administrationens indstilling")}

    # ------------------------------------------------------------ driving

    def run(self, items: list[tuple[str | None, list[Block]]]) -> None:
        blocks = [(item, b) for item, bs in items for b in bs if b.kind != BlockKind.table_row]
        docs = self.nlp.pipe([b.text for _, b in blocks], batch_size=64)
        zone, current_item = Zone(), object()
        for (item, block), doc in zip(blocks, docs):
            if item != current_item:
                zone, current_item = Zone(), item
            zone = self._block(item, block, doc, zone)

    def _block(self, item: str | None, block: Block, doc: Doc, zone: Zone) -> Zone:
        if block.text.casefold().strip(" .:") in NOTHING:
            return zone
        if self._vote_line(item, block.text):
            return zone
        m = _LABEL.match(block.text)
        label = m.group("label").casefold().strip() if m else block.text.casefold().strip(" :")
        rest_offset = m.start("rest") if m else len(block.text)
        for kind in ("decision", "action", "no_decision"):
            if self._is_label(label, kind, bool(m), block):
                if m and m.group("rest").strip():
                    self._sentences(item, block, doc, Zone(kind), start_char=rest_offset)
                    return Zone("after_" + kind) if kind == "decision" else Zone(kind)
                return Zone(kind)
        if m and label in self.labels["owner"]:
            self._attach_owners(item, m.group("rest"))
            return zone
        if m and label in self.labels["due"]:
            self._attach_due(item, m.group("rest"))
            return zone
        people = self._person_label(m)
        if people:
            if m.group("rest").strip():
                self._sentences(item, block, doc, Zone("action", people), start_char=rest_offset)
                return zone
            return Zone("action", people)
        if m or block.kind == BlockKind.heading:  # another field or heading ends a labelled zone
            zone = Zone()
        if (zone.owner or zone.listed) and block.kind != BlockKind.list_item:
            zone = Zone()
        self._sentences(item, block, doc, zone)
        if zone.kind == "decision":  # "Beslutning:" covers its paragraph, or its list
            return Zone("decision", listed=True) if block.kind == BlockKind.list_item else Zone("after_decision")
        return zone

    def _vote_line(self, item: str | None, text: str) -> bool:
        """A vote count line adds its figure to the item's last decision."""
        for field_name, pattern in VOTE_LINES:
            m = pattern.match(text)
            if m:
                last = self.decisions[-1] if self.decisions and self.decisions[-1].item == item else None
                if last is not None:
                    votes = last.votes or VoteTally()
                    setattr(votes, "for_" if field_name == "for" else field_name,
                            int(next(g for g in m.groups() if g)))
                    votes.text = (votes.text + " " + text.strip()).strip()
                    last.votes = votes
                return True
        return False

    def _is_label(self, label: str, kind: str, has_colon: bool, block: Block) -> bool:
        """Exact labels ("Beslutning:"), or a label phrase that starts with one of
        the prefixes ("Beslutning i Teknik- og Miljøudvalget den 12-10-2023")."""
        if label in self.labels[kind]:
            return True
        short = has_colon or len(block.text.split()) <= 8
        return short and any(label.startswith(p + " ") for p in self.prefixes.get(kind, ()))

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
        for k, sent in enumerate(sents):
            if skip_next:
                skip_next = False
                continue
            nxt = sents[k + 1] if k + 1 < len(sents) else None
            skip_next = self._sentence(item, block, sent, nxt, zone, max(start_char, sent.start_char))

    def _sentence(self, item, block: Block, sent: Span, nxt: Span | None, zone: Zone, start_char: int) -> bool:
        cues = _cues_in(sent)
        self.n_reports += any(c.label_ == "REPORT" for c in cues)
        mentions = self.owners.mentions(sent)
        decision_rule = self._decision_rule(sent, cues, mentions, zone)
        owners, action_rule = self._action_owners(sent, cues, mentions, zone)
        consumed = False
        text_end = sent.end_char
        self._remember_groups(sent, mentions)
        if not decision_rule and zone.kind != "no_decision" and votes_in(sent.text):
            decision_rule = "vote"  # "Der blev stemt om ...: 7 for, 2 imod, 1 undlod sig."
            if nxt is not None and self._cue_decision(nxt, _cues_in(nxt), self.owners.mentions(nxt)):
                text_end, consumed = nxt.end_char, True  # "... Forslaget er dermed vedtaget."
        if action_rule and any(o.kind == "group" for o in owners):
            members = self._group_members(nxt) if nxt is not None else []
            if members:
                text_end, consumed = nxt.end_char, True
            else:
                members = [Mention(0, 0, name, "person") for o in owners if o.kind == "group"
                           for name in self.groups.get(o.name.casefold(), ())]
            if members:
                owners = [o for o in owners if o.kind != "group"] + members
        start = self._trim_start(sent, cues, start_char)
        text = sent.doc.text[start:text_end].strip()
        if not text:
            return False
        prov = lambda rule: Provenance(  # noqa: E731
            doc_id=self.doc_id, page=block.page, start=block.start + start,
            end=block.start + start + len(text), rule=rule,
            ocr=block.ocr_confidence is not None, ocr_confidence=block.ocr_confidence)
        due = self._due(text)
        if decision_rule:
            self.decisions.append(Decision(item=item, text=text, due=due, votes=votes_in(text),
                                           provenance=prov(f"decision.{decision_rule}")))
        if action_rule:
            names = _dedupe([_owner_name(o) for o in owners if o.kind in OWNER_KINDS
                             and o.name.casefold() not in NON_OWNER_COLLECTIVES])
            self.actions.append(Action(item=item, text=text, owners=names, due=due,
                                       provenance=prov(f"action.{action_rule}")))
        return consumed

    def _decision_rule(self, sent: Span, cues: list[Span], mentions: list[Mention], zone: Zone) -> str | None:
        if zone.kind == "no_decision":
            return None
        rule = self._cue_decision(sent, cues, mentions)
        if rule or zone.kind != "decision":
            return rule
        # under "Beslutning:": the first sentence, and later ones unless they only assign a task
        first = next(iter(sent.doc.sents)).start == sent.start
        task_only = any(c.label_ == "ACTION" and self.owners.subject_before(sent, c.start, mentions) for c in cues)
        return "label" if first or not task_only else None

    def _cue_decision(self, sent: Span, cues: list[Span], mentions: list[Mention]) -> str | None:
        for c in cues:
            if _reported(sent, c, cues):
                continue
            if c.label_ in ("DECISION", "POSTPONE"):
                return f"{c.label_.lower()}:{c.id_}"
            if c.label_ == "DECISION_COLLECTIVE":
                kinds = {"collective"}
                if self.owners.subject_before(sent, c.start, mentions, kinds) or \
                        [m for m in self.owners.subject_after(sent, c.start, mentions) if m.kind in kinds]:
                    return f"collective:{c.id_}"
        return None

    def _action_owners(self, sent: Span, cues: list[Span], mentions: list[Mention],
                       zone: Zone) -> tuple[list[Mention], str | None]:
        if any(c.label_ == "POSTPONE" for c in cues) and zone.kind != "action":
            return [], None
        owners: list[Mention] = []
        rule = None
        for c in cues:  # every task clause counts: "Leif udarbejder ..., og Hanne sørger for ..."
            if c.label_ != "ACTION":
                continue
            subject = self.owners.subject_before(sent, c.start, mentions) or \
                self.owners.subject_after(sent, c.start, mentions)
            if subject and self._independent(sent, c.start, subject, cues) and \
                    not self._deliberation(sent, c, subject):
                owners += subject + self.owners.companions(sent, c.start, mentions)
                rule = rule or f"cue:{c.id_}"
        if rule:
            return owners, rule
        trailing = self._owners_in_parentheses(sent, mentions)
        if trailing:
            return trailing, "parenthesis"
        if zone.kind == "action":
            found = [m for m in mentions if m.kind in OWNER_KINDS]
            if zone.owners:
                return [Mention(0, 0, name, "person") for name in zone.owners], "label"
            return found[:1], "label"
        return [], None

    def _deliberation(self, sent: Span, cue: Span, subject: list[Mention]) -> bool:
        """'Rådet skal tage stilling til ...': the meeting itself deliberating is its
        agenda, not a task after the meeting."""
        if cue.id_ != "modal" or not all(m.kind == "collective" for m in subject):
            return False
        verb = sent.doc[cue.end - 1].lower_
        nxt = sent.doc[cue.end].lower_ if cue.end < sent.end else ""
        return verb in DELIBERATION_VERBS or (verb == "tage" and nxt == "stilling")

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
        rest = [t for t in sent.doc[toks[start].i + 1:toks[end].i] if t.i not in covered]
        if inside and all(m.kind == "person" for m in inside) and all(t.lower_ in {",", "og", "&", "+", "/"}
                                                                     for t in rest):
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
            if tok.lower_ == "men" and tok.i > sent.start and doc[tok.i - 1].text == "," and \
                    cues and all(c.start > tok.i for c in cues if c.label_.startswith("DECISION")):
                return doc[tok.i + 1].idx if tok.i + 1 < sent.end else start_char
        return max(start_char, sent.start_char)

    def _remember_groups(self, sent: Span, mentions: list[Mention]) -> None:
        """'Festudvalget (Villads, Ea og Tobias) fremlagde ...': the group's members,
        for its tasks later in the document."""
        doc = sent.doc
        for m in mentions:
            if m.kind != "group" or m.end >= sent.end or doc[m.end].text != "(":
                continue
            close = next((t.i for t in doc[m.end:sent.end] if t.text == ")"), None)
            if close is None:
                continue
            names = split_names(doc[m.end + 1:close].text)
            if names:
                self.groups[m.name.casefold()] = tuple(self.roster.resolve(n.name) or n.name for n in names)

    def _group_members(self, nxt: Span) -> list[Mention]:
        low = nxt.text.casefold()
        for cue in lexicon().group_member_cues:
            if low.startswith(cue):
                names = split_names(nxt.text[len(cue):])
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
            self.actions.append(Action(item=d.item, text=d.text, owners=names, due=d.due,
                                       provenance=d.provenance.model_copy(update={"rule": "action.ansvarlig"})))

    def _attach_due(self, item: str | None, rest: str) -> None:
        due = self._due(rest)
        if due and self.actions and self.actions[-1].item == item and self.actions[-1].due is None:
            self.actions[-1].due = due


def _cues_in(sent: Span) -> list[Span]:
    spans = [c for c in sent.doc.spans.get("cues", []) if c.start >= sent.start and c.end <= sent.end]
    blocked = [c for c in spans if c.label_ == "NOT_DECISION"]
    return [c for c in spans if c.label_ != "NOT_DECISION"
            and not any(b.start <= c.start < b.end or c.start <= b.start < c.end for b in blocked)]


def _reported(sent: Span, cue: Span, cues: list[Span]) -> bool:
    """'Formanden orienterede om, at budgettet er godkendt', 'Flere gav udtryk for,
    at kontingentet bør fastholdes': an outcome inside what someone reported."""
    doc = sent.doc
    for r in cues:
        if r.label_ == "REPORT" and r.end <= cue.start and \
                any(doc[i].lower_ == "at" for i in range(r.end, cue.start)):
            return True
    return False


def votes_in(text: str) -> VoteTally | None:
    for pat in VOTE_PATTERNS:
        m = pat.search(text)
        if m:
            return VoteTally(**{"for": int(m.group("for"))}, against=int(m.group("against")),
                             abstain=int(m.group("abstain") or 0), text=m.group(0))
    return None


def _owner_name(m: Mention) -> str:
    return m.name


def _dedupe(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        if n.casefold() not in seen:
            seen.add(n.casefold())
            out.append(n)
    return out


def extract_statements(nlp: Language, doc_id: str, items: list[tuple[str | None, list[Block]]],
                       roster: Roster, meeting_body: str | None, ref: date) -> StatementExtractor:
    ex = StatementExtractor(nlp=nlp, doc_id=doc_id, roster=roster, meeting_body=meeting_body, ref=ref)
    ex.run(items)
    return ex


__all__ = ["extract_statements", "votes_in", "DateMention"]
