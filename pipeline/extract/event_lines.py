"""What one line says about its dates, read on its own, for pipeline.extract.events: a run
of result lines ('U11 drenge - 3/5'), a page footer ('1/4'), a name line (a signature),
a date that leads a line or is fixed ('fastsat til 19. marts'), an entry head's name, the
sentence and the words after a date."""

from __future__ import annotations

import re
from datetime import timedelta

from pipeline.dates import DateMention
from pipeline.dates import lexicon as date_lexicon
from pipeline.extract.event_words import words
from pipeline.extract.names import _strip_role_prefix, looks_like_name
from pipeline.lexicon import lexicon
from pipeline.types import Block, BlockKind

_LEAD = re.compile(r"^[\s:–—\-,.]+|[\s:–—\-,]+$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9])")
_FOOTER = re.compile(r"^\s*(?P<n>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*$")  # "1/4": page 1 of 4
# "U11 drenge - 3/5": a short line ending in a fraction after a dash (a place among teams, a score)
_RESULT_LINE = re.compile(r"^\s*\S.{0,40}?\s[-–:]\s*(?P<n>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*$")
RESULT_RUN = 3  # so many result lines in a row, out of date order, are a table of results


def _result_runs(blocks: list[Block]) -> set[int]:
    """Indexes of the blocks of a table of results ('U11 drenge - 3/5', 'Serie 2 - 1/4'): a run
    of lines ending in a fraction that, read as day/month, would not run in date order."""
    out: set[int] = set()
    run: list[tuple[int, tuple[int, int]]] = []
    for k, text in enumerate([b.text for b in blocks] + [""]):  # "": the end closes the last run
        r = _RESULT_LINE.match(text)
        if r:
            run.append((k, (int(r["m"]), int(r["n"]))))
            continue
        keys = [key for _, key in run]
        if len(run) >= RESULT_RUN and keys != sorted(keys):
            out.update(i for i, _ in run)
        run = []
    return out


def _fixed(text: str, m: DateMention) -> bool:
    """'Næste møde blev fastsat til 19. marts', 'Skolefesten flyttes til 28/11': the cue 'til'
    after a verb that fixes or moves a date (a few words before it) names the day it happens."""
    before = [_bare(w) for w in text[: m.start].split()]
    return len(before) >= 2 and before[-1] == _bare(m.cue or "") and any(w in words().fixing for w in before[-5:-1])


def _fixes(text: str) -> bool:
    """A line with a verb that fixes or moves a date ('fastlagt', 'fastsatte', 'flyttes')."""
    return any(_bare(w) in words().fixing for w in text.split())


def _is_name_line(text: str) -> bool:
    """'Advokat Bo Lind', 'Rikke Holm': a line that is a person's name (a signature)."""
    core, _ = _strip_role_prefix(text.strip(" .,"))
    return len(core.split()) >= 2 and looks_like_name(core, strict=True)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _bare(word: str) -> str:
    return word.casefold().strip("\"'“”«».,:;()")


def _single_day(m: DateMention) -> bool:
    return m.range.precision == "day" and m.range.start == m.range.end


def _first_cell(b: Block) -> str:
    return b.cells[0] if b.kind == BlockKind.table_row and b.cells else b.text


def _field_led(text: str) -> bool:
    """'Dato: 12/5-16': a date field label leads the line."""
    label = text.split(":", 1)[0].strip().casefold() if ":" in text else ""
    return bool(label) and label in {f.casefold().rstrip(":") for f in lexicon().date_fields}


def _weekday_in(text: str, week: DateMention) -> DateMention | None:
    """'Tirsdag - Vejledermøde' under 'Logbog uge 37': that weekday of the week."""
    first = _bare(text.split()[0]) if text.split() else ""
    iso = date_lexicon().weekdays.get(first)
    if iso is None:
        return None
    day = week.range.start + timedelta(days=iso - 1)
    rng = week.range.model_copy(update={"start": day, "end": day, "precision": "day", "text": text.split()[0]})
    return DateMention(text=text.split()[0], start=0, end=len(text.split()[0]), range=rng, rule="week_day")


def _entry_name(text: str, m: DateMention) -> str:
    """The words of an entry head around its date: 'Gruppemøde d. 17-11' -> 'Gruppemøde'."""
    name = (text[: m.start] + " " + text[m.end :]).strip()
    name = re.sub(r"^[^:]{0,12}:\s*", "", name) if _field_led(text) else name
    return _LEAD.sub("", " ".join(name.split())).strip()


def _sentence(text: str, m: DateMention) -> str:
    start = max((x.end() for x in _SENTENCE_END.finditer(text, 0, m.start)), default=0)
    nxt = _SENTENCE_END.search(text, m.end)
    return text[start : nxt.start() if nxt else len(text)]


def _footer(text: str, m: DateMention, b: Block) -> bool:
    """'1/4' alone on page 1: a page number, not the 1st of April."""
    f = _FOOTER.match(text)
    return f is not None and int(f["n"]) <= int(f["m"]) and int(f["n"]) == b.page


def _leads(text: str, m: DateMention) -> bool:
    before = text[: m.start].casefold().replace("/", " ").replace("-", " ").split()
    leads = words().leads
    return all(w.strip(".,:") in leads or w in leads for w in before)


def _after(text: str, m: DateMention) -> str:
    rest = text[m.end :]
    rest = re.sub(r"^\s*(?:kl\.?\s*[\d.:]+(?:\s*[-–]\s*[\d.:]+)?)", "", rest)
    return _LEAD.sub("", rest).strip()
