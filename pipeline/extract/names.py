"""Names in text: is a phrase a person's name, a list of names split on commas/"og"
with the reasons and roles in parentheses or after a dash kept apart ("Jens Hansen
(syg)", "Ulla - syg", "Mette Lund, formand"), role words before a name dropped, and
names found in running text ("Til stede var Birthe, Knud og Ulla")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.participant_labels import _cue_status, _prose_status
from pipeline.lexicon import is_first_name, is_surname, lexicon

# Separators in a list of names (a tab: a table cell ends); a full stop after a word ("... von Holck. Mads
# Møller") too, not after an initial


@lru_cache(maxsize=1)
def conjunctions() -> str:
    """The words joining names in a list ('og', 'samt': lexicon name_conjunctions) as a regex
    alternation of whole words; never the 'og' of a suspended compound ('Børne- og ungedirektør')."""
    words = "|".join(re.escape(w) for w in lexicon().name_conjunctions)
    return rf"(?<!\w-\s)(?<!\w-)\b(?:{words})\b"


@lru_cache(maxsize=1)
def _split_re() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:,|;|·|•|{conjunctions()}|&|\s\+\s|\n|\t|(?<=[a-zæøå]{{2}})\.\s+(?=[A-ZÆØÅ]))\s*")


@lru_cache(maxsize=1)
def owner_split_re() -> re.Pattern[str]:
    """The separators of several owners in one cell or line: "JT og MA", "Bodil, Karl", "KV/CB", "Emil + Zainab"."""
    return re.compile(rf"\s*(?:,|/|&|\+|{conjunctions()})\s*")


_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_NAME_TOKEN = re.compile(r"^[A-ZÆØÅÄÖÜÉ][\w'’.-]*$")

# A list marker opening one name of a list: "(a) Birk Lauritsen;", "b) Hanne Dalby", "3. Otto Frank"
_NAME_MARKER = re.compile(r"^\s*(?:\(\w{1,3}\)|\w{1,2}\)|[a-z]\.|\d{1,2}\.)\s+")
# "Ulla - syg", "Benny Holt – på ferie": a reason after a dash
_DASH_NOTE = re.compile(r"^(?P<name>.+?)\s+[-–—]\s+(?P<note>.+)$")

# A person's initials: "AFH", "JL", "YÖ"
INITIALS = re.compile(r"[A-ZÆØÅÄÖÜ]{2,4}")

# A party letter after a municipal member: "(A)", "(UP)": neither a role nor a reason
_PARTY = re.compile(r"^[A-ZÆØÅ]{1,3}$")


def _particles() -> set[str]:
    return set(lexicon().name_particles)


@dataclass
class NameMention:
    name: str
    start: int  # offset in the block text
    end: int
    note: str | None = None  # text in parentheses after the name


def looks_like_name(text: str, strict: bool = False) -> bool:
    """A person's name: 1-5 capitalised tokens (particles allowed), no digits, and a
    known Danish first name or surname; in a participant list (strict=False), where
    the context says these are names, two capitalised tokens are enough."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if tokens[0].casefold() in lexicon().role_words or tokens[0].casefold() in lexicon().owner_bodies:
        return False
    particles = _particles()
    if not all(_NAME_TOKEN.match(t) or t.casefold() in particles for t in tokens):
        return False
    if len(tokens) == 1:
        return is_first_name(tokens[0])
    if all(t.isupper() and len(t) > 1 for t in tokens):  # "KL KOMDIR" is not a name
        return False
    known = is_first_name(tokens[0].split("-")[0]) or is_surname(tokens[-1])
    if any(_org_token(t) for t in tokens) and not is_first_name(tokens[0]):  # "Boligadministration Øst": a firm
        return False
    return known or (not strict and len(tokens) >= 2)


def _org_token(token: str) -> bool:
    """'Boligadministration', 'Grundejerforeningen': a word ending in an organisation word."""
    low = token.casefold()
    return any(len(w) >= 4 and len(low) > len(w) + 2 and low.endswith(w) for w in lexicon().organisation_words)


def _list_word(text: str) -> bool:
    """A single capitalised word in a participant list that is not a known first name
    ("Saq", "Tommas"): a name there, unless it is a role, a body or a cue word."""
    lx = lexicon()
    low = text.casefold()
    return (
        bool(re.fullmatch(r"[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèáíóú'’-]+\.?", text))
        and len(text) >= 3
        and low not in lx.role_words
        and low not in lx.owner_bodies
        and low not in lx.collective_subjects
        and _cue_status(low) is None
    )


def _split_outside_parentheses(text: str) -> list[str]:
    """_split_re(), but never inside '(...)': 'Jesper Vang (direktør, formand)' stays one part."""
    masked = re.sub(r"\([^)]*\)", lambda m: "\x00" * len(m.group(0)), text)
    parts, pos = [], 0
    for m in _split_re().finditer(masked):
        parts.append(text[pos : m.start()])
        pos = m.end()
    parts.append(text[pos:])
    return parts


def split_names(text: str, strict: bool = False, in_list: bool = False, initials: bool = False) -> list[NameMention]:
    """'A, B (syg) og C, formand' -> mentions with offsets; roles attach to the name before.
    in_list: the text is the value of a participant label, so a lone capitalised word
    that is no known first name ("Saq") still counts when known names stand beside it;
    initials: initials among names ("Asta, Karl, PW") are kept too (the caller resolves them
    to a full name the document gives, or drops them)."""
    return _split_parts(text, strict, in_list, initials)[0]


def _split_parts(
    text: str, strict: bool = False, in_list: bool = False, keep_initials: bool = False
) -> tuple[list[NameMention], int]:
    """split_names, and how many parts were a role phrase after a name ('Lone Berg, direktør
    for Kultur og Fritid': 'direktør for Kultur', 'Fritid'), no one's name."""
    describing = False  # inside a role phrase that began in lower case after a name
    n_desc = 0
    out: list[NameMention] = []
    loose: list[NameMention] = []
    initials: list[NameMention] = []
    pos = 0
    for part in _split_outside_parentheses(text):
        idx = text.find(part, pos) if part else -1
        if idx < 0:
            continue
        pos = idx + len(part)
        marker = _NAME_MARKER.match(part)
        lead = marker.end() if marker else 0
        body = part[lead:]
        note = None
        m = _PAREN.search(body)
        core = body
        if m:
            note, core = m.group(1).strip(), (body[: m.start()] + " " + body[m.end() :]).strip()
        core = core.strip(" .:-–;")
        dash = _DASH_NOTE.match(core)  # also after a parenthesis: "Ida Lund (9.A) – formand"
        if dash and looks_like_name(dash.group("name").strip(), strict):
            core, after = dash.group("name").strip(), dash.group("note").strip(" .")
            if note is None or note.casefold() not in lexicon().role_words:
                note = after  # "(9.A) – formand", "(6.B) – på lejrskole": the dash says more
        if out and core.casefold() in lexicon().role_words:
            out[-1].note = out[-1].note or core
            continue
        core, role = _strip_role_prefix(core)
        if describing:
            core = _after_title_words(core)  # "direktør for Teknik og Miljø Helle Sandahl"
        if core and len(core.split()[-1]) == 1 and body[body.find(core) + len(core) :].startswith("."):
            core += "."  # "Rolf S." keeps the full stop of its initial
        if not core:
            continue
        start = idx + lead + body.find(core)
        mention = NameMention(name=core, start=start, end=start + len(core), note=note or role)
        if looks_like_name(core, strict):
            out.append(mention)
            describing = False
        elif describing or core[:1].islower() or _title_phrase(core):
            describing, n_desc = True, n_desc + 1
        elif in_list and _list_word(core):
            loose.append(mention)
        elif in_list and INITIALS.fullmatch(core):
            initials.append(mention)  # "Til stede: AFH, JL + TB": resolved, or dropped, at the end
    if loose and out:
        out = sorted(out + loose, key=lambda nm: nm.start)
    if initials and (len(initials) > len(out) or keep_initials):
        out = sorted(out + initials, key=lambda nm: nm.start)
    return out, n_desc


def _title_phrase(core: str) -> bool:
    """'Direktør for Kultur' (of 'Direktør for Kultur og Fritid Asbjørn Kiel'): a title word
    and a referring word open a role phrase whose areas are capitalised, no one's name."""
    tokens = core.split()
    return (
        len(tokens) >= 3
        and _is_title_word(tokens[0])
        and not is_first_name(tokens[0])
        and tokens[1] in lexicon().referring_words
    )


def _after_title_words(core: str) -> str:
    """'Miljø Helle Sandahl' in a role phrase: the capitalised words of a title before a first name."""
    tokens = core.split()
    for i in range(1, len(tokens) - 1):
        if not _NAME_TOKEN.match(tokens[i - 1]) or is_first_name(tokens[0]):
            break  # only capitalised title words stand before the name
        if is_first_name(tokens[i]):
            return " ".join(tokens[i:])
    return core


def _strip_role_prefix(core: str) -> tuple[str, str | None]:
    """'formand Jens Hansen' -> ('Jens Hansen', 'formand'); 'teknisk direktør Allan
    Vesterdal', 'Driftsleder Jens Ulrik Thygesen', 'vejudvalget v/ Bent Haubro': the
    title words before a name are dropped (a Danish name never starts in lower case)."""
    tokens = core.split()
    dropped: list[str] = []
    while len(tokens) > 3 and tokens[0].endswith("-") and tokens[1].casefold() in lexicon().name_conjunctions:
        dropped += [tokens.pop(0), tokens.pop(0)]  # "Børne- og ungedirektør Rasmus Thing": a suspended compound
    while len(tokens) > 1 and (
        _is_title_word(tokens[0])
        or (len(tokens) > 2 and tokens[1][:1].islower() and _is_role_word(tokens[1]) and not is_first_name(tokens[0]))
    ):  # "Teknisk direktør Bo Vinter": a capitalised adjective of the title
        dropped.append(tokens.pop(0))
    if not dropped or any(w.casefold() in lexicon().referring_words for w in dropped):
        return core, None  # "stedfortræder for Jeppe Lund" names someone else
    role = dropped[-1].casefold()
    return " ".join(tokens), role if role in lexicon().role_words else None


def _is_title_word(token: str) -> bool:
    low = token.casefold()
    lx = lexicon()
    if low in lx.role_words or low in lx.owner_bodies:
        return True
    if token[:1].islower():
        return low not in _particles()
    return low.endswith(tuple(lx.role_suffixes)) and not is_first_name(token)


def _split_first_name_pairs(mentions: list[NameMention]) -> list[NameMention]:
    """'Dennis, Tonni Martin': in a list of first names alone, two first names
    written without a comma are two people."""
    singles = [nm for nm in mentions if len(nm.name.split()) == 1]
    if not singles or len(singles) < len(mentions) - 1:
        return mentions
    out = []
    for nm in mentions:
        parts = nm.name.split()
        if len(parts) == 2 and all(is_first_name(t) and len(t) > 2 for t in parts) and not parts[1].endswith("."):
            second = nm.name.index(parts[1], len(parts[0]))
            out.append(NameMention(parts[0], nm.start, nm.start + len(parts[0])))
            out.append(NameMention(parts[1], nm.start + second, nm.end, nm.note))
        else:
            out.append(nm)
    return out


@lru_cache(maxsize=1)
def _name_run() -> re.Pattern[str]:
    """A run of capitalised words (with the lexicon's name particles) in running text."""
    particles = "|".join(map(re.escape, lexicon().name_particles)) or "(?!)"
    return re.compile(rf"[A-ZÆØÅ][\w'’-]+(?:\s+(?:(?:{particles})\s+)?[A-ZÆØÅ][\w'’-]+)+")


_WORD = re.compile(r"[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?")


def _substituted(clause: str, nm: NameMention) -> bool:
    """'Lene Thybo deltog i stedet for Birte Sandholm': the one replaced did not attend."""
    before = " ".join(clause[: nm.start].casefold().split())
    return any(before.endswith(w) for w in lexicon().participants_substitute_for)


def _names_in_prose(clause: str) -> list[NameMention]:
    """Full names with a role or reason in parentheses right after them, and first
    names alone ("Til stede var Birthe, Knud og Ulla", "Jonas har meldt afbud")."""
    out = _full_names_in(clause)
    taken = [(nm.start, nm.end) for nm in out]
    for m in _WORD.finditer(clause):
        if any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group(0)
        if not is_first_name(word.split("-")[0]) or word.casefold() in lexicon().not_first_names:
            continue
        if _name_run().match(clause, m.start()):  # part of a run of capitalised words that is no name
            continue
        paren = _PAREN.match(clause, m.end())
        out.append(NameMention(name=word, start=m.start(), end=m.end(), note=paren.group(1).strip() if paren else None))
    return sorted(out, key=lambda nm: nm.start)


def _full_names_in(clause: str) -> list[NameMention]:
    """Full names (two or more words, a known first name or surname) with a role
    or reason in parentheses right after them; an all-capitals word ("LEA") belongs
    to an organisation, not to a person."""
    out = []
    whole = clause.strip(" .,;:")
    runs = [r for m in _name_run().finditer(clause) for r in _names_of_run(m.group(0), m.start(), m.group(0) == whole)]
    for run_start, run in runs:
        name, _ = _strip_role_prefix(run)
        start = run_start + run.find(name)
        if len(name.split()) < 2 or not looks_like_name(name, strict=True):
            continue
        if any(t.isupper() and len(t) > 1 for t in name.split()) or _org_follows(clause, start + len(name)):
            continue
        paren = _PAREN.match(clause, start + len(name))
        out.append(
            NameMention(name=name, start=start, end=start + len(name), note=paren.group(1).strip() if paren else None)
        )
    return out


def _names_of_run(run: str, start: int, whole: bool = False) -> list[tuple[int, str]]:
    """'Knud Lerche Eva Sand Bo Kirk' (a signature line of several people, `whole`: the run is
    the whole line) -> its names, two words each: an even run whose every other word from the
    first is a first name, of three names or more, or of two when the second opens at a first
    name that is no surname after a word that is no first name ('Anne Marie Holm Jensen' stays
    one name). Elsewhere a run is one name."""
    tokens = [(t.start(), t.group(0)) for t in re.finditer(r"\S+", run)]
    n = len(tokens)
    if not whole or n < 4 or n % 2 or not all(is_first_name(tokens[k][1].split("-")[0]) for k in range(0, n, 2)):
        return [(start, run)]
    if n == 4 and not (
        not is_first_name(tokens[1][1]) and is_first_name(tokens[2][1]) and not is_surname(tokens[2][1])
    ):
        return [(start, run)]
    return [
        (start + tokens[k][0], run[tokens[k][0] : tokens[k + 1][0] + len(tokens[k + 1][1])]) for k in range(0, n, 2)
    ]


def _org_follows(text: str, end: int) -> bool:
    """'Lea Ejendomspartner A/S': a run followed by a company form names an organisation."""
    nxt = text[end : end + 12].split()
    return bool(nxt) and any(nxt[0].casefold().strip(".,") == w for w in lexicon().organisation_words)


def _is_role_word(word: str) -> bool:
    """'formand', 'kirkeværge', 'vejchef' (a title ending like one): a role, never a first name."""
    lx = lexicon()
    low = word.casefold()
    return (
        low in lx.role_words
        or low in lx.role_fields
        or (low.endswith(tuple(lx.role_suffixes)) and not is_first_name(word))
    )


def _role_or_reason(note: str | None) -> tuple[str | None, str | None]:
    """'(formand)' is a role, '(syg)' a reason; '(direktør, formand)' gives its first role;
    a title word the lexicon lacks but that ends like one ('gruppeleder') is a role too,
    and a party letter ('(A)') is neither."""
    if not note:
        return None, None
    lx = lexicon()
    if _PARTY.match(note.strip()):
        return None, None
    parts = [w.strip() for w in note.casefold().split(",") if w.strip()]
    roles = [w for w in parts if w in lx.role_words or w in lx.role_fields]
    roles += [w for w in parts if " " not in w and w.endswith(tuple(lx.role_suffixes)) and w not in roles]
    if roles:
        return roles[0], None
    return None, note.strip()


def _all_names(text: str) -> bool:
    """Every part a name ('Sanne Ibsen og Tore Mikkelsen'), no clause of prose ('..., men Erik havde afbud')."""
    parts = [p for p in _split_outside_parentheses(text) if p.strip()]
    return bool(parts) and len(split_names(text, in_list=True)) == len(parts) and not _prose_status(text)


def _mostly_names(text: str) -> bool:
    parts = [p for p in _split_outside_parentheses(text) if p.strip()]
    if not parts:
        return False
    names, n_desc = _split_parts(text, in_list=True)
    return bool(names) and len(names) >= max(1, int(0.6 * (len(parts) - n_desc)))


# A line led by a name, initials allowed: "Freddy E. Borgwardt valgt 2013"
_NAME_LEAD = re.compile(r"[A-ZÆØÅ][\w'’-]+(?:\s+[A-ZÆØÅ](?:[\w'’-]+|\.))+")
MEMBER_LIST_MIN = 3  # so many name-led lines under the body's item are its member list
MEMBER_LINE_WORDS = 6  # "Karen Sand, Formand valgt 2021": a name and a few words of role


def _member_lines(text: str) -> list[NameMention]:
    """The name-led segments of a block: 'Bestyrelsen modtog genvalg. Karen Sand, Formand valgt
    2021' -> [Karen Sand]; each segment is a full name and a few words of role."""
    out = []
    for seg in re.finditer(r"(?:[^.\n]|(?<=\b[A-ZÆØÅ])\.|\.(?=\S))+", text):
        part = seg.group(0).strip()
        if not part or len(part.split()) > MEMBER_LINE_WORDS:
            continue
        run = _NAME_LEAD.match(part)
        if not run:
            continue
        name = run.group(0)
        tokens = name.split()
        while len(tokens) > 2 and (
            tokens[-1].casefold() in lexicon().role_words or not looks_like_name(" ".join(tokens), strict=True)
        ):
            tokens.pop()
        name = " ".join(tokens)
        if len(tokens) >= 2 and looks_like_name(name, strict=True):
            start = seg.start() + seg.group(0).find(name)
            out.append(NameMention(name, start, start + len(name)))
    return out


@lru_cache(maxsize=1)
def _role_phrase_re() -> re.Pattern[str]:
    """A cue of absence before a phrase of lower-case words ending the clause."""
    cues = "|".join(re.escape(c) for c in sorted(lexicon().participants_absent_prose, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{cues})\s+(?P<phrase>[a-zæøå-]+(?:\s+[a-zæøå-]+){{0,3}})(?=\s*(?:[,.;]|$))")


def _role_phrase(clause: str) -> NameMention | None:
    """'afbud fra den afgående kasserer, som ...' -> 'den afgående kasserer' (no name given)."""
    lx = lexicon()
    m = _role_phrase_re().search(clause)
    if not m:
        return None
    last = m["phrase"].split()[-1]
    if last not in lx.role_words and not last.endswith(tuple(lx.role_suffixes)):
        return None
    return NameMention(m["phrase"], m.start("phrase"), m.end("phrase"))
