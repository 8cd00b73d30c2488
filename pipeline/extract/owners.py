"""Who a sentence is about: people, bodies and organisations as owner mentions.

Mentions are found on spaCy tokens: roster names (full or first name alone),
owner bodies ("sekretariatet", "formandskabet"), working groups, the meeting
body ("HB"), organisation acronyms ("COI", "KL/Komponent"), and PER entities
when a statistical pipeline supplies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span

from pipeline.extract.names import looks_like_name
from pipeline.extract.roster import Roster, role_holders
from pipeline.lexicon import is_first_name, lexicon
from pipeline.types import RoleAssignment

# Words of the subject rules, from the lexicon (owner_connectors, owner_fillers, ...):
CONNECTORS = frozenset(lexicon().owner_connectors)  # "Ida og Bo", "Ida, Bo": coordinated subjects
FILLERS = frozenset(lexicon().owner_fillers)  # "Ida også sender": a word between the subject and its verb
CLAUSE_OPENERS = frozenset(lexicon().owner_clause_openers)  # "..., og Ida sender": a subject opens a clause after
RELATIVE_PRONOUNS = frozenset(lexicon().relative_pronouns)  # ', som fremlægger ...' after the names it refers to
AGREEMENT_RULES = frozenset(lexicon().agreement_cue_ids)  # "Det er aftalt, at X ...": cue ids of an agreement


@dataclass
class Mention:
    start: int  # token indices in the sentence's Doc
    end: int
    name: str  # resolved: roster full name, or the body/organisation as written
    kind: str  # person, body, group, org, collective


class _Tokens:
    """One Doc's token texts and lower cases as plain lists, read once per Doc (doc[i]
    builds a new Token object on every call, which cost more than the tests made on it);
    the rarer flags are asked of the token when needed."""

    def __init__(self, doc: Doc):
        self.doc = doc
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER]).tolist() if len(doc) else []
        self.text: list[str] = [strings[orth] for orth, _ in rows]
        self.lower: list[str] = [strings[low] for _, low in rows]  # Token.lower_
        self._per: bool | None = None

    def alpha(self, i: int) -> bool:  # Token.is_alpha
        return self.doc[i].is_alpha

    def title(self, i: int) -> bool:  # Token.is_title
        return self.doc[i].is_title

    @property
    def per(self) -> bool:
        """Does any token belong to a PER entity (a statistical pipeline's)?"""
        if self._per is None:
            self._per = any(e.label_ == "PER" for e in self.doc.ents)
        return self._per


class OwnerFinder:
    def __init__(self, roster: Roster, meeting_body: str | None, roles: list[RoleAssignment] | None = None):
        lx = lexicon()
        self.roster = roster
        self.role_words = set(lx.role_words) | set(lx.role_fields)
        self.role_suffixes = tuple(lx.role_suffixes)
        self.holders = role_holders([], roles or [], roster)  # "formand" -> the one member who is formand
        self.bodies = set(lx.owner_bodies)
        self.groups = set(lx.working_groups)
        self.group_suffixes = tuple(lx.group_suffixes)
        self.collective = set(lx.collective_subjects) | ({meeting_body.casefold()} if meeting_body else set())
        self.not_first_names = set(lx.not_first_names) | set(lx.role_words) | set(lx.owner_bodies)
        self.full_names = sorted(((n.split(), n) for n in roster.names), key=lambda x: -len(x[0]))
        # the roster's names by their first word, longest first: a token is compared only with those
        self.names_by_first: dict[str, list[tuple[list[str], str]]] = {}
        for parts, full in self.full_names:
            if parts:
                self.names_by_first.setdefault(parts[0], []).append((parts, full))
        self.pronouns = set(lx.personal_pronouns)
        self.org_words = set(lx.organisation_words)
        self.fronted = set(lx.fronted_clause_openers)
        self.phrase_preps = set(lx.subject_phrase_prepositions)
        self.companion_words = set(lx.companion_phrases)  # "... vil sammen med X drøfte": X takes part
        self._persons: tuple[object, dict[int, list[str]]] = (None, {})  # a Doc, its sentences' people
        self._tokens: _Tokens | None = None  # the last Doc's token attributes
        # what depends on a token's text alone, per text: its mention kind and name (None: none)
        self._words: dict[str, tuple[str, str] | None] = {}
        self._roles: dict[str, str | None] = {}  # _definite_role, per word
        self._names: dict[tuple[str, bool], bool] = {}  # looks_like_name(text, strict), per text
        self._resolved: dict[str, str | None] = {}  # roster.resolve(text), per text ...
        self._resolved_for: tuple[int, int, int, int] = self._roster_state()  # ... while the roster is as it was

    def _roster_state(self) -> tuple[int, int, int, int]:
        r = self.roster
        return id(r.names), len(r.names), id(r.elsewhere), len(r.elsewhere)

    def _resolve(self, mention: str) -> str | None:
        """roster.resolve, remembered per mention while the roster's names are unchanged."""
        state = self._roster_state()
        if state != self._resolved_for:
            self._resolved, self._resolved_for = {}, state
        if mention not in self._resolved:
            self._resolved[mention] = self.roster.resolve(mention)
        return self._resolved[mention]

    def _looks_like_name(self, text: str, strict: bool = False) -> bool:
        key = (text, strict)
        known = self._names.get(key)
        if known is None:
            known = self._names[key] = looks_like_name(text, strict)
        return known

    def _tokens_of(self, doc: Doc) -> _Tokens:
        tk = self._tokens
        if tk is None or tk.doc is not doc:
            tk = self._tokens = _Tokens(doc)
        return tk

    def mentions(self, sent: Span) -> list[Mention]:
        out: list[Mention] = []
        i = sent.start
        while i < sent.end:
            m = self._mention_at(sent, i) or self._pronoun_at(sent, i, out)
            if m:
                out.append(m)
                i = m.end
            else:
                i += 1
        doc, seen = self._persons
        if doc is not sent.doc:
            doc, seen = sent.doc, {}
        seen[sent.start] = [m.name for m in out if m.kind == "person"]
        self._persons = (doc, seen)
        return out

    def _pronoun_at(self, sent: Span, i: int, before: list[Mention]) -> Mention | None:
        """'Finn melder sig. Han laver ...', 'Finn oplyste, at han ...': a personal pronoun is
        the one person named just before it, in its sentence or the one before (same block)."""
        if self._tokens_of(sent.doc).lower[i] not in self.pronouns:
            return None
        names = {m.name for m in before if m.kind == "person"}
        if not names:
            doc, seen = self._persons
            earlier = [k for k in seen if k < sent.start] if doc is sent.doc else []
            names = set(seen[max(earlier)]) if earlier else set()
        if len(names) != 1:
            return None
        return Mention(i, i + 1, names.pop(), "person")

    def _mention_at(self, sent: Span, i: int) -> Mention | None:
        tk = self._tokens_of(sent.doc)
        texts = tk.text
        text = texts[i]
        for parts, full in self.names_by_first.get(text, ()):
            j = i + len(parts)
            if j <= sent.end and all(texts[i + k] == part for k, part in enumerate(parts)):
                return Mention(i, j, full, "person")
        if text in self._words:
            word = self._words[text]
        else:
            word = self._words[text] = self._word(text, tk.alpha(i))
        if word is not None:
            return Mention(i, i + 1, word[1], word[0])
        if self._compound_head(sent, i):  # "Pris- og vurderingscirklen": one group of two compounds
            head = self._mention_at(sent, i + 2)
            if head and head.kind == "group":
                return Mention(i, head.end, _common_noun(sent.doc[i : head.end].text), "group")
        return self._name_or_org(sent, i)

    def _word(self, text: str, alpha: bool) -> tuple[str, str] | None:
        """(kind, name) of a mention that a token's text alone makes (a role holder, a body,
        a group, a collective), or None; `alpha`: the token's is_alpha."""
        low = text.casefold()
        role = self._definite_role(text)
        if role and role in self.holders:  # "Oldermanden vil ..." -> the member who is oldermand
            return "person", self.holders[role]
        if role and low not in self.bodies and low not in self.collective:
            return "body", _common_noun(text)  # "Kirkeværgen ser på det", no holder
        for words, kind in ((self.groups, "group"), (self.collective, "collective"), (self.bodies, "body")):
            if low in words:
                return kind, text if text.isupper() else _common_noun(text)
        if (
            alpha
            and low.endswith(self.group_suffixes)
            and any(low.endswith(s) and len(low) > len(s) + 2 for s in self.group_suffixes)
        ):
            return "group", _common_noun(text)  # "Legepladsudvalget"
        return None

    def _compound_head(self, sent: Span, i: int) -> bool:
        """'Pris-' before 'og vurderingscirklen': the first part of a coordinated compound."""
        tk = self._tokens_of(sent.doc)
        text = tk.text[i]
        return (
            len(text) > 2
            and text.endswith("-")
            and text[:-1].isalpha()
            and i + 2 < sent.end
            and tk.lower[i + 1] in CONNECTORS
            and tk.alpha(i + 2)
        )

    def _definite_role(self, word: str) -> str | None:
        """'Formanden' -> 'formand', 'Kirkeværgen' -> 'kirkeværge', 'vejchefen' -> 'vejchef':
        a role word in its definite form (the bare form is generic: 'Formand og kasserer tegner')."""
        if word in self._roles:
            return self._roles[word]
        role = self._roles[word] = self._definite_role_of(word)
        return role

    def _definite_role_of(self, word: str) -> str | None:
        low = word.casefold()
        if not word.isalpha() or word.isupper():
            return None
        for cut in ("en", "n"):
            base = low[: -len(cut)]
            if low.endswith(cut) and len(base) >= 4:
                if base in self.role_words or (base.endswith(self.role_suffixes) and not is_first_name(word)):
                    return base
        return None

    def _name_or_org(self, sent: Span, i: int) -> Mention | None:
        doc = sent.doc
        tk = self._tokens_of(doc)
        texts = tk.text
        text = texts[i]
        if not text[:1].isupper():
            return None
        nxt = texts[i + 1] if i + 1 < sent.end else ""
        if nxt[:1].isupper():  # "Anne Marie" for Anne Marie Holm
            two = self._resolve(f"{text} {nxt}")
            if two:
                return Mention(i, i + 2, two, "person")
        resolved = self._resolve(text)
        if resolved:
            return Mention(i, i + 1, resolved, "person")
        if i + 2 < sent.end and nxt == "/" and texts[i + 2][:1].isupper():
            return Mention(i, i + 3, doc[i : i + 3].text.replace(" ", ""), "org")
        if text.isupper() and len(text) >= 2 and tk.alpha(i):
            return Mention(i, i + 1, text, "org")
        if self._first_name_alone(sent, i):  # "Jesper kigger på Sumo": a first name, no full name known
            return Mention(i, i + 1, text, "person")
        per = self._person_entity(sent, i)
        if per or i + 1 < sent.end and self._looks_like_name(f"{text} {nxt}", True):
            end = i + 2 if nxt[:1].isupper() else i + 1
            if per or self._looks_like_name(doc[i:end].text, True):
                end = self._surnames_after(sent, end) if end == i + 2 else end
                return Mention(i, end, doc[i:end].text, "person")
        return None

    def _person_entity(self, sent: Span, i: int) -> bool:
        """A statistical PER entity starting at token i that is a person's name: two or more
        name-shaped words ('Jørgen Wentzel Petersen'), no organisation word in or right after
        it ('Sjællandsbroen København ApS'). A single capitalised word the model calls PER
        ('Sportstiming', 'Floorball', 'Adderingskredsløb') counts only by the name lists."""
        doc = sent.doc
        if not self._tokens_of(doc).per or doc[i].ent_type_ != "PER" or doc[i].ent_iob_ != "B":
            return False
        end = i + 1
        while end < sent.end and doc[end].ent_iob_ == "I":
            end += 1
        if end - i < 2 or not looks_like_name(doc[i:end].text):
            return False
        return not (end < sent.end and doc[end].text.casefold() in self.org_words)

    def parsed_subject(self, sent: Span, verb: int, mentions: list[Mention]) -> list[Mention]:
        """The parser's subject of the verb at `verb` ('Bo vil i løbet af foråret undersøge'):
        the mentions holding its nsubj token and the tokens coordinated with it; [] when
        the sentence was not parsed (blank pipeline, or no candidate)."""
        doc = sent.doc
        if not any(t.dep_ == "ROOT" for t in sent):
            return []
        v = doc[verb]
        if v.dep_ == "acl" or v.head.pos_ in ("NOUN", "PROPN"):
            return []  # 'anmodning om, at Linda deltager': a clause describing a noun
        heads = [v] + ([v.head] if v.dep_ in ("aux", "cop") else [])
        subj = [t for h in heads for t in h.children if t.dep_ in ("nsubj",) and sent.start <= t.i < sent.end]
        if not subj:
            return []
        toks = {subj[0].i} | {t.i for t in subj[0].conjuncts}
        return [m for m in mentions if any(m.start <= k < m.end for k in toks) and m.kind == "person"]

    def _surnames_after(self, sent: Span, end: int) -> int:
        """'Anne Kruse Damsgaard oplyste': a name of two words outside the roster takes one more
        capitalised word that is no role, body or group ('Jens Holm Formand' stays two)."""
        doc = sent.doc
        if end >= sent.end:
            return end
        tk = self._tokens_of(doc)
        text = tk.text[end]
        low = text.casefold()
        if not (tk.alpha(end) and tk.title(end)) or low in self.bodies or low in self.collective or low in self.groups:
            return end
        if self._definite_role(text) or low in self.role_words:
            return end
        return end + 1 if self._looks_like_name(doc[end - 2 : end + 1].text, True) else end

    def _first_name_alone(self, sent: Span, i: int) -> bool:
        tk = self._tokens_of(sent.doc)
        text = tk.text[i]
        if len(text) < 3 or not tk.alpha(i) or text.isupper():
            return False
        if text.casefold() in self.not_first_names or (i + 1 < sent.end and tk.text[i + 1][:1].isupper()):
            return False
        return is_first_name(text)

    def subject_before(
        self, sent: Span, verb: int, mentions: list[Mention], kinds: set[str] | None = None
    ) -> list[Mention]:
        """Mentions forming the subject right before token `verb`, or [] when
        the clause before it is not a plain subject."""
        by_end = {m.end: m for m in mentions}
        found: list[Mention] = []
        i = verb
        phrase_ok = True
        while i > sent.start:
            if i in by_end:
                m = by_end[i]
                found.insert(0, m)
                i = m.start
                continue
            low = sent.doc[i - 1].text.casefold()
            if low in CONNECTORS or low in FILLERS:
                i -= 1
                continue
            phrase = self._phrase_after_subject(sent, i, by_end) if phrase_ok else None
            if phrase is not None:  # "at Jakob Rasch fra administrationen sender": skip "fra administrationen"
                i, found, phrase_ok = phrase, [], False
                continue
            break
        found = [m for m in found if kinds is None or m.kind in kinds]
        if not found:
            return self._relative_antecedent(sent, verb, mentions, kinds)
        if not found:
            return []
        opened = self._opens_clause(sent, i) or self._opens_clause(sent, found[0].start)
        return found if opened else []

    def _phrase_after_subject(self, sent: Span, i: int, by_end: dict[int, Mention]) -> int | None:
        """'Jannie i nr. 46 snakker', 'Jakob fra administrationen sender': a phrase of up to
        four words led by a preposition between a person and the verb -> where the person ends."""
        doc = sent.doc
        if i - 1 >= sent.start and doc[i - 1].lower_ in self.phrase_preps and i - 1 in by_end:
            return i - 1 if by_end[i - 1].kind == "person" else None
        for k in range(i - 1, max(sent.start, i - 5), -1):
            if doc[k].is_punct and doc[k].text != ".":
                return None
            if doc[k].lower_ in self.phrase_preps and k in by_end and by_end[k].kind == "person":
                return k
        return None

    def _relative_antecedent(
        self, sent: Span, verb: int, mentions: list[Mention], kinds: set[str] | None
    ) -> list[Mention]:
        """'... bestående af Ida Kronborg og Jonas Holm, som fremlægger ...': the names right
        before ', som' are the subject of the relative clause's verb."""
        doc = sent.doc
        rel = verb - 1
        while rel > sent.start and doc[rel].lower_ not in RELATIVE_PRONOUNS and not doc[rel].is_punct:
            rel -= 1  # '..., som fortsætter arbejdet og fremlægger': the clause's second verb
        if rel - 1 < sent.start or doc[rel].lower_ not in RELATIVE_PRONOUNS or doc[rel - 1].text != ",":
            return []
        by_end = {m.end: m for m in mentions}
        found: list[Mention] = []
        i = rel - 1
        while i > sent.start:
            if i in by_end and by_end[i].kind == "person":
                found.insert(0, by_end[i])
                i = by_end[i].start
            elif found and doc[i - 1].lower_ in CONNECTORS:
                i -= 1
            else:
                break
        return [m for m in found if kinds is None or m.kind in kinds]

    def in_relative_clause(self, sent: Span, verb: int) -> bool:
        """'..., som fremlægger program og budget': the verb at `verb` is inside a relative
        clause after ', som' (its subject is the names before, the clause describes them)."""
        doc = sent.doc
        rel = verb - 1
        while rel > sent.start and doc[rel].lower_ not in RELATIVE_PRONOUNS and not doc[rel].is_punct:
            rel -= 1
        return rel - 1 >= sent.start and doc[rel].lower_ in RELATIVE_PRONOUNS and doc[rel - 1].text == ","

    def _opens_clause(self, sent: Span, i: int) -> bool:
        if i <= sent.start:
            return True
        return sent.doc[i - 1].text.casefold() in CLAUSE_OPENERS

    def subject_after(self, sent: Span, verb: int, mentions: list[Mention]) -> list[Mention]:
        """Inverted order: 'Om muligt ønsker HB', 'Herefter undersøger Leif'."""
        if verb - sent.start > 4 and not self._after_fronted_clause(sent, verb):
            return []
        return [m for m in mentions if m.start in (verb + 1, verb + 2)][:1]

    def _after_fronted_clause(self, sent: Span, verb: int) -> bool:
        """'Da projektet kræver provstiets godkendelse, sender Peter Vang ansøgningen': the
        verb right after the comma that closes a fronted clause ('Hvis ...' is a condition)."""
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        doc = sent.doc
        if first is None or first.lower_ not in self.fronted or verb - 1 <= first.i or doc[verb - 1].text != ",":
            return False
        return not any(t.text in {",", ";", ":"} for t in doc[first.i : verb - 1])

    def companions(self, sent: Span, verb: int, mentions: list[Mention]) -> list[Mention]:
        """'... vil sammen med sekretariatet drøfte' -> sekretariatet."""
        doc = sent.doc
        out = []
        for m in mentions:
            if (
                m.start >= 2
                and m.start > verb
                and f"{doc[m.start - 2].lower_} {doc[m.start - 1].lower_}" in self.companion_words
            ):
                out.append(m)
        return out


def _common_noun(text: str) -> str:
    return text[:1].lower() + text[1:] if not text.isupper() else text
