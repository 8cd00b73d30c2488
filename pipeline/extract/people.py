"""Attendees, absentees and stated roles; the meeting's roster of full names.

Participant lists are found from cue labels ("Til stede:", "Afbud:",
"Deltagere (digitalt)") in the header zone or in an item whose title is such a
cue; names are split on commas/"og", with reasons and roles in parentheses
kept apart ("Jens Hansen (syg)", "Mette Lund, formand").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lexicon import is_first_name, is_surname, lexicon
from pipeline.types import Block, BlockKind, Participant, Provenance, RoleAssignment, Segmented

PARTICLES = {"von", "van", "de", "la", "le", "af", "du", "der", "den", "da", "di", "el", "al", "bin", "ibn"}
REFERRING = {"for", "til", "fra", "efter", "om", "med", "hos", "i", "af"}  # "stedfortræder for X"
_SPLIT = re.compile(r"\s*(?:,|;|\bog\b|\bsamt\b|&|\n)\s*")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_NAME_TOKEN = re.compile(r"^[A-ZÆØÅÄÖÜÉ][\w'’.-]*$")
_LABEL = re.compile(r"^(?P<label>[^:]{2,40}?)\s*(?:\((?P<note>[^)]*)\))?\s*:\s*(?P<rest>.*)$", re.S)


@dataclass
class NameMention:
    name: str
    start: int  # offset in the block text
    end: int
    note: str | None = None  # text in parentheses after the name


@dataclass
class Roster:
    """The meeting's people: full names, and first names that point to one of them."""

    names: list[str] = field(default_factory=list)

    def add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def resolve(self, mention: str) -> str | None:
        """Full roster name for a mention ("Stine" -> "Stine Johansen"), else None."""
        m = " ".join(mention.split())
        if m in self.names:
            return m
        folded = m.casefold()
        hits = [n for n in self.names if n.casefold() == folded]
        if hits:
            return hits[0]
        prefixed = [n for n in self.names if n.casefold().startswith(folded + " ")]
        if " " in m and len(prefixed) == 1:  # a double first name alone: "Anne Marie"
            return prefixed[0]
        if " " not in m:
            firsts = [n for n in self.names if n.split()[0].casefold() == folded]
            if len(firsts) == 1:
                return firsts[0]
            lasts = [n for n in self.names if n.split()[-1].casefold() == folded and " " in n]
            if len(lasts) == 1:
                return lasts[0]
        return None


def looks_like_name(text: str, strict: bool = False) -> bool:
    """A person's name: 1-5 capitalised tokens (particles allowed), no digits, and a
    known Danish first name or surname; in a participant list (strict=False), where
    the context says these are names, two capitalised tokens are enough."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if tokens[0].casefold() in lexicon().role_words or tokens[0].casefold() in lexicon().owner_bodies:
        return False
    if not all(_NAME_TOKEN.match(t) or t.casefold() in PARTICLES for t in tokens):
        return False
    if len(tokens) == 1:
        return is_first_name(tokens[0])
    if all(t.isupper() and len(t) > 1 for t in tokens):  # "KL KOMDIR" is not a name
        return False
    known = is_first_name(tokens[0].split("-")[0]) or is_surname(tokens[-1])
    return known or (not strict and len(tokens) >= 2)


def _split_outside_parentheses(text: str) -> list[str]:
    """_SPLIT, but never inside '(...)': 'Jesper Vang (direktør, formand)' stays one part."""
    masked = re.sub(r"\([^)]*\)", lambda m: "\x00" * len(m.group(0)), text)
    parts, pos = [], 0
    for m in _SPLIT.finditer(masked):
        parts.append(text[pos:m.start()])
        pos = m.end()
    parts.append(text[pos:])
    return parts


def split_names(text: str, strict: bool = False) -> list[NameMention]:
    """'A, B (syg) og C, formand' -> mentions with offsets; roles attach to the name before."""
    out: list[NameMention] = []
    pos = 0
    for part in _split_outside_parentheses(text):
        idx = text.find(part, pos) if part else -1
        if idx < 0:
            continue
        pos = idx + len(part)
        note = None
        m = _PAREN.search(part)
        core = part
        if m:
            note, core = m.group(1).strip(), (part[:m.start()] + " " + part[m.end():]).strip()
        core = core.strip(" .:-–")
        if out and core.casefold() in lexicon().role_words:
            out[-1].note = out[-1].note or core
            continue
        core, role = _strip_role_prefix(core)
        if not core or not looks_like_name(core, strict):
            continue
        start = idx + part.find(core)
        out.append(NameMention(name=core, start=start, end=start + len(core), note=note or role))
    return out


def _strip_role_prefix(core: str) -> tuple[str, str | None]:
    """'formand Jens Hansen' -> ('Jens Hansen', 'formand'); 'teknisk direktør Allan
    Vesterdal', 'Driftsleder Jens Ulrik Thygesen', 'vejudvalget v/ Bent Haubro': the
    title words before a name are dropped (a Danish name never starts in lower case)."""
    tokens = core.split()
    dropped: list[str] = []
    while len(tokens) > 1 and _is_title_word(tokens[0]):
        dropped.append(tokens.pop(0))
    if not dropped or any(w.casefold() in REFERRING for w in dropped):
        return core, None  # "stedfortræder for Jeppe Lund" names someone else
    role = dropped[-1].casefold()
    return " ".join(tokens), role if role in lexicon().role_words else None


def _is_title_word(token: str) -> bool:
    low = token.casefold()
    lx = lexicon()
    if low in lx.role_words or low in lx.owner_bodies:
        return True
    if token[:1].islower():
        return low not in PARTICLES
    return low.endswith(tuple(lx.role_suffixes)) and not is_first_name(token)


# ------------------------------------------------------------- participants

def _cue_status(label: str) -> str | None:
    lx = lexicon()
    key = " ".join(re.sub(r"\(.*?\)", " ", label).casefold().split()).strip(" :")
    for cues, status in ((lx.participants_absent, "absent"), (lx.participants_present, "present"),
                         (lx.participants_guest, "present")):
        if key in cues:
            return status
    words = key.split()
    for cues, status in ((lx.participants_absent, "absent"), (lx.participants_present, "present")):
        # "Afbud fra bestyrelsen", "Deltagere fra forvaltningen": a cue and a short qualifier
        if len(words) <= 5 and any(key.startswith(c + " fra ") or key.startswith(c + " i ") for c in cues):
            return status
    if len(words) <= 5 and words and words[0] == "fra" and words[-1] in ("deltog", "deltager", "mødte"):
        return "present"  # "Fra forvaltningen deltog: ..."
    return None


@dataclass
class ParticipantFinder:
    doc_id: str
    attendees: list[Participant] = field(default_factory=list)
    absentees: list[Participant] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)

    def run(self, seg: Segmented) -> None:
        zones = [seg.header] + [[it.heading] + it.blocks for it in seg.items if _cue_status(it.title)]
        for blocks in zones:
            self._scan(blocks)
        self._roles_everywhere(seg)

    def _scan(self, blocks: list[Block]) -> None:
        status: str | None = None
        for b in blocks:
            label_status, rest, offset, note = self._labelled(b)
            if label_status:
                status = label_status
                if rest:
                    self._add_names(b, rest, offset, status, note)
                continue
            if self._role_line(b):
                status = None
                continue
            if status and (b.kind == BlockKind.list_item or _mostly_names(b.text)):
                self._add_names(b, b.text, 0, status, None)
            else:
                status = None
                if b.kind == BlockKind.paragraph:
                    self._prose(b)

    def _prose(self, b: Block) -> None:
        """Attendance told in sentences: 'Til stede var A (formand), B og C, mens D
        deltog online. E havde meldt afbud.' Each clause takes the status of its cue
        (or of the clause before); only full names count here."""
        status: str | None = None
        for m in _CLAUSE.finditer(b.text):
            clause = m.group(0)
            if not clause.strip():
                continue
            status = _prose_status(clause) or status
            if status:
                for nm in _full_names_in(clause):
                    self._add_mention(b, nm, m.start(), status)
            if clause.rstrip().endswith((".", "!", "?")):
                status = None  # a new sentence needs its own cue

    def _labelled(self, b: Block) -> tuple[str | None, str, int, str | None]:
        text = b.text
        num = re.match(r"^\s*(?:\d{1,2}|[A-H])[.)]\s+", text)  # "1. Deltagere (digitalt)"
        skip = num.end() if num else 0
        m = _LABEL.match(text[skip:])
        if m:
            status = _cue_status(m.group("label"))
            if status:
                return status, m.group("rest"), skip + m.start("rest"), m.group("note")
        if _cue_status(text[skip:]) and len(text.split()) <= 6:
            return _cue_status(text[skip:]), "", 0, None
        return None, "", 0, None

    def _add_names(self, b: Block, text: str, offset: int, status: str, note: str | None) -> None:
        for nm in split_names(text):
            self._add_mention(b, nm, offset, status)

    def _add_mention(self, b: Block, nm: NameMention, offset: int, status: str) -> None:
        if nm.name.casefold() in {p.name.casefold() for p in self.attendees + self.absentees}:
            return
        target = self.attendees if status == "present" else self.absentees
        role, reason = _role_or_reason(nm.note)
        target.append(Participant(
            name=nm.name, status=status, role=role, reason=reason,
            provenance=self._prov(b, offset + nm.start, offset + nm.end, f"participants.{status}")))
        if role:
            self.roles.append(RoleAssignment(name=nm.name, role=role, provenance=target[-1].provenance))

    def _role_line(self, b: Block) -> bool:
        """'Referent: Mette Lund' -> role, and the person attended."""
        m = _LABEL.match(b.text)
        if not m:
            return False
        role = lexicon().role_fields.get(m.group("label").casefold().strip())
        if not role:
            return False
        for nm in split_names(m.group("rest"))[:2]:
            start = m.start("rest") + nm.start
            prov = self._prov(b, start, start + len(nm.name), f"role.{role}")
            self.roles.append(RoleAssignment(name=nm.name, role=role, provenance=prov))
            for p in self.attendees + self.absentees:  # GUIDE.md: an attendee only when listed as present
                if p.name.casefold() == nm.name.casefold() and p.role is None:
                    p.role = role
        return True

    def _roles_everywhere(self, seg: Segmented) -> None:
        for it in seg.items:
            for b in it.blocks[:6]:
                self._role_line(b)

    def _prov(self, b: Block, start: int, end: int, rule: str) -> Provenance:
        return Provenance(doc_id=self.doc_id, page=b.page, start=b.start + start, end=b.start + end,
                          rule=rule, ocr=b.ocr_confidence is not None, ocr_confidence=b.ocr_confidence)


# A clause of running text: up to ", mens", ", men", ";" or a sentence end.
_CLAUSE = re.compile(r".+?(?:,\s*(?=(?:mens|men|hvorimod)\b)|;\s*|[.!?](?:\s+|$)(?=[A-ZÆØÅ]|$)|$)", re.S)
# A run of capitalised words (with name particles) in running text.
_NAME_RUN = re.compile(r"[A-ZÆØÅ][\w'’-]+(?:\s+(?:(?:von|van|de|la|af|du)\s+)?[A-ZÆØÅ][\w'’-]+)+")


def _prose_status(clause: str) -> str | None:
    low = " ".join(clause.casefold().split())
    lx = lexicon()
    for cues, status in ((lx.participants_absent_prose, "absent"), (lx.participants_present_prose, "present")):
        if any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", low) for c in cues):
            return status
    return None


def _full_names_in(clause: str) -> list[NameMention]:
    """Full names (two or more words, a known first name or surname) with a role
    or reason in parentheses right after them."""
    out = []
    for m in _NAME_RUN.finditer(clause):
        name, _ = _strip_role_prefix(m.group(0))
        start = m.start() + m.group(0).find(name)
        if len(name.split()) < 2 or not looks_like_name(name, strict=True):
            continue
        paren = _PAREN.match(clause, start + len(name))
        out.append(NameMention(name=name, start=start, end=start + len(name),
                               note=paren.group(1).strip() if paren else None))
    return out


def _role_or_reason(note: str | None) -> tuple[str | None, str | None]:
    """'(formand)' is a role, '(syg)' a reason; '(direktør, formand)' gives its first role."""
    if not note:
        return None, None
    roles = [w.strip() for w in note.casefold().split(",") if w.strip() in lexicon().role_words]
    if roles:
        return roles[0], None
    return None, note.strip()


def _mostly_names(text: str) -> bool:
    parts = [p for p in _split_outside_parentheses(text) if p.strip()]
    if not parts:
        return False
    names = split_names(text)
    return len(names) >= max(1, int(0.6 * len(parts)))


def find_participants(seg: Segmented, doc_id: str) -> ParticipantFinder:
    finder = ParticipantFinder(doc_id=doc_id)
    finder.run(seg)
    return finder
