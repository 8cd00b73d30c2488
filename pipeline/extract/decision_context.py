"""Decision boundaries of the statement extractor, mixed into DecisionRules
(pipeline.extract.decisions): a block's decision record, the list lines a "...:" decision
collects, vote lines, an outcome appended to the sentence before it, a consequence
("Det betyder ...") and the context paragraph an outcome takes as its substance.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from pipeline.extract.sentences import (
    ENUMERATOR,
)
from pipeline.extract.votes import vote_line, votes_in
from pipeline.extract.zones import LABEL, Labels
from pipeline.nlp.components import CueLabel
from pipeline.types import Block, BlockKind, Decision, Provenance, VoteTally

COLLECT_MAX_LINES = 16
COLLECT_SHORT_LINE = 8  # a paragraph (not a list item) that a "...:" decision takes
PROPOSAL_CONTEXT_MAX_WORDS = 40  # a proposal before "Forslaget blev vedtaget." that the outcome takes


class DecisionContextRules:
    """How far a decision reaches: what it collects and the context it takes (state lives in StatementExtractor)."""

    # methods of the sibling mixins, resolved on StatementExtractor
    _electable: Callable[[str], bool]
    _elects_role: Callable[[str | None, str], bool]

    doc_id: str
    decisions: list[Decision]
    labels: Labels
    roles: set[str]
    consequences: tuple[str, ...]  # "det betyder": a sentence that tells what the decision before it means
    collecting: Decision | None
    n_collected: int
    election: bool

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
