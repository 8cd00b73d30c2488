"""Events by class of layout: logbooks (dated entry headings, week + weekday headings,
"Dato:" cells), past happenings in a report, and what is not an event (page footers,
signatures, e-signature timestamps, document and as-of dates, long periods, weeks
without a happening). Every document here is synthetic."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.dates import date_in_name, find_dates, holiday_span
from pipeline.extract.events import collect_events
from pipeline.segment import segment
from pipeline.types import BlockKind, RawBlock, SourceDocument

H, P, T = BlockKind.heading, BlockKind.paragraph, BlockKind.table_row


def _events(blocks: list[tuple], meeting: date | None, ref: date | None = None) -> dict[str, str]:
    raw = []
    for spec in blocks:
        kind, text, *rest = spec
        level = rest[0] if rest else (1 if kind == H else 0)
        page = rest[1] if len(rest) > 1 else 1
        cells = text.split("\t") if kind == T else None
        raw.append(RawBlock(kind=kind, text=text, level=level, page=page, cells=cells))
    doc = SourceDocument.from_blocks(raw, doc_id="0" * 64, path="x.txt", name="x.txt", format="txt", reader="test")
    seg = segment(doc.blocks)
    events, _ = collect_events(seg.items, seg.header, doc.doc_id, meeting, ref or meeting)
    out: dict[str, str] = {}
    for e in events:
        out.setdefault(e.date.isoformat(), e.text)
    return out


# ---------------------------------------------------------------- logbooks


def test_logbook_dated_headings_are_past_meetings_and_the_latest_is_the_meeting():
    blocks = [
        (H, "Uge 9", 1),
        (H, "03/03", 2),
        (P, "Teamleder: Karl"),
        (H, "27/02", 2),
        (P, "Vi byggede rammen."),
        (H, "Uge 8", 1),
        (H, "Onsdag d. 19/02", 2),
        (P, "Mødt: alle"),
        (H, "18/02", 2),
        (P, "Opstart."),
    ]
    got = _events(blocks, None, date(2025, 3, 3))
    assert set(got) == {"2025-02-27", "2025-02-19", "2025-02-18"}  # 3/3, the newest entry, is the meeting


def test_logbook_week_and_weekday_headings_give_the_day():
    blocks = [
        (H, "Projektdagbog uge 40", 2),
        (H, "Tirsdag - Vejledermøde", 3),
        (P, "Sted: lokale 12"),
        (H, "Torsdag - Projektarbejde", 3),
        (P, "Vi skrev analysen."),
        (H, "Projektdagbog uge 41", 2),
        (H, "Tirsdag - Vejledermøde", 3),
        (P, "Aflyst pga. sygdom"),
        (H, "Tirsdag - Projektarbejde", 3),
        (P, "Vi testede."),
        (H, "Projektdagbog uge 42", 2),
        (H, "Mandag", 3),
        (P, "Sidste møde."),
    ]
    got = _events(blocks, None, date(2024, 10, 14))
    assert got == {"2024-10-01": "Vejledermøde", "2024-10-03": "Projektarbejde", "2024-10-08": "Projektarbejde"}


def test_logbook_two_entries_on_one_day_are_two_events():
    blocks = [
        (T, "Dato: 3/4-19\tDeltagere: Ida, Bo"),
        (P, "Skitse af printet."),
        (T, "Dato: 4/4-19\tDeltagere: Ida"),
        (P, "Lodning."),
        (T, "Dato: 4/4-19\tDeltagere: Bo, Lea"),
        (P, "Måling."),
        (T, "Dato: 8/4-19\tDeltagere: alle"),
        (P, "Afslutning."),
    ]
    raw_dates = []
    raw = [RawBlock(kind=k, text=t, cells=t.split("\t") if k == T else None) for k, t in blocks]
    doc = SourceDocument.from_blocks(raw, doc_id="0" * 64, path="x.txt", name="x.txt", format="txt", reader="t")
    seg = segment(doc.blocks)
    events, _ = collect_events(seg.items, seg.header, doc.doc_id, None, date(2019, 4, 8))
    raw_dates = sorted(e.date.isoformat() for e in events)
    assert raw_dates == ["2019-04-03", "2019-04-04", "2019-04-04"]


# ---------------------------------------------------------------- not events


@pytest.mark.parametrize(
    "text",
    [
        "Forslaget følger indstilling af 3. februar fra forvaltningen.",
        "Se Bilag 2 af 12.3.2024 om budgettet.",
        "Beretning for Petanque og Kroket den 04.03.2024",
        "Loven om lejeboliger trådte i kraft den 1. januar 2024.",
        "Regnskabet for perioden fra 1. august til 31. december 2023 blev fremlagt.",
        "Saldo pr. 31.12.2023: 12.000 kr.",
        "Forslag skal være bestyrelsen i hænde senest den 15. februar.",
        "Efter 15. juni må fælleshuset igen lejes ud.",
        "Mødet den 20. marts er aflyst.",
        "Odense 29. april 2024 Rikke Holm",
        "2024-04-30 09:12:44 UTC",
    ],
)
def test_not_events(text):
    assert _events([(P, "Referat af bestyrelsesmøde 10. april 2024"), (P, text)], date(2024, 4, 10)) == {}


def test_page_footer_is_not_a_date():
    blocks = [
        (P, "Referat af bestyrelsesmøde 10. april 2024"),
        (P, "Vi talte om haven.", 0, 1),
        (P, "1/3", 0, 1),
        (P, "Vi talte om taget.", 0, 2),
        (P, "2/3", 0, 2),
    ]
    assert _events(blocks, date(2024, 4, 10)) == {}


def test_a_week_is_an_event_only_when_a_happening_is_held_in_it():
    got = _events(
        [
            (P, "Referat af bestyrelsesmøde 10. april 2024"),
            (P, "Sommerlejren afholdes i uge 28."),
            (P, "Fodboldskolen har plads til 60 børn i uge 30."),
        ],
        date(2024, 4, 10),
    )
    assert list(got) == ["2024-07-08"]


def test_the_meetings_own_date_is_not_an_event_in_a_calendar_line_either():
    got = _events(
        [
            (P, "Generalforsamling onsdag den 13. marts 2024"),
            (P, "Dato: 13. marts 2024 kl. 19"),
            (P, "Næste møde: 4. april 2024"),
        ],
        date(2024, 3, 13),
    )
    assert list(got) == ["2024-04-04"]


# ---------------------------------------------------------------- years and forms


def test_a_yearless_date_told_in_the_past_lies_before_the_meeting():
    got = _events(
        [
            (P, "Referat af generalforsamling 20. marts 2024"),
            (P, "Den 12. oktober arrangerede vi klubbens høstfest med 80 gæster."),
            (P, "5/9 var vi hjælpere ved byløbet."),
            (P, "Bestyrelsen besluttede at holde sommerfest den 24. august."),
        ],
        date(2024, 3, 20),
    )
    assert set(got) == {"2023-10-12", "2023-09-05", "2024-08-24"}


@pytest.mark.parametrize(
    "text,iso",
    [
        ("Sommerfesten holdes 2024.06.15", "2024-06-15"),
        ("Arbejdsdag d. 21/4 - 24 i haven", "2024-04-21"),
        ("Gruppemøde d. 17-4 i kælderen", "2024-04-17"),
        ("Næste møde torsdag d 2 kl 19", "2024-05-02"),
        ("Vi mødtes med kommunen på et møde den 7.juni 23. Det gik godt.", "2023-06-07"),
    ],
)
def test_date_forms_of_real_minutes(text, iso):
    got = _events([(P, "Referat af bestyrelsesmøde 10. april 2024"), (P, text)], date(2024, 4, 10))
    assert iso in got


def test_holidays_follow_the_guide():
    assert holiday_span("summer", 2024) == (date(2024, 6, 29), date(2024, 8, 11))
    assert holiday_span("easter", 2025) == (date(2025, 4, 17), date(2025, 4, 21))
    assert holiday_span("week:42", 2024) == (date(2024, 10, 14), date(2024, 10, 20))
    assert find_dates("inden juleferien", date(2024, 9, 1))[0].range.end == date(2025, 1, 1)


@pytest.mark.parametrize(
    "name,expected",
    [
        ("bestyrelse_2024-05-07.pdf", date(2024, 5, 7)),
        ("referat_070524.docx", date(2024, 5, 7)),
        ("gf20240507.pdf", date(2024, 5, 7)),
        ("referat 2024.pdf", None),
        ("sag 123456789.pdf", None),
    ],
)
def test_date_in_file_name(name, expected):
    assert date_in_name(name) == expected
