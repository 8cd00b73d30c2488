"""Action rules that read a line or a label whole, mixed into ActionRules
(pipeline.extract.actions): a ticked item title, a responsibility line ('Snerydning:
Bodil'), a dash line ('KV og CB – udarbejde ...'), a listed task's sub-items, and the
'Ansvarlig:' / 'Frist:' labels that give the statement before them its owners and due date.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Span

from pipeline.dates import find_dates
from pipeline.extract.names import conjunctions, owner_split_re, split_names
from pipeline.extract.roster import Roster
from pipeline.extract.sentences import cues_in, strip_number
from pipeline.extract.zones import Zone
from pipeline.lexicon import lexicon
from pipeline.types import Action, Block, BlockKind, DateRange, Decision, Provenance

# Cue ids of a tick or box that ends a checklist line ("3. Rapportskrivning ✅"): a task.
CHECKLIST_CUES = {"tjekliste"}


class ActionLineRules:
    """A task read from a whole line or label (state lives in StatementExtractor)."""

    nlp: Language
    doc_id: str
    titles: dict[str, Block]
    roster: Roster
    ref: date
    decisions: list[Decision]
    actions: list[Action]
    _list_task: tuple[str | None, int, Action] | None = None  # the last listed task, for its sub-items

    def _title_task(self, item: str | None) -> None:
        """'7. Flere ressourcer ✅' taken for an item heading: the ticked title is a task."""
        head = self.titles.get(item) if item is not None else None
        title = strip_number(head.text).strip() if head is not None else ""
        if head is None or not title or title[-1].isalnum() or title[-1] in ".:;,)!?":
            return
        doc = self.nlp(title)
        if not any(c.id_ in CHECKLIST_CUES and _ends_sentence(doc[:], c) for c in cues_in(doc[:])):
            return
        start = head.start + max(head.text.find(title), 0)
        at = next((k for k, a in enumerate(self.actions) if a.provenance.start > start), len(self.actions))
        self.actions.insert(
            at,
            Action(
                item=item,
                text=title,
                owners=[],
                due=self._due(title),
                provenance=Provenance.at(head, start, start + len(title), "action.checklist_title", doc_id=self.doc_id),
            ),
        )

    def _responsibility_line(self, item: str | None, block: Block, m: re.Match, zone: Zone) -> bool:
        """'Snerydning: Bodil' under 'Ansvarsområder' / 'Opgaver': the task area, then only
        the people who own it. Anything else after the colon ('d. 19/2') is a field."""
        if zone.level is None and block.kind != BlockKind.list_item:
            return False  # "Aktion: Vibeke undersøger ..." then "Ref.: Vibeke Nissen": a signature
        rest = m.group("rest").strip().rstrip(".")
        label = m.group("label").strip()
        names = split_names(rest, strict=True)
        if not names or not label or len(label.split()) > 5 or _people_label(label):
            return False  # "Deltagere: Dennis, Tonni", "Referent: Mette": who came, a role
        if sum(len(n.name) for n in names) < 0.8 * len(re.sub(r",|\bog\b|&|\s", "", rest)):
            return False
        resolved = [self.roster.resolve(n.name) for n in names]
        if not all(r or " " in n.name for r, n in zip(resolved, names)):
            return False  # every owner a listed person or a full name
        text = block.text.strip()
        start = block.start + max(block.text.find(text), 0)
        self.actions.append(
            Action(
                item=item,
                text=text,
                owners=[r or n.name for r, n in zip(resolved, names)],
                due=None,
                provenance=Provenance.at(block, start, start + len(text), "action.responsibility", doc_id=self.doc_id),
            )
        )
        return True

    def _dash_task_line(self, item: str | None, block: Block) -> bool:
        """'KV og CB – udarbejde en plan for pausetider (frist: 15. august)', 'Bodil - ringe til
        kommunen': a list line led by the initials or first names of listed people, a dash, and a
        task in lower case. Full names before a dash are a participant line ('Lise Kamp – formand')."""
        if block.kind != BlockKind.list_item:
            return False
        m = _dash_task().match(block.text)
        if not m:
            return False
        parts = [p for p in owner_split_re().split(m.group("who").strip()) if p]
        if not parts or any(" " in p for p in parts):
            return False
        resolved = [self.roster.resolve(p) for p in parts]
        task = m.group("task").strip()
        words = task.split()
        lx = lexicon()
        if not all(resolved) or len(words) < 2 or words[0].casefold().strip(".,") in lx.role_words:
            return False
        start = block.start + m.start("who")
        end = block.start + len(block.text.rstrip())
        text = block.text[m.start("who") :].strip()
        self.actions.append(
            Action(
                item=item,
                text=text,
                owners=[r for r in resolved if r],
                due=self._due(task),
                provenance=Provenance.at(block, start, end, "action.dash_line", doc_id=self.doc_id),
            )
        )
        return True

    def _joined_sub_item(self, item: str | None, block: Block, zone: Zone, action: Action, decided: bool) -> bool:
        """Under 'Til næste møde:', a task's nested list items are its parts: 'Læs reviewet'
        with '- Noter punkter' under it is one task, 'Læs reviewet - Noter punkter'."""
        listed = zone.kind == "action" and block.kind == BlockKind.list_item and not decided
        parent = self._list_task
        if (
            listed
            and parent is not None
            and parent[0] == item
            and block.level > parent[1]
            and self.actions
            and self.actions[-1] is parent[2]
        ):
            last = parent[2]
            last.text = f"{last.text} - {action.text}"
            last.provenance.end = action.provenance.end
            last.owners = last.owners + [o for o in action.owners if o not in last.owners]
            last.due = last.due or action.due
            return True
        self._list_task = (item, block.level, action) if listed else None
        return False

    def _due(self, text: str) -> DateRange | None:
        mentions = find_dates(text, self.ref)
        if not mentions:
            return None
        cued = [m for m in mentions if m.cue]
        return (cued or mentions)[0].range

    def _attach_owners(self, item: str | None, rest: str) -> None:
        """'Ansvarlig: X' after a statement of the same item names its owners
        (right under the heading it is the item's owner: see extract.agenda)."""
        names = [self.roster.resolve(n.name) or n.name for n in split_names(rest, initials=True)]
        if not names:  # "IH, BL": initials the roster knows
            names = [self.roster.resolve(w.strip()) or w.strip() for w in owner_split_re().split(rest) if w.strip()]
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


# 'KV og CB – udarbejde ...': short names, a dash with spaces, a task in lower case
@lru_cache(maxsize=1)
def _dash_task() -> re.Pattern[str]:
    return re.compile(
        rf"^\s*(?P<who>[A-ZÆØÅ][\wæøåÆØÅ]*(?:\s*(?:,|{conjunctions()}|&|/|\+)\s*[A-ZÆØÅ][\wæøåÆØÅ]*)*)"
        r"\s+[-–—]\s+(?P<task>[a-zæøå].*)$",
        re.S,
    )


def _ends_sentence(sent: Span, cue: Span) -> bool:
    """The tick is the last word of its sentence: '4. Finpuds og debug ✅'."""
    return all(t.is_space or t.is_punct for t in sent.doc[cue.end : sent.end]) and cue.start > sent.start


def _people_label(label: str) -> bool:
    """A participant or role label ('Deltagere', 'Afbud fra', 'Referent'), not a task area."""
    lx = lexicon()
    key = " ".join(label.casefold().split()).strip(" :*_.")
    first = key.split()[0] if key else ""
    labels = (
        set(lx.participants_present)
        | set(lx.participants_absent)
        | set(lx.participants_guest)
        | set(lx.participants_members)
        | set(lx.role_fields)
        | set(lx.role_words)
    )
    return key in labels or first in labels
