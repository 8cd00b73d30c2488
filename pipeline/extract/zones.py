"""Label zones: which kind of statement the blocks under a label or heading are.

"Beslutning:" makes the paragraph (or list) after it a decision, "Aktion:"/"Til
næste møde" makes its list actions, "Indstilling"/"Sagsfremstilling" marks a case
presentation whose outcomes are not decisions. A zone opened by a heading lasts
through deeper headings (the portal layout "Fremstilling" / "Resume", "Indstilling",
"Lovgrundlag" ...) until a heading of the same or a higher level; a zone opened by a
list item ("- Til næste møde" with its tasks indented under it) lasts through the
deeper list items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind

# "Label: rest" -- a short label phrase before a colon
LABEL = re.compile(r"^\s*(?P<label>[^\W\d][\w /.()-]{0,40}?)\s*:\s*(?P<rest>.*)$", re.S)
KINDS = ("decision", "action", "no_decision")
# Parts of a label that names two sections: "Indstilling og beslutning", "Sagsfremstilling/beslutning"
LABEL_JOIN = re.compile(r"\s+(?:og|&)\s+|\s*/\s*")
# A Markdown callout marker before a label: "[!success] Beslutning", "[!note]- Aftaler"
CALLOUT = re.compile(r"^\s*\[![\w-]+\][+-]?\s*")
# What follows a field label written without its colon ("Beslutning Godkendt."): a capitalised
# word of two letters or more (not "Bilag A"), then a sentence (ends like one, or runs on)
BARE_REST = re.compile(r"^[A-ZÆØÅ][\w-]*[a-zæøå][\w-]*\b")
BARE_REST_MIN_WORDS = (
    5  # a rest that does not end in "." needs this many words ("Beslutning Byrådet 24-04-2024" is a heading)
)


def strip_callout(text: str) -> str:
    """'[!success] Beslutning' -> 'Beslutning'."""
    return CALLOUT.sub("", text, count=1)


@dataclass
class Zone:
    kind: str | None = None  # decision, action, no_decision, after_decision
    owners: tuple[str, ...] = ()  # a TODO list grouped by person: "Mette:" then her tasks
    listed: bool = False  # the label's content is a list: the first non-list block ends it
    level: int | None = None  # opened by a heading of this level: deeper headings stay inside
    list_level: int | None = None  # opened by a list item: deeper list items are its content
    no_task: bool = False  # a field line ("Næste møde: 10/12 ...") whose sentences give no task
    parent: Optional[Zone] = None

    @property
    def owner(self) -> bool:
        return bool(self.owners)

    def heading_scope(self) -> Zone:
        """The nearest enclosing zone opened by a heading (or an empty zone)."""
        z: Zone | None = self
        while z is not None and z.level is None:
            z = z.parent
        return z if z is not None else Zone()

    def close_for_heading(self, level: int) -> Zone:
        """Leave every zone a heading of `level` ends."""
        z: Zone | None = self.heading_scope()
        while z is not None and z.level is not None and level <= z.level:
            z = z.parent
        return z.heading_scope() if z is not None else Zone()

    def close_for_block(self, block: Block) -> Zone:
        """A list-item zone ends at the first block that is not deeper in the list."""
        z = self
        while z.list_level is not None and not (block.kind == BlockKind.list_item and block.level > z.list_level):
            z = z.parent or Zone()
        return z


class Labels:
    def __init__(self):
        lx = lexicon()
        self.exact = {
            "decision": set(lx.decision_labels),
            "action": set(lx.action_labels),
            "no_decision": set(lx.not_decision_labels),
        }
        self.prefixes = {
            "decision": tuple(lx.decision_label_prefixes),
            "no_decision": tuple(lx.not_decision_label_prefixes),
            "action": tuple(lx.action_label_prefixes),
        }
        self.owner = set(lx.action_owner_labels)
        self.due = set(lx.action_due_labels)
        self.election = tuple(lx.election_labels)
        self.nothing = set(lx.nothing_lines)
        self.closing = tuple(lx.closing_lines)
        self.bare = sorted(self.exact["decision"] | self.exact["no_decision"], key=len, reverse=True)
        # the answers of kind (by label and shortness) and bare_label (by text), remembered:
        # a document asks about the same labels and lines many times
        self._kinds: dict[tuple[str, bool], str | None] = {}
        self._bare: dict[str, tuple[str, int] | None] = {}

    def kind(self, label: str, has_colon: bool, block: Block) -> str | None:
        """Exact labels ("Beslutning:"), or a label phrase that starts with one of the
        prefixes ("Beslutning i Teknik- og Miljøudvalget den 12-10-2023", "Til næste møde
        (fredag d. 3/10)")."""
        label = label.strip(" *_")
        short = has_colon or len(block.text.split()) <= 8
        key = (label, short)
        if key not in self._kinds:
            self._kinds[key] = self._kind(label, short)
        return self._kinds[key]

    def _kind(self, label: str, short: bool) -> str | None:
        parts = LABEL_JOIN.split(label)
        if len(parts) > 1 and {"decision", "no_decision"} <= {self._part_kind(p, short) for p in parts}:
            return None  # "Indstilling og beslutning:": the recommendation is vetoed, the outcome has its cue
        for kind in KINDS:
            if label in self.exact[kind]:
                return kind
        for kind in KINDS:
            if short and any(label == p or label.startswith(p + " ") for p in self.prefixes[kind]):
                return kind
        return None

    def _part_kind(self, part: str, short: bool) -> str | None:
        for kind in KINDS:
            if part in self.exact[kind] or short and any(part.startswith(p + " ") for p in self.prefixes[kind]):
                return kind
        return None

    def is_election(self, text: str) -> bool:
        low = " ".join(text.casefold().split())
        return any(low == p or low.startswith(p + " ") or f" {p} " in f" {low} " for p in self.election)

    def bare_label(self, text: str) -> tuple[str, int] | None:
        """'Beslutning Godkendt.', 'Indstilling Udvalget indstiller, at ...': a field label of a
        two-column table written without its colon, its text on the same line -> (kind, where
        the text starts); None when the line does not open with a capitalised decision or case
        label followed by a sentence ('Bilag A', 'Beslutning i Byrådet den 3. maj')."""
        if text not in self._bare:
            self._bare[text] = self._bare_label(text)
        return self._bare[text]

    def _bare_label(self, text: str) -> tuple[str, int] | None:
        stripped = text.lstrip()
        if not stripped[:1].isupper():
            return None
        low = stripped.casefold()
        for label in self.bare:
            if not low.startswith(label + " "):
                continue
            rest = stripped[len(label) :].lstrip()
            words = rest.split()
            if not BARE_REST.match(rest) or not (
                rest.rstrip().endswith((".", "!")) or len(words) >= BARE_REST_MIN_WORDS
            ):
                return None
            kind = "decision" if label in self.exact["decision"] else "no_decision"
            return kind, len(text) - len(rest)
        return None

    def is_closing(self, text: str) -> bool:
        """'Mødet hævet kl. 20.35.', 'Mødet sluttede kl. 21': the meeting's closing line."""
        low = " ".join(text.casefold().split())
        return any(low.startswith(c) for c in self.closing)

    def is_nothing(self, text: str) -> bool:
        return text.casefold().strip(" .:!") in self.nothing

    def starts_with_nothing(self, text: str) -> bool:
        """'ingen indkomne forslag', 'N/A ingenting at stemme om': no outcome."""
        low = text.casefold().strip(" .:!")
        return low in self.nothing or any(low.startswith(n + " ") for n in self.nothing if n[:1].isalpha())
