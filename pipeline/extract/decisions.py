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

from pipeline.extract.owners import Mention, OwnerFinder
from pipeline.extract.people import split_names
from pipeline.extract.sentences import (
    has_decision_cue,
    is_question,
    recommendation_point,
    reported,
    strip_number,
    vetoed,
)
from pipeline.extract.votes import vote_line, votes_in
from pipeline.extract.zones import LABEL, Labels, Zone
from pipeline.types import Block, BlockKind, Decision, Provenance, VoteTally

COLLECT_MAX_WORDS = 14  # a line of a list that a "...:" decision takes
COLLECT_MAX_LINES = 16
COLLECT_SHORT_LINE = 8  # a paragraph (not a list item) that a "...:" decision takes


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
    report_titles: tuple[str, ...]
    report_item: bool
    openers: set[str]
    resolution_titles: tuple[str, ...]
    collecting: Decision | None
    n_collected: int
    election: bool
    title_decided: bool

    def _title(self, item: str | None) -> None:
        """'Valg af dirigent: Pernille', 'Fastsættelse af kontingent: uændret': the
        outcome is written in the item's title; 'Valg af ...' items elect in their lines."""
        head = self.titles.get(item) if item is not None else None
        self.election = bool(head and self.labels.is_election(strip_number(head.text)))
        self.title_decided = False
        self.report_item = bool(head and any(w in head.text.casefold() for w in self.report_titles))
        if head is None:
            return
        title = strip_number(head.text).strip()
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
            m is not None
            and m.group("label").casefold().strip() in self.roles
            and bool(m.group("rest").strip())
            and bool(split_names(m.group("rest")))
        )
        open_list = (
            m is not None and text.endswith(":") and not m.group("rest").strip() and self._electable(m.group("label"))
        )
        names = split_names(text, strict=True)
        names_line = bool(names) and sum(len(n.name) for n in names) >= 0.75 * len(re.sub(r"[\W\d]", "", text))
        if not (role_line or open_list or names_line):
            return False
        if has_decision_cue(self.nlp, text):
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
        if vetoed(sent) or is_question(sent) or recommendation_point(sent):
            return None
        for c in cues:
            if reported(sent, c, cues):
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
