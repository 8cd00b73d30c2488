"""Dagsorden-portal JSON exports: the record a municipal agenda portal serves
for one meeting, read as the text its page shows (GUIDE.md: a portal export is
annotated "from the text a reader sees on the portal page").

The shape (keys as the portal writes them; matched without regard to case):

    {"Udvalg": {"Navn": "Kultur- og Fritidsudvalget"},
     "Moede": {"Navn": "Dagsorden", "Dato": "2022-09-14T16:30:00+02:00", "Sted": "...",
               "Moededeltagere": [{"Name": "...", "Absent": false, "ParticipationCancelled": true}]},
     "Dagsordenpunkter": [{"Punktnummer": "1", "Navn": "Godkendelse af dagsorden",
                           "Felter": [{"Navn": "", "Html": "<div><h3>Beslutning</h3>..."}]}]}

What the page shows, in order: a title (committee and meeting name), the
meeting's date and place as "Label: value" lines, the participants and the
apologies; then per agenda item a heading "N. <Navn>" ("Lukket:" items keep
their prefix, it is part of the title) and each field: its name, when it has
one, as a sub-heading, and its HTML (escaped entities, \\r\\n line ends) as
the HTML reader renders a page: headings, paragraphs, list items, table rows.
A participant marked absent on one item only is shown under that item unless
the item's own text already names them.
"""

from __future__ import annotations

import html as htmlentities
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.ingest import html as html_reader
from pipeline.ingest.base import Limits, ReaderResult
from pipeline.ingest.text import decode, normalise
from pipeline.types import BlockKind, RawBlock

ITEMS_KEY = "dagsordenpunkter"  # the key that makes a JSON document a portal export
# The labels the portal page prints before its values (each one is a field or
# participant label of the lexicon, see tests/ingest/test_ingest_portal.py).
PAGE_LABELS = {
    "date": "Mødedato",
    "place": "Sted",
    "present": "Deltagere",
    "cancelled": "Afbud",
    "absent": "Fraværende",
}
# Where the portal keeps each value, first key found wins.
MEETING_DATE_KEYS = ("Dato", "MeetingBeginUtc", "MoedeDato", "Start")
MEETING_NAME_KEYS = ("Navn", "Name", "Titel")
PLACE_KEYS = ("Sted", "Location", "Lokation")
PARTICIPANT_KEYS = ("Moededeltagere", "Deltagere", "Participants")
ITEM_NUMBER_KEYS = ("Punktnummer", "Number", "Nummer")
ITEM_TITLE_KEYS = ("Navn", "Caption", "Titel")
FIELDS_KEY = ("Felter", "Fields")
FIELD_NAME_KEYS = ("Navn", "Name", "Overskrift")
FIELD_HTML_KEYS = ("Html", "HTML")
FIELD_TEXT_KEYS = ("Tekst", "Text")
ITEM_ATTENDEE_KEYS = ("ExternalAgendaItemAttendees", "Deltagere")
PERSON_NAME_KEYS = ("Name", "Navn")
# The style of an item heading: the export says exactly which blocks are agenda items.
ITEM_STYLE = "portal-item"
LOCAL_TZ = "Europe/Copenhagen"  # a meeting time given in UTC is shown in Danish time
ENTRY_LINE_TAGS = ("u", "b", "strong")  # see break_before_entry_lines
BLANK_LINE_END = re.compile(r"\n[ \t]*\n\s*$")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});")


def read(data: bytes, path: Path, limits: Limits) -> ReaderResult:
    export = load_export(data)
    blocks = title_blocks(export) + participant_blocks(get(export, "Moede") or {})
    for item in get(export, ITEMS_KEY) or []:
        if isinstance(item, dict):
            blocks += item_blocks(item)
    return ReaderResult(blocks=[b for b in blocks if b.text.strip()], reader="portal-json+lxml.html")


def load_export(data: bytes) -> dict:
    """The export's top-level object; a one-meeting list is accepted too."""
    try:
        obj = json.loads(decode(data)[0])
    except (ValueError, RecursionError) as e:
        raise ReadError(f"damaged JSON ({html_reader._first_line(e)})") from e
    if isinstance(obj, list) and len(obj) == 1:
        obj = obj[0]
    if not isinstance(obj, dict) or not isinstance(get(obj, ITEMS_KEY), list):
        raise ReadError("JSON that is not a dagsorden-portal export (no Dagsordenpunkter list of agenda items)")
    return obj


def get(obj: dict, *keys: str | tuple[str, ...]):
    """The value of the first of `keys` present (case-insensitive), else None."""
    flat = [k for key in keys for k in ((key,) if isinstance(key, str) else key)]
    lower = {k.casefold(): v for k, v in obj.items() if isinstance(k, str)}
    for k in flat:
        v = lower.get(k.casefold())
        if v not in (None, "", "None"):
            return v
    return None


def _str(value) -> str:
    return normalise(" ".join(str(value).split())) if value is not None else ""


def title_blocks(export: dict) -> list[RawBlock]:
    """'<committee> – <meeting name>', then the date and place lines."""
    committee = get(export, "Udvalg")
    meeting = get(export, "Moede") or {}
    committee_name = _str(get(committee, MEETING_NAME_KEYS)) if isinstance(committee, dict) else _str(committee)
    meeting_name = _str(get(meeting, MEETING_NAME_KEYS)) if isinstance(meeting, dict) else ""
    title = " – ".join(t for t in (committee_name, meeting_name) if t)
    blocks = [RawBlock(kind=BlockKind.title, text=title)] if title else []
    if not isinstance(meeting, dict):
        return blocks
    when = meeting_datetime(get(meeting, MEETING_DATE_KEYS))
    if when:
        blocks.append(_line(PAGE_LABELS["date"], when))
    place = _str(get(meeting, PLACE_KEYS))
    if place:
        blocks.append(_line(PAGE_LABELS["place"], place))
    return blocks


def meeting_datetime(value) -> str:
    """'2022-09-14T16:30:00+02:00' -> '14.09.2022 kl. 16.30' (the time as the portal
    gives it; a UTC time is turned into Danish time first). Unparsable: as given."""
    if not value:
        return ""
    text = str(value).strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return _str(text)
    offset = when.utcoffset()
    if offset is not None and offset.total_seconds() == 0:
        try:
            from zoneinfo import ZoneInfo

            when = when.astimezone(UTC).astimezone(ZoneInfo(LOCAL_TZ))
        except Exception:  # no tz database: keep the time as given  # noqa: BLE001
            pass
    day = when.strftime("%d.%m.%Y")
    return day if (when.hour, when.minute) == (0, 0) else f"{day} kl. {when:%H.%M}"


def participant_blocks(meeting: dict) -> list[RawBlock]:
    """'Deltagere: A, B' and 'Afbud: C' / 'Fraværende: D' from the meeting's participant list."""
    people = get(meeting, PARTICIPANT_KEYS) if isinstance(meeting, dict) else None
    groups: dict[str, list[str]] = {"present": [], "cancelled": [], "absent": []}
    for p in people if isinstance(people, list) else []:
        name = _str(get(p, PERSON_NAME_KEYS)) if isinstance(p, dict) else _str(p)
        if not name:
            continue
        if isinstance(p, dict) and _true(get(p, "ParticipationCancelled")):
            groups["cancelled"].append(name)
        elif isinstance(p, dict) and _true(get(p, "Absent")):
            groups["absent"].append(name)
        else:
            groups["present"].append(name)
    return [_line(PAGE_LABELS[k], ", ".join(names)) for k, names in groups.items() if names]


def _true(value) -> bool:
    return value is True or str(value).strip().casefold() == "true"


def item_blocks(item: dict) -> list[RawBlock]:
    number = _str(get(item, ITEM_NUMBER_KEYS))
    title = _str(get(item, ITEM_TITLE_KEYS))
    heading = f"{number}. {title}" if number and title else (title or number)
    blocks = [RawBlock(kind=BlockKind.heading, text=heading, level=1, style=ITEM_STYLE)] if heading else []
    body: list[RawBlock] = []
    fields = get(item, FIELDS_KEY)
    for field in fields if isinstance(fields, list) else []:
        if isinstance(field, dict):
            body += field_blocks(field)
    return blocks + item_attendee_blocks(item, body) + body


def field_blocks(field: dict) -> list[RawBlock]:
    """The field's name as a sub-heading (unless its HTML opens with it), then its content."""
    name = _str(get(field, FIELD_NAME_KEYS))
    markup = get(field, FIELD_HTML_KEYS)
    if isinstance(markup, str) and markup.strip():
        content = html_fragment_blocks(markup)
    else:
        text = get(field, FIELD_TEXT_KEYS)
        content = [
            RawBlock(kind=BlockKind.paragraph, text=line)
            for line in (_str(x) for x in normalise(str(text or "")).split("\n"))
            if line
        ]
    if name and not (content and content[0].text.casefold().strip(" :") == name.casefold()):
        content.insert(0, RawBlock(kind=BlockKind.heading, text=name, level=2))
    return content


def html_fragment_blocks(markup: str) -> list[RawBlock]:
    """One field's HTML as blocks, by the HTML reader's own walk (entities unescaped,
    \\r\\n line ends are spaces as in any page; a twice-escaped entity is unescaped too)."""
    from lxml import html

    text = normalise(markup)
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=False)
    try:
        root = html.document_fromstring(f"<html><body>{text}</body></html>", parser=parser)
    except Exception:  # an empty or unparsable fragment  # noqa: BLE001
        return []
    html_reader.strip_boilerplate(root)
    blockify_inline_wrappers(root)
    break_before_entry_lines(root)
    html_reader.prepare(root)
    blocks: list[RawBlock] = []
    body = root.find("body")
    html_reader._walk(body if body is not None else root, blocks, list_depth=0)
    out = []
    for b in blocks:
        if html_reader.CODE_LINE.match(b.text):
            continue
        if _ENTITY.search(b.text):
            unescaped = " ".join(normalise(htmlentities.unescape(b.text)).split())
            cells = [" ".join(normalise(htmlentities.unescape(c)).split()) for c in b.cells] if b.cells else None
            b = b.model_copy(update={"text": "\t".join(cells) if cells else unescaped, "cells": cells})
        out.append(b)
    return out


def blockify_inline_wrappers(root) -> None:
    """An inline element that wraps block content (the portal's <span> around a
    field's <p>, <h2> and <ol>) is laid out as a block, as a browser shows it: it
    becomes a <div>, so the HTML reader walks its children instead of reading
    them as one run of inline text."""
    for el in list(root.iter()):
        if (
            isinstance(el.tag, str)
            and el.tag not in html_reader.BREAKING_TAGS
            and el.tag != "br"
            and html_reader._has_blocks(el)
        ):
            el.tag = "div"


def break_before_entry_lines(root) -> None:
    """An emphasised run that ends its line (<u>12-09-2022 Økonomiudvalget</u><br>)
    and that the source starts on a line of its own, after a blank line, heads an
    entry (the portal's "Sagens forløb" lists each earlier meeting so): it starts
    a new line, not the end of the previous entry's last line ('Afbud: X')."""
    from lxml import etree

    for el in list(root.iter(*ENTRY_LINE_TAGS)):
        nxt = el.getnext()
        if nxt is None or nxt.tag != "br" or (el.tail or "").strip():
            continue
        prev = el.getprevious()
        before = (prev.tail if prev is not None else el.getparent().text) or ""
        if before.strip() and BLANK_LINE_END.search(before):
            el.addprevious(etree.Element("br"))


def item_attendee_blocks(item: dict, body: list[RawBlock]) -> list[RawBlock]:
    """Per-item absence ('Fraværende' on this item) that the item's text does not show already."""
    people = get(item, ITEM_ATTENDEE_KEYS)
    shown = " ".join(b.text for b in body).casefold()
    groups: dict[str, list[str]] = {}
    for p in people if isinstance(people, list) else []:
        if not isinstance(p, dict):
            continue
        name = _str(get(p, PERSON_NAME_KEYS))
        reason = _str(get(p, "Reason")) or PAGE_LABELS["absent"]
        if name and name.casefold() not in shown:
            groups.setdefault(reason, []).append(name)
    return [_line(reason, ", ".join(names)) for reason, names in groups.items()]


def _line(label: str, value: str) -> RawBlock:
    return RawBlock(kind=BlockKind.paragraph, text=f"{label}: {value}")
