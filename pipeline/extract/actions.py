"""Action rules of the statement extractor: who owns a task sentence (its subject,
the one asked, a committee's administration, people in a closing parenthesis, a
working group's members) and subjectless tasks.

`ActionRules` is mixed into `statements.StatementExtractor`, which owns the state. Its
bases hold the other action jobs: `action_lines.ActionLineRules` (a task read from a
whole line or label: ticked titles, responsibility and dash lines, sub-items,
'Ansvarlig:'/'Frist:' attached to the statement before) and `action_groups.GroupRules`
(working groups and their members).
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span

from pipeline.dates import find_dates
from pipeline.extract.action_groups import GroupRules
from pipeline.extract.action_lines import CHECKLIST_CUES as CHECKLIST_CUES
from pipeline.extract.action_lines import ActionLineRules, _ends_sentence
from pipeline.extract.owners import AGREEMENT_RULES, CONNECTORS, Mention, OwnerFinder
from pipeline.extract.sentences import in_case_text, is_question, vetoed
from pipeline.extract.zones import Zone
from pipeline.nlp.components import CueLabel

OWNER_KINDS = {"person", "body", "group", "org", "collective"}
# Cue ids whose owner is the one asked, after the verb ("Preben beder revisor om ...",
# "Fremsendes til fagafdelingen ..."), not the subject.
REQUEST_CUES = {"anmode", "fremsendes_til", "op_til", "bemyndige_til"}
# Cue ids of tasks whose doer is not named ("Der skal laves en folder", "Fliserne rettes op",
# "Lav en tabel"): an action with no owner when no other cue gives one.
SUBJECTLESS_CUES = {"skal_passiv", "passiv_opgave", "imperativ"}
# Cue ids of a request whose doer is not named when no subject is: "Beløbet bedes indsat senest 1/4".
PASSIVE_REQUEST_CUES = {"bedes"}
# Cue ids of a future passive of a task verb ("Der vil blive udsendt en skrivelse"): after
# "X oplyste, at" the one who announced it owns it, else it is a task with no owner.
FUTURE_PASSIVE_CUES = {"fremtid_passiv"}
# Cue ids of a passive task whose doer follows "af" ("Forslaget behandles af bestyrelsen").
AGENT_CUES = {"passiv_af"}
# Cue ids of a verb that is a task only with a time after the meeting ("Forvaltningen fremlægger
# en status i november"; "Kassereren fremlægger årets regnskab" is what happens at the meeting).
DATED_CUES = {"fremlægge_dato", "give_status_dato"}  # "Forvaltningen giver en ny status på mødet den 7. maj"


class ActionRules(ActionLineRules, GroupRules):
    """Who owns a task sentence, and when it is a task at all (state lives in StatementExtractor)."""

    ref: date
    owners: OwnerFinder
    executors: dict[str, str]
    conditionals: set[str]
    condition_openers: set[str]
    not_task_before: set[str]
    subordinators: set[str]
    deliberation: set[str]
    wish_objects: set[str]
    clause_links: set[str]

    def _action_owners(
        self, sent: Span, cues: list[Span], mentions: list[Mention], zone: Zone
    ) -> tuple[list[Mention], str | None]:
        postponed = any(c.label_ == CueLabel.POSTPONE for c in cues) and zone.kind != "action"
        if postponed and not any(c.id_ in AGENT_CUES for c in cues):
            return [], None  # "Punktet tages op på næste møde": no task (but "... tages op af bestyrelsen")
        if is_question(sent):  # "Skal vi male hegnet?" asks, it gives no task
            return [], None
        if _LABEL_ONLY.match(sent.text.strip()):  # "Noter:" over a list: a label, the list is the text
            return [], None
        if in_case_text(zone):
            return [], None  # the case text under "Sagsbeskrivelse": the administration's presentation
        if any(c.label_ == CueLabel.NO_TASK for c in cues):
            return [], None  # "X deltager nu i mødet", "Bestyrelsen opfordrer kraftigt til, at ...": no task
        if zone.no_task:
            return [], None  # "Næste møde: onsdag 10/12 (vi tager kage med)": a field of the calendar
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is not None and first.lower_ in self.condition_openers:
            return [], None  # "hvis der mangler hjælpere spørger vi ...": a plan for a case, no task
        wish = self._committee_wish(sent, cues, mentions, zone)
        if wish:
            return wish, "committee_wish"
        owners: list[Mention] = []
        rule = None
        subjectless: Span | None = None
        checklist = False
        for c in cues:  # every task clause counts: "Leif udarbejder ..., og Hanne sørger for ..."
            if c.label_ != CueLabel.ACTION:
                continue
            if c.id_ in SUBJECTLESS_CUES:
                subjectless = subjectless or (c if self._subjectless_task(sent, c) else None)
                continue
            if c.id_ in FUTURE_PASSIVE_CUES:
                announced = self._announcer(sent, c, mentions)
                if announced:
                    owners += announced
                    rule = rule or f"announced:{c.id_}"
                elif self._subjectless_task(sent, c, announced=True):
                    subjectless = subjectless or c
                continue
            if c.id_ in CHECKLIST_CUES:
                checklist = checklist or _ends_sentence(sent, c)
                continue
            if postponed and c.id_ not in AGENT_CUES:
                continue
            if c.id_ in DATED_CUES and not find_dates(sent.text, self.ref):
                continue
            if c.id_ in AGENT_CUES:  # the doer after "af": "Punktet tages op af bestyrelsen"
                agent = [m for m in mentions if m.start == c.end and m.kind in OWNER_KINDS]
                if agent and not vetoed(sent) and self._independent_passive(sent, c):
                    owners += agent
                    rule = rule or f"agent:{c.id_}"
                continue
            if c.id_ in REQUEST_CUES:  # the one asked does it: "Preben beder revisor om et tilbud"
                asked = [m for m in mentions if c.start < m.start <= c.end + 2 and m.kind in OWNER_KINDS]
                if asked or c.start == sent.start:
                    owners += asked[:1]
                    rule = rule or f"request:{c.id_}"
                    continue
            subject = (
                self.owners.subject_before(sent, c.start, mentions)
                or self.owners.subject_after(sent, c.start, mentions)
                or self.owners.parsed_subject(sent, c.start, mentions)
            )
            if subject and all(m.name.casefold() == "man" for m in subject):
                continue  # "Man skal melde afbud": a rule, not a task
            if subject and self._independent(sent, c.start, subject, cues) and not self._deliberation(sent, c, subject):
                owners += subject + self.owners.companions(sent, c.start, mentions)
                rule = rule or f"cue:{c.id_}"
            elif not subject and c.id_ in PASSIVE_REQUEST_CUES and self._subjectless_task(sent, c):
                subjectless = subjectless or c  # "Beløbet bedes indsat senest 1/4": the readers' task
        if rule:
            return owners, rule
        if postponed:
            return [], None
        trailing = self._owners_in_parentheses(sent, mentions)
        if trailing:
            return trailing, "parenthesis"
        if zone.kind == "action":
            if any(t.lower_ == "ikke" for t in sent):
                return [], None  # "Der skal ikke forberedes noget": no task
            found = [m for m in mentions if m.kind in OWNER_KINDS]
            if zone.owners:
                return [Mention(0, 0, name, "person") for name in zone.owners], "label"
            return self._leading_subjects(sent, found) or found[:1], "label"
        if subjectless is not None:
            return [], f"subjectless:{subjectless.id_}"
        if checklist:
            return [], "checklist"
        return [], None

    def _leading_subjects(self, sent: Span, found: list[Mention]) -> list[Mention]:
        """'Opgave: Niels og Yasmin bemander standen': the coordinated names that open the
        sentence under a task label are all its owners."""
        ordered = sorted(found, key=lambda m: m.start)
        chain = ordered[:1]
        for m in ordered[1:]:
            gap = sent.doc[chain[-1].end : m.start]
            if not len(gap) or any(t.lower_ not in CONNECTORS for t in gap):
                break
            chain.append(m)
        return chain if len(chain) > 1 else []

    def _antecedent_start(self, sent: Span, owners: list[Mention], start: int, context: int) -> int:
        """'Finn nævnte tilbuddet. Han laver samlet tilmelding.': a task whose subject is a
        pronoun opening the sentence keeps the sentence before it (not yet in a record), which
        names its owner."""
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.lower_ not in self.owners.pronouns:
            return start
        if not any(o.start == first.i and o.kind == "person" for o in owners):
            return start
        return context

    def _independent_passive(self, sent: Span, cue: Span) -> bool:
        """'Hvis sagen behandles af bestyrelsen, ...', 'X mindede om, at den ledes af Y': no task."""
        doc = sent.doc
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.lower_ in self.conditionals:
            return False
        before = {t.lower_ for t in doc[max(sent.start, cue.start - 2) : cue.start]}
        return not before & self.not_task_before

    def _committee_wish(self, sent: Span, cues: list[Span], mentions: list[Mention], zone: Zone) -> list[Mention]:
        """'Godkendt idet udvalget ønsker en sag om ...' in a Beslutning field: the committee
        asks its administration (lexicon committee_executors) for the work."""
        if zone.kind not in ("decision", "after_decision") or not self.executors:
            return []
        for c in cues:
            if c.label_ != CueLabel.DECISION_COLLECTIVE or c.id_ != "ønske":
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

    def _subjectless_task(self, sent: Span, cue: Span, announced: bool = False) -> bool:
        """'Det kan laves senere', 'Hvis hegnet males ...', 'den folder, som udsendes',
        'tre spørgsmål der skal besvares': a possibility, a condition or a description, not a
        task. `announced`: a future passive ('..., at der vil blive udsendt ...') may follow 'at'."""
        doc = sent.doc
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.lower_ in self.conditionals or vetoed(sent):
            return False  # also "Rådet skal tage stilling til, hvad der skal laves": its agenda
        if (not announced and any(t.lower_ in self.subordinators for t in doc[sent.start : cue.start])) or any(
            t.lower_ in self.conditionals for t in doc[cue.end : sent.end]
        ):
            return False  # "X mindede om, at nøgler skal afleveres", "..., hvis Lotte bliver valgt"
        if self._relative_der(sent, cue):
            return False
        before = {t.lower_ for t in doc[max(sent.start, cue.start - 2) : cue.start]}
        return not before & self.not_task_before

    def _relative_der(self, sent: Span, cue: Span) -> bool:
        """'tre spørgsmål der skal besvares', 'et projekt hvor der skal samles midler': 'der'
        after a word that is no clause link ('og der skal', 'ligesom der skal') opens a relative
        clause describing that word; the expletive 'Der skal laves ...' opens the sentence."""
        doc = sent.doc
        k = cue.start - 1
        if k - 1 < sent.start or doc[k].lower_ != "der":
            return False
        prev = doc[k - 1]
        return prev.is_alpha and prev.lower_ not in self.clause_links

    def _announcer(self, sent: Span, cue: Span, mentions: list[Mention]) -> list[Mention]:
        """'Firmaet v/Anne Holm oplyste, at der vil blive udsendt en skrivelse': the subject of
        the reporting clause before 'at' announced the task and owns it."""
        doc = sent.doc
        at = next((t.i for t in doc[sent.start : cue.start] if t.lower_ in self.subordinators), None)
        if at is None:
            return []
        lead = [m for m in mentions if m.end <= at and m.kind in OWNER_KINDS]
        named = [m for m in lead if m.kind != "collective"]  # "Som svar til forsamlingen bekræftede X"
        first = (named or lead)[:1]
        if first and first[0].start - 2 >= sent.start and doc[first[0].start - 1].text == "/":
            k = first[0].start - 2  # "Firma ApS v/Anne Holm": the firm she speaks for
            if doc[k].lower_ == "v":
                begin = k
                while begin > sent.start and doc[begin - 1].text[:1].isupper() and doc[begin - 1].is_alpha:
                    begin -= 1
                if begin < k:
                    return [Mention(begin, k, doc[begin:k].text, "org")]
        return first

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
        named_before = {m.name for m in mentions if m.end <= toks[start].i and m.kind == "person"}
        if any(m.name in named_before for m in inside):
            return []  # "Lise Kamp, formand (LK)", "Afbud: Tove Linnet (TL)": a note on the name before
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
        if sent.doc[first].lower_ in self.owners.pronouns:  # "Finn oplyste, at han arbejder på ...": his own task
            return True
        return any(c.label_ == CueLabel.DECISION and c.id_ in AGREEMENT_RULES and c.end <= first for c in cues)


_LABEL_ONLY = re.compile(r"^[^\W\d_][^\W_]*(?:\s[^\W\d_][^\W_]*){0,2}\s?:$")
