"""Documents without numbered items: headings of any level, run-in headings
("Kontingent:"), short lines leading a list, bullets under "Emner:"; logbooks whose dated
headings ("16/2", "Uge 7") head entries that are not agenda items.

Data flow: `items_from_unnumbered` is tried by `segment()` when the numbered reading
finds too few items, and to test whether a numbered document is a logbook. It collects
the candidate heads, lets heads.py prune them, then cuts the blocks into sections.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline.dates import lexicon as date_lexicon
from pipeline.lexicon import lexicon
from pipeline.segment.headings import heading_hit, split_inline
from pipeline.segment.heads import drop_meeting_title, drop_post_labels, is_closing_title, outline, valued_items_before
from pipeline.segment.patterns import (
    BULLET,
    ITEM_PATTERNS,
    MIN_LOGBOOK_ENTRIES,
    RUN_IN_MAX_WORDS,
    SENTENCE_REST_MIN_WORDS,
)
from pipeline.segment.sections import sub_block
from pipeline.segment.titles import (
    has_outcome,
    heading_like,
    is_calendar_title,
    is_dateline,
    is_report_title,
    not_a_title,
    starts_with_person,
    stop_title,
)
from pipeline.segment.vocab import clean, field_labels, heading_labels, is_agenda_label, label_key
from pipeline.types import Block, BlockKind, ItemSection

DATED_HEADING_MAX_WORDS = 6
SHORT_DATED_HEADING_MAX_WORDS = 3  # "Uge 7", "Møde 12/3": a week or a date with at most a word before it
MIN_MEETING_WORD_CHARS = 4  # shorter meeting words ("mø") are no suffix to test a word against
MAX_RUN_IN_TITLE_WORDS = 8  # "Forelæggelse og godkendelse af det reviderede regnskab: ..."
MIN_REPEATED_LABEL = 3  # a label line this many times in one document is a form field
MIN_UNNUMBERED_ITEMS = 2  # fewer headed items: read run-in headings and lead-ins too; fewer sections: no reading
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_TOPIC_COLON = re.compile(r"(?<!\d):(?!\d)")  # "Pause 11:30 - 12:00": a colon between digits is a time


def _topic_value(value: str) -> bool:
    """'Kontingent: uændret 300 kr', 'Juletræ: Bo køber træet.': what follows a topic's colon
    is its outcome when it is a sentence or holds a figure; 'Kravliste: første udkast' is a
    topic whose whole text is its title."""
    words = value.split()
    return bool(words) and (
        value.endswith((".", "!", "?")) or len(words) >= SENTENCE_REST_MIN_WORDS or any(c.isdigit() for c in value)
    )


def _is_dated_heading(text: str) -> bool:
    """'16/2', '## 12/03', 'Uge 7', 'Logbog uge 37', 'Tirsdag d. 11/02', '4. marts'."""
    t = clean(text)
    words = t.casefold().replace(",", " ").split()
    if not words or len(words) > DATED_HEADING_MAX_WORDS:
        return False
    d = date_lexicon()
    if _NUMERIC_DATE.fullmatch(t) or words[0].rstrip(".") in d.weekdays:
        return True
    weeks = {w.split()[0] for w in d.week_words}
    if (
        any(w in weeks and k + 1 < len(words) and words[k + 1].isdigit() for k, w in enumerate(words))
        and len(words) <= SHORT_DATED_HEADING_MAX_WORDS
    ):
        return True
    if is_dateline(t) or (bool(_NUMERIC_DATE.search(t)) and len(words) <= SHORT_DATED_HEADING_MAX_WORDS):
        return True
    return _names_dated_meeting(words, t)


def _names_dated_meeting(words: list[str], text: str) -> bool:
    """'Referat fra vejledermøde 30/09/2025', 'Gruppemøde d. 17-11': an entry naming the meeting
    and its date ('Godkendelse af referat fra mødet den 14.3.' is an item: 'mødet' refers back)."""
    m = _NUMERIC_DATE.search(text)
    if not m or any(p.regex.match(text) for p in ITEM_PATTERNS):
        return False
    kinds = {w for w, k in lexicon().title_kind.items() if k == "minutes"}
    before = [w.strip(".,:–-") for w in text[: m.start()].casefold().split()]
    leads = {w.strip(".") for w in date_lexicon().day_prefixes}
    before = [w for w in before if w and w not in leads]
    meeting = [w for w in lexicon().meeting_words if len(w) >= MIN_MEETING_WORD_CHARS and not w.endswith("t")]
    return bool(before) and (
        before[0] in kinds or before[0].endswith(tuple(meeting)) or before[-1].endswith(tuple(meeting))
    )


def _run_in(block: Block) -> str | None:
    """'Formandens beretning:' alone on a line -> its title; labels the extractors read are not."""
    if block.kind not in (BlockKind.paragraph, BlockKind.heading):
        return None
    t = clean(block.text)
    if not t.endswith(":") or ":" in t[:-1]:
        return None
    words = t[:-1].split()
    if not words or len(words) > RUN_IN_MAX_WORDS or not words[0][:1].isupper() or label_key(t) in field_labels():
        return None
    return t[:-1].strip()


def _lead_in(blocks: list[Block], i: int) -> str | None:
    """A short line without end punctuation leading a list: 'Punkter drøftet' / '- ...'."""
    b = blocks[i]
    if b.kind != BlockKind.paragraph or i + 1 >= len(blocks) or blocks[i + 1].kind != BlockKind.list_item:
        return None
    t = clean(b.text)
    words = t.split()
    if (
        not words
        or len(words) > RUN_IN_MAX_WORDS
        or t[-1] in ".:;,!?"
        or not t[0].isupper()
        or label_key(t) in field_labels()
        or _is_dated_heading(t)
    ):
        return None
    return t


def items_from_unnumbered(blocks: list[Block], title: Block | None) -> tuple[list[ItemSection], list[Block]]:
    """Documents whose items are headings without numbers (any level), run-in headings,
    lines leading a list, or topics under 'Emner:'; logbooks of dated entries."""
    heads: dict[int, tuple[str, bool]] = {}  # block index -> (title, is an agenda item)
    rests: dict[int, tuple[str, int]] = {}  # block index -> (outcome after the title, its offset)
    stops: dict[int, str] = {}  # headings that end in "." but read as titles
    repeated = Counter(label_key(b.text) for b in blocks if b.kind in (BlockKind.paragraph, BlockKind.heading))
    for i, b in enumerate(blocks):
        if b is title or b.kind != BlockKind.heading:
            continue
        text = _untimed(clean(b.text)).rstrip(":").strip()
        hit = heading_hit(b, lenient=True) if not _is_dated_heading(b.text) else None
        if hit is not None and hit.title != b.text.strip():  # "6. Eventuelt", "a. Valg af formand. X vælges."
            if heading_like(hit.title.rstrip(".")) and label_key(hit.title) not in heading_labels():
                heads[i] = (hit.title.rstrip(":").strip(), True)
                if hit.rest:
                    rests[i] = (hit.rest, b.text.find(hit.rest, max(hit.rest_start - 1, 0)))
            continue
        if _is_dated_heading(b.text):
            heads[i] = (text, False)
        elif not text or label_key(text) in heading_labels() or not_a_title(b.text):
            continue
        elif heading_like(text):
            heads[i] = (text, True)
        elif stop_title(text):
            stops[i] = text.rstrip(".")
    dated_fields = [i for i, b in enumerate(blocks) if b is not title and _is_dated_field(b)]
    form_log = len(dated_fields) >= MIN_REPEATED_LABEL  # "Dato: 12/5" opening entry after entry of a log
    if form_log:
        heads.update({i: (clean(blocks[i].text), False) for i in dated_fields})
    drop_meeting_title(blocks, heads)
    levels = [blocks[i].level for i, (_, agenda) in heads.items() if agenda]
    for i, text in stops.items():  # "Behandling af indkomne forslag." at the level of the items is a title
        if levels and blocks[i].level <= min(levels):
            heads[i] = (text, True)
    first = min((i for i, (_, a) in heads.items() if a and levels and blocks[i].level == min(levels)), default=None)
    for i in [i for i in heads if first is not None and i < first]:  # "Dagsordenen følges herefter." above the items
        if blocks[i].level > min(levels) and clean(blocks[i].text).endswith("."):
            del heads[i]
    heads = dict(sorted(heads.items()))
    if sum(not agenda for _, agenda in heads.values()) < MIN_LOGBOOK_ENTRIES:  # one dated heading is no logbook
        heads = {i: (t, True) for i, (t, a) in heads.items()}
    logbook = any(not a for _, a in heads.values())  # dated entries (an appendix after the items is none)
    if not logbook and sum(agenda for _, agenda in heads.values()) >= MIN_UNNUMBERED_ITEMS:
        _programme_lines(blocks, heads, rests, title)
    heads = outline(blocks, heads)
    if sum(agenda for _, agenda in heads.values()) < MIN_UNNUMBERED_ITEMS and not logbook:
        for i, b in enumerate(blocks):
            if b is title:
                continue
            t = _run_in(b) if b.kind != BlockKind.heading else None
            t = t or _lead_in(blocks, i)
            if t and not _form_label(t, repeated):
                heads[i] = (t, True)
        drop_post_labels(blocks, heads)
        for i, (t, at) in valued_items_before(blocks, heads).items():
            heads[i] = (t, True)
            rests[i] = (blocks[i].text[at:].strip(), at)
    elif logbook:  # inside dated entries, label lines leading a list ("Sensorenhed:", "Mail til X:") are topics
        headed = dict(heads)  # the entries and their headed topics, before lines are added
        for i, b in enumerate(blocks):
            if b is title or i in heads or b.kind == BlockKind.heading:
                continue
            if i < min(headed):  # before the first entry: only under a title heading that opens the first one
                if title is None or title.kind != BlockKind.heading or i < title.index:
                    continue
            listed = i + 1 < len(blocks) and blocks[i + 1].kind == BlockKind.list_item
            t = _run_in(b) if listed or form_log else None  # a form's log: any run-in label is a topic
            t = (
                t
                or _lead_in(blocks, i)
                or (_topic_bullet(blocks, i) if i < min(headed) and not _entry_has_topics(headed, i) else None)
            )
            if t and not _names_meeting(t) and not _form_label(t, repeated if form_log else None):
                heads[i] = (t, True)
    items: list[ItemSection] = []
    header: list[Block] = []
    entry: ItemSection | None = None  # the dated entry the blocks belong to
    entry_has_agenda = False
    topics: list[ItemSection] | None = None  # items from an agenda list being read
    topic_level = 0

    def new(title_: str, b: Block, agenda: bool, rest: tuple[str, int] | None = None) -> ItemSection:
        sec = ItemSection(
            number=str(len(items) + 1), title=title_, heading=b, calendar=is_calendar_title(title_), agenda=agenda
        )
        if rest:
            sec.blocks.append(sub_block(b, rest[1], rest[0]))
        items.append(sec)
        return sec

    current: ItemSection | None = None
    for i, b in enumerate(blocks):
        if b is title:
            continue
        if topics is not None:  # the entries of "Dagsorden:" / "Emner:"
            if _is_bullet(b) and b.level <= topic_level:
                t, rest, at = split_inline(clean(BULLET.sub("", b.text)))
                colon = _TOPIC_COLON.search(t) if not rest else None
                if colon is not None:
                    head, value = t[: colon.start()], t[colon.end() :].strip()
                    if _topic_value(value) and len(head.split()) <= RUN_IN_MAX_WORDS:
                        t, rest, at = head, value, b.text.find(value)
                at = b.text.find(rest) if rest else -1
                topics.append(new(t.strip(" :"), b, True, (rest, at) if rest and at >= 0 else None))
                current = topics[-1]
                continue
            if _is_bullet(b) and topics:
                topics[-1].blocks.append(b)
                continue
            topics = None
            current = entry
        label_value = is_agenda_label(clean(b.text)) if b.kind != BlockKind.list_item else None
        if label_value is not None and (i + 1 < len(blocks) and _is_bullet(blocks[i + 1]) or label_value):
            (current.blocks if current else header).append(b)
            if entry is not None:
                entry_has_agenda = True
            if label_value:
                at = b.text.find(label_value)
                topic = new(label_value, sub_block(b, at, label_value), True)
                current = entry if entry is not None else topic
                continue
            topics, topic_level = [], blocks[i + 1].level
            continue
        if i in heads:
            text, agenda = heads[i]
            if not agenda:
                entry = current = new(text, b, False)
                entry_has_agenda = _entry_has_agenda(blocks, i, heads)
                continue
            if not entry_has_agenda:
                cut = rests.get(i)
                current = new(text, b, True, cut if cut and cut[1] >= 0 else None)
                continue
        if current is not None:
            current.blocks.append(b)
        else:
            header.append(b)
    if sum(it.agenda for it in items) < 1 and not form_log or len(items) < MIN_UNNUMBERED_ITEMS:
        return [], list(blocks)
    return items, header


def _is_dated_field(b: Block) -> bool:
    """'Dato: 12/5-16' alone on its line: the date field of a log's entry."""
    head, sep, value = b.text.partition(":")
    return (
        b.kind == BlockKind.paragraph
        and bool(sep)
        and label_key(head) in lexicon().date_fields
        and _is_dated_heading(value.strip())
    )


def _untimed(text: str) -> str:
    """'Kl. 19.30 Underholdning.' -> 'Underholdning.'; a line without a clock time unchanged."""
    m = _clock().match(text)
    return text[m.end() :] if m else text


@lru_cache(maxsize=1)
def _clock() -> re.Pattern:
    words = "|".join(re.escape(w.rstrip(".")) for w in lexicon().clock_words)
    return re.compile(rf"^(?:{words})\.?\s*\d{{1,2}}[.:]\d{{2}}\s+(?=\S)", re.I)


def _programme_lines(
    blocks: list[Block], heads: dict[int, tuple[str, bool]], rests: dict[int, tuple[str, int]], title: Block | None
) -> None:
    """Between headed items, a meeting written as its programme: lines 'agenda phrase:
    outcome' ('Valg af dirigent: X vælges.', 'Eventuelt: Intet til punktet') and, once the
    meeting has opened, timed lines ('Kl. 19.30 Underholdning.') are items; a timed line
    before the first item ('Kl. 18.45 Dørene åbnes') is the programme's preamble."""
    lines: dict[int, tuple[str, tuple[str, int] | None]] = {}
    for i, b in enumerate(blocks):
        if b is title or i in heads or b.kind not in (BlockKind.paragraph, BlockKind.list_item):
            continue
        text = b.text.strip()
        if any(p.regex.match(text) for p in ITEM_PATTERNS):  # "1. Fodbold: ...": the numbered readers' line
            continue
        if _clock().match(text):
            lines[i] = (_untimed(clean(text)).rstrip(".: ").strip(), None)
            continue
        run = _outcome_line(text)
        if run is not None:
            lines[i] = (run[0], (run[1], b.text.find(run[1])))
    agenda = [i for i, (_, a) in heads.items() if a] + [i for i, (_, r) in lines.items() if r is not None]
    first = min(agenda, default=len(blocks))
    titles = {i: t for i, (t, a) in heads.items() if a} | {i: t for i, (t, _) in lines.items()}
    end = min((i for i, t in titles.items() if is_closing_title(t)), default=len(blocks))
    for i, (text, rest) in lines.items():
        if rest is None and i < first or not text or i > end:  # after "Eventuelt": awards ("Årets træner: X")
            continue
        heads[i] = (text, True)
        if rest is not None:
            rests[i] = rest


def _outcome_line(text: str) -> tuple[str, str] | None:
    """'Valg af dirigent: Ole Lund vælges.' -> ('Valg af dirigent', 'Ole Lund vælges.'): a
    short title before the colon (no label the extractors read, no person's name) and an
    outcome after it (a sentence, an outcome word, or 'Intet ...')."""
    colon = _TOPIC_COLON.search(text)
    if colon is None:
        return None
    head, value = clean(text[: colon.start()]), text[colon.end() :].strip()
    words = head.split()
    if (
        not words
        or not value
        or len(words) > MAX_RUN_IN_TITLE_WORDS
        or not words[0][:1].isupper()
        or any(ch.isdigit() for ch in head)
        or label_key(head) in field_labels()
        or starts_with_person(head)
        or not _agenda_phrase(head)
    ):
        return None
    lx = lexicon()
    first = value.split()[0].casefold().strip(".,:;")
    said = {w.casefold().strip(".,;:!") for w in value.split()}
    if (
        value.endswith((".", "!", "?"))
        or len(value.split()) >= SENTENCE_REST_MIN_WORDS
        or said & set(lx.outcome_openers)
        or first in lx.nothing_lines
        or has_outcome(value)
    ):
        return head, value
    return None


def _agenda_phrase(head: str) -> bool:
    """'Valg af dirigent', 'Eventuelt', 'Formandens beretning', 'Behandling af indkomne
    forslag': a head that names an agenda item (an election, the closing item, a report, or
    a verbal noun: the agenda noun endings), not a run-in of prose ('Siden sidste møde:',
    'Opsummering:')."""
    low = head.casefold()
    first = low.split()[0]
    lx = lexicon()
    return (
        any(low == e or low.startswith(e + " ") for e in lx.election_labels)
        or is_closing_title(head)
        or is_report_title(head)
        or first.endswith(tuple(lx.agenda_noun_suffixes))
    )


def _form_label(text: str, repeated: Counter[str] | None = None) -> bool:
    """A run-in label of a form, not an item: one repeated in entry after entry of a
    document without headed entries ('Aktivitet(er):' three times or more; in a logbook
    of dated headings a repeated topic such as 'Sensorenhed:' is an item each time), or a
    member's first name alone ('Bent:' before what Bent did)."""
    key = label_key(text)
    if repeated is not None and repeated[key] >= MIN_REPEATED_LABEL:
        return True
    return len(key.split()) == 1 and starts_with_person(clean(text).rstrip(":"))


def _entry_has_topics(heads: dict[int, tuple[str, bool]], i: int) -> bool:
    """The dated entry around block i has headed topics of its own: its bullets are their text."""
    starts = [j for j, (_, a) in heads.items() if not a]
    start = max((j for j in starts if j < i), default=-1)
    end = min((j for j in starts if j > i), default=len(heads) + i + 1)
    return any(a and start < j < end for j, (_, a) in heads.items())


def _topic_bullet(blocks: list[Block], i: int) -> str | None:
    """A short top-level bullet with bullets under it ('- Udkast til projektplan' / '  - ...'): a topic."""
    b = blocks[i]
    if b.kind != BlockKind.list_item or b.level > 1 or i + 1 >= len(blocks):
        return None
    nxt = blocks[i + 1]
    if nxt.kind != BlockKind.list_item or nxt.level <= b.level:
        return None
    t = clean(b.text).rstrip(":").strip()
    words = t.split()
    if (
        not words
        or len(words) > RUN_IN_MAX_WORDS
        or t[-1] in ".;,!?"
        or not t[0].isupper()
        or label_key(re.sub(r"\s*\([^()]*\)$", "", t)) in field_labels()  # "Til næste møde (fredag d. 3/10)"
        or _names_meeting(t)
    ):
        return None
    return t


def _names_meeting(text: str) -> bool:
    """'Vejledermøde:', 'Møde:': the kind of meeting an entry records, not a topic."""
    words = text.casefold().split()
    return bool(words) and any(
        words[-1].endswith(w) for w in lexicon().meeting_words if len(w) >= MIN_MEETING_WORD_CHARS
    )


def _is_bullet(b: Block) -> bool:
    return b.kind == BlockKind.list_item or b.kind == BlockKind.paragraph and bool(BULLET.match(b.text))


def _entry_has_agenda(blocks: list[Block], i: int, heads: dict[int, tuple[str, bool]]) -> bool:
    """A dated entry with its own 'Dagsorden': its entries are the items, its sub-headings fields."""
    for j in range(i + 1, len(blocks)):
        if j in heads and not heads[j][1]:
            return False
        if blocks[j].kind != BlockKind.list_item and is_agenda_label(clean(blocks[j].text)) is not None:
            return True
    return False
