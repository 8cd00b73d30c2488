"""The Danish date grammar: a table of cases per named rule, negatives, cues,
year inference, the lexicon's integrity, the seeds' gold dates, properties."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import (
    GRAMMAR,
    LEXICON,
    PAST_WINDOW,
    YEAR,
    DateLexicon,
    find_dates,
    lexicon,
    parse_date,
    resolve_year,
)

R20, R22, R23 = date(2020, 9, 17), date(2022, 1, 14), date(2023, 3, 3)  # the seeds' meeting dates, and one more
REPO = Path(__file__).resolve().parents[1]
SEED_TEXT = REPO / "data" / "raw"  # the seeds ship with the repo: no ../shared needed
SEED_GOLD = REPO / "tests" / "data" / "expected"


class Case(NamedTuple):
    text: str
    ref: date
    rule: str  # the GRAMMAR rule expected to read it
    matched: str  # the first mention's text
    start: str
    end: str
    precision: str = "day"


CASES = [
    Case("2022-01-14", R22, "iso", "2022-01-14", "2022-01-14", "2022-01-14"),
    Case("dato 2021-12-31.", R22, "iso", "2021-12-31", "2021-12-31", "2021-12-31"),
    Case("14.01.2022", R22, "numeric", "14.01.2022", "2022-01-14", "2022-01-14"),
    Case("14-01-2022", R22, "numeric", "14-01-2022", "2022-01-14", "2022-01-14"),
    Case("14/1-22", R22, "numeric", "14/1-22", "2022-01-14", "2022-01-14"),
    Case("Dato: 12.10.2023", R22, "numeric", "12.10.2023", "2023-10-12", "2023-10-12"),
    Case("03.04.12", R22, "numeric", "03.04.12", "2012-04-03", "2012-04-03"),
    Case("mødet 1.2.2022 kl. 9", R22, "numeric", "1.2.2022", "2022-02-01", "2022-02-01"),
    Case("2/2 2022", R22, "slash_year", "2/2 2022", "2022-02-02", "2022-02-02"),
    Case("2/2-2022", R22, "numeric", "2/2-2022", "2022-02-02", "2022-02-02"),
    Case("17/3\t2022\tKommunalpolitisk Topmøde", R22, "slash_year", "17/3\t2022", "2022-03-17", "2022-03-17"),
    Case("29/2 2024", R22, "slash_year", "29/2 2024", "2024-02-29", "2024-02-29"),
    Case(
        "Torsdag/fredag 6-7. maj: Generalforsamling",
        R20,
        "day_range",
        "Torsdag/fredag 6-7. maj",
        "2021-05-06",
        "2021-05-07",
    ),
    Case("kvalitetsmesse om kommunal ledelse 7-9. marts", R22, "day_range", "7-9. marts", "2022-03-07", "2022-03-09"),
    Case("7.–9. marts", R22, "day_range", "7.–9. marts", "2022-03-07", "2022-03-09"),
    Case("fra 7. til 9. marts", R22, "day_range", "fra 7. til 9. marts", "2022-03-07", "2022-03-09"),
    Case(
        "fra den 7. til og med den 9. marts",
        R22,
        "day_range",
        "fra den 7. til og med den 9. marts",
        "2022-03-07",
        "2022-03-09",
    ),
    Case("30. marts - 2. april 2022", R22, "day_range", "30. marts - 2. april 2022", "2022-03-30", "2022-04-02"),
    Case("28. december - 3. januar", R20, "day_range", "28. december - 3. januar", "2020-12-28", "2021-01-03"),
    Case("17. september 2020", R20, "day_month", "17. september 2020", "2020-09-17", "2020-09-17"),
    Case("14. januar 2022", R22, "day_month", "14. januar 2022", "2022-01-14", "2022-01-14"),
    Case("d. 3. marts", R22, "day_month", "d. 3. marts", "2022-03-03", "2022-03-03"),
    Case(
        "Formanden mindede om webinaret den 19. oktober",
        R20,
        "day_month",
        "den 19. oktober",
        "2020-10-19",
        "2020-10-19",
    ),
    Case(
        "Tirsdag 29. september: Fællesmøde med KL",
        R20,
        "day_month",
        "Tirsdag 29. september",
        "2020-09-29",
        "2020-09-29",
    ),
    Case("14. januar", R20, "day_month", "14. januar", "2021-01-14", "2021-01-14"),  # > 4 months back: next year
    Case("møde den 11. januar", R22, "day_month", "den 11. januar", "2022-01-11", "2022-01-11"),
    Case("sessionen den 9. marts", R22, "day_month", "den 9. marts", "2022-03-09", "2022-03-09"),
    Case("1. april 2023 kl. 10", R22, "day_month", "1. april 2023", "2023-04-01", "2023-04-01"),
    Case("senest 1. april", R23, "day_month", "1. april", "2023-04-01", "2023-04-01"),
    Case("3. sept. 2021", R22, "day_month", "3. sept. 2021", "2021-09-03", "2021-09-03"),
    Case("9. febr.", R22, "day_month", "9. febr.", "2022-02-09", "2022-02-09"),
    Case("4 marts 2022", R22, "day_month", "4 marts 2022", "2022-03-04", "2022-03-04"),
    Case(
        "mandag d. 3. oktober 2022 kl. 16.00-18.00",
        R22,
        "day_month",
        "mandag d. 3. oktober 2022",
        "2022-10-03",
        "2022-10-03",
    ),
    Case("Onsdag 19. maj", R20, "day_month", "Onsdag 19. maj", "2021-05-19", "2021-05-19"),  # the weekday decides
    Case("Tirsdag 19. maj", R20, "day_month", "Tirsdag 19. maj", "2020-05-19", "2020-05-19"),
    Case("rykkes årsmødet til 20/5.", R22, "slash", "20/5", "2022-05-20", "2022-05-20"),
    Case("Generalforsamling d. 21/4 - 17", R22, "slash_short_year", "d. 21/4 - 17", "2017-04-21", "2017-04-21"),
    Case("Gruppemøde d. 17-11", R22, "day_dash", "d. 17-11", "2021-11-17", "2021-11-17"),
    Case("Næste møde torsdag d 2 kl 19", R22, "weekday_day", "torsdag d 2", "2022-06-02", "2022-06-02"),
    Case("Sommerfesten 2024.05.07", R22, "iso", "2024.05.07", "2024-05-07", "2024-05-07"),
    Case("inden sommerferien", R22, "holiday", "sommerferien", "2022-06-25", "2022-08-14", "period"),
    Case("efter påsken 2024", R22, "holiday", "påsken 2024", "2024-03-28", "2024-04-01", "period"),
    Case("før efterårsferien", R22, "holiday", "efterårsferien", "2022-10-17", "2022-10-23", "period"),
    Case("Julestævne 3. juledag", R22, "period", "3. juledag", "2022-12-27", "2022-12-27"),
    Case("på et møde den 7.juni 23. Bestyrelsen", R22, "day_month", "den 7.juni 23", "2023-06-07", "2023-06-07"),
    Case("onsdag den 11. december kl. 1930", R20, "day_month", "onsdag den 11. december", "2019-12-11", "2019-12-11"),
    Case("Tirs. 29/9: Fællesmøde", R20, "slash", "Tirs. 29/9", "2020-09-29", "2020-09-29"),
    Case("En fokusgruppe mødes i uge 3", R22, "week", "uge 3", "2022-01-17", "2022-01-23", "week"),
    Case("uge 47 2023", R22, "week", "uge 47 2023", "2023-11-20", "2023-11-26", "week"),
    Case("inden uge 47", R22, "week", "uge 47", "2022-11-21", "2022-11-27", "week"),  # a deadline lies ahead
    Case("uge 52", R22, "week", "uge 52", "2021-12-27", "2022-01-02", "week"),
    Case("uge 3-4", R22, "week", "uge 3-4", "2022-01-17", "2022-01-30", "week"),
    Case("uge 53 2020", R22, "week", "uge 53 2020", "2020-12-28", "2021-01-03", "week"),
    Case("sat til primo marts", R22, "month_part", "primo marts", "2022-03-01", "2022-03-10", "period"),
    Case("medio marts", R22, "month_part", "medio marts", "2022-03-11", "2022-03-20", "period"),
    Case("ultimo marts", R22, "month_part", "ultimo marts", "2022-03-21", "2022-03-31", "period"),
    Case("ultimo februar", R22, "month_part", "ultimo februar", "2022-02-21", "2022-02-28", "period"),
    Case("primo marts 2024", R22, "month_part", "primo marts 2024", "2024-03-01", "2024-03-10", "period"),
    Case("inden udgangen af marts", R23, "month_part", "udgangen af marts", "2023-03-31", "2023-03-31"),
    Case("i løbet af maj", R22, "month_part", "i løbet af maj", "2022-05-01", "2022-05-31", "month"),
    Case("i løbet af 2023", R22, "year_part", "i løbet af 2023", "2023-01-01", "2023-12-31", "year"),
    Case("inden udgangen af 2023", R22, "year_part", "udgangen af 2023", "2023-12-31", "2023-12-31"),
    Case("primo 2023", R22, "year_part", "primo 2023", "2023-01-01", "2023-04-30", "period"),
    Case("ultimo 2022", R22, "year_part", "ultimo 2022", "2022-09-01", "2022-12-31", "period"),
    Case("marts 2023", R22, "month_year", "marts 2023", "2023-03-01", "2023-03-31", "month"),
    Case("Spørgeskema blev udsendt i december", R22, "month", "december", "2021-12-01", "2021-12-31", "month"),
    Case("i december", R20, "month", "december", "2020-12-01", "2020-12-31", "month"),
    Case("inden marts", R22, "month", "marts", "2022-03-01", "2022-03-31", "month"),
    Case("i marts 2023", R22, "month", "marts 2023", "2023-03-01", "2023-03-31", "month"),
    Case(
        "vender tilbage i løbet af efteråret",
        R20,
        "period",
        "i løbet af efteråret",
        "2020-09-01",
        "2020-11-30",
        "period",
    ),
    Case(
        "genoptage arbejdet i løbet af efteråret/foråret",
        R20,
        "period",
        "i løbet af efteråret/foråret",
        "2020-09-01",
        "2020-11-30",
        "period",
    ),
    Case("præsenteres i forsommeren 2021", R20, "period", "forsommeren 2021", "2021-05-01", "2021-06-30", "period"),
    Case("interviews i løbet af foråret", R22, "period", "i løbet af foråret", "2022-03-01", "2022-05-31", "period"),
    Case("foråret", R20, "period", "foråret", "2021-03-01", "2021-05-31", "period"),
    Case("sommeren", R22, "period", "sommeren", "2022-06-01", "2022-08-31", "period"),
    Case("sensommeren", R22, "period", "sensommeren", "2022-08-01", "2022-09-30", "period"),
    Case("efteråret", R22, "period", "efteråret", "2022-09-01", "2022-11-30", "period"),
    Case("vinteren", R22, "period", "vinteren", "2021-12-01", "2022-02-28", "period"),  # we are in it
    Case("vinteren", R20, "period", "vinteren", "2020-12-01", "2021-02-28", "period"),
    Case(
        "strategi (forventes første halvår 2022)",
        R22,
        "period",
        "første halvår 2022",
        "2022-01-01",
        "2022-06-30",
        "period",
    ),
    Case("andet halvår", R22, "period", "andet halvår", "2022-07-01", "2022-12-31", "period"),
    Case("1. kvartal 2023", R22, "period", "1. kvartal 2023", "2023-01-01", "2023-03-31", "period"),
    Case("Q3", R22, "period", "Q3", "2022-07-01", "2022-09-30", "period"),
    Case("omkring årsskiftet", R20, "period", "årsskiftet", "2020-12-15", "2021-01-15", "period"),
    Case("efterårets møder", R22, "period", "efterårets", "2022-09-01", "2022-11-30", "period"),
    Case("til sommer", R22, "bare_period", "sommer", "2022-06-01", "2022-08-31", "period"),
    Case("inden jul", R20, "bare_period", "jul", "2020-12-24", "2020-12-26", "period"),
    Case("næste forår", R20, "bare_period", "forår", "2021-03-01", "2021-05-31", "period"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}:{c.text}" for c in CASES])
def test_grammar(case: Case):
    found = find_dates(case.text, case.ref)
    assert found, case.text
    m = found[0]
    got = (m.rule, m.text, m.range.start.isoformat(), m.range.end.isoformat(), m.range.precision)
    assert got == (case.rule, case.matched, case.start, case.end, case.precision)
    assert case.text[m.start : m.end] == m.text == m.range.text


def test_every_rule_has_cases():
    assert {c.rule for c in CASES} == {r.name for r in GRAMMAR}
    assert len({r.name for r in GRAMMAR}) == len(GRAMMAR)


NOT_DATES = [
    "HB peger på 2 kandidater.",
    "en svarrate på ca. 75%",
    "de 91 andre kommuner",
    "4 danske sessions",
    "1. Meddelelser",
    "6. Større arrangementer 2022",
    "Ledelsesaftalen, der udløber i 2022",
    "budget 2023",
    "kl. 10.30",
    "kl. 10.30-12.00",
    "3/4 af medlemmerne",
    "2/3 flertal",
    "3/4-dels flertal",
    "1/2 time",
    "24/7",
    "CPR 010190-1234",
    "tlf. 12 34 56 78",
    "+45 33 12 34 56",
    "31/2",
    "32. marts",
    "0. maj",
    "2022-13-01",
    "KL/KOMDIR",
    "version 3.4.12",
    "1.000.000 kr.",
    "sag 2021/12",
    "journalnr. 12/3456",
    "§ 17, stk. 4",
    "marts",
    "Anne Sommer",
    "til Maj Jensen",
    "god jul",
    "sommerhus",
    "uge",
    "uge 53",
    "29. februar",
    "7. Mødekalender",
    "2. INDSATSOMRÅDE: Et styrket lokaldemokrati",
    "Sagsnr.: 05.01.08-P20-1-24",
    "05.13.00-P22-3-23",
    "J.nr. 12.03.2024",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str):
    assert find_dates(text, R22) == []


@pytest.mark.parametrize(
    "text,cue",
    [
        ("inden uge 47", "inden"),
        ("senest 1. april", "senest"),
        ("senest den 1. april", "senest"),
        ("i løbet af efteråret", "i løbet af"),
        ("Frist: 3. maj", "frist"),
        ("Deadline: 3/5", "deadline"),
        ("rykkes til 20/5", "til"),
        ("fra 7. til 9. marts", "fra"),
        ("inden udgangen af marts", "inden"),
        ("møde 3. maj", None),
        ("invitation til KOMDIRs webinar 19. oktober", None),
    ],
)
def test_cues(text: str, cue: Optional[str]):
    assert find_dates(text, R23)[0].cue == cue


def test_several_mentions_in_order_and_apart():
    text = "Mødet 2/2 2022, derefter 7-9. marts og i løbet af foråret; frist uge 12."
    found = find_dates(text, R22)
    assert [m.text for m in found] == ["2/2 2022", "7-9. marts", "i løbet af foråret", "uge 12"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert found[-1].cue == "frist"


def test_default_year_from_a_calendar_heading():
    assert find_dates("Torsdag 14. januar: HB-møde", R20, default_year=2021)[0].range.start == date(2021, 1, 14)
    assert find_dates("foråret", R22, default_year=2024)[0].range.start == date(2024, 3, 1)
    assert find_dates("uge 3", R22, default_year=2024)[0].range.start == date(2024, 1, 15)
    assert find_dates("14. januar 2022", R20, default_year=2021)[0].range.start == date(2022, 1, 14)  # written wins


def test_parse_date():
    assert parse_date("2/2", R22, default_year=2023).start == date(2023, 2, 2)
    assert parse_date(" 20/5 ", R22).start == date(2022, 5, 20)
    assert parse_date("3. marts 2023 kl. 19", R22).start == date(2023, 3, 3)
    assert parse_date("ingen dato", R22) is None
    assert parse_date("", R22) is None


@pytest.mark.parametrize("text,expected", [("marts 3, 2023", date(2023, 3, 3)), ("3-mar-2023", date(2023, 3, 3))])
def test_parse_date_falls_back_to_dateparser(text: str, expected: date):
    assert not find_dates(text, R22)
    assert parse_date(text, R22).start == expected


@pytest.mark.parametrize(
    "month,day,ref,year",
    [
        (1, 14, R20, 2021),
        (10, 19, R20, 2020),
        (5, 19, R20, 2020),
        (5, 17, R20, 2021),  # window starts 18 May
        (1, 11, R22, 2022),
        (3, 9, R22, 2022),
        (5, 20, R22, 2022),
        (9, 13, R22, 2022),
        (12, 5, R22, 2021),
    ],
)
def test_resolve_year(month: int, day: int, ref: date, year: int):
    assert resolve_year(month, day, ref) == year


# ------------------------------------------------------------------ the seeds


def _gold(name: str) -> dict:
    return json.loads((SEED_GOLD / name).read_text(encoding="utf-8"))


SEEDS = [("komdir_hb_2020-09-17_dagsorden", R20), ("komdir_hb_2022-01-14_referat", R22)]


@pytest.mark.parametrize("stem,ref", SEEDS)
def test_seed_gold_dates_are_read(stem: str, ref: date):
    """Every gold event date and due date of the seeds is a mention of the seed text."""
    text = (SEED_TEXT / f"{stem}.txt").read_text(encoding="utf-8").replace("\t", " ")
    gold = _gold(f"{stem}.json")
    spans = {(m.range.start.isoformat(), m.range.end.isoformat()) for m in find_dates(text, ref)}
    for e in gold["events"]:
        assert (e["date"], e.get("end", e["date"])) in spans, e
    dues = [s["due"] for s in gold["decisions"] + gold["actions"] if s.get("due")]
    mentions = {(m.text, m.range.start.isoformat(), m.range.end.isoformat()) for m in find_dates(text, ref)}
    for due in dues:
        assert (due["text"], due["start"], due["end"]) in mentions, due


def test_seed_mentions():
    text = (SEED_TEXT / "komdir_hb_2020-09-17_dagsorden.txt").read_text(encoding="utf-8")
    assert [m.text for m in find_dates(text, R20)] == [
        "17. september 2020",
        "19. oktober",
        "den 19. oktober",
        "i løbet af efteråret/foråret",
        "forsommeren 2021",
        "29. september 2020",
        "Tirsdag 29. september",
        "Tirsdag 17. november",
        "Torsdag 14. januar",
        "Onsdag 5. maj",
        "Torsdag/fredag 6-7. maj",
        "i løbet af efteråret",
    ]


# ------------------------------------------------------------------ the lexicon


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys: {sorted(k for k in keys if keys.count(k) > 1)}"
    return dict(pairs)


def test_lexicon_parses_without_duplicate_keys():
    raw = json.loads(LEXICON.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)
    DateLexicon.model_validate(raw)


def test_lexicon_months_and_weekdays():
    lx = lexicon()
    assert sorted(lx.months.values()) == list(range(1, 13))
    assert sorted(lx.weekdays.values()) == list(range(1, 8))
    full = {n: w for w, n in lx.months.items()}
    for abbr, n in lx.month_abbreviations.items():
        assert full[n].startswith(abbr) and abbr != full[n], abbr
    days = {n: w for w, n in lx.weekdays.items()}
    for abbr, n in lx.weekday_abbreviations.items():
        assert days[n].startswith(abbr), abbr


def _valid_span(span) -> bool:
    (m1, d1), (m2, d2) = span
    for year in (2023, 2024):  # a common and a leap year
        end_year = year + 1 if m2 < m1 else year
        start = date(year, m1, d1 if d1 > 0 else 28)
        end = date(end_year, m2, d2 if d2 > 0 else 28)
        if not start <= end < start + timedelta(days=366):
            return False
    return True


def test_lexicon_ranges_are_valid():
    lx = lexicon()
    for name, span in {**lx.periods, **lx.bare_periods, **lx.year_parts}.items():
        assert _valid_span(span), name
    for name, (first, last) in lx.month_parts.items():
        assert first == -1 or 1 <= first <= 28, name
        assert last == -1 or first <= last <= 31, name


def test_lexicon_bare_periods_mirror_definite_ones():
    lx = lexicon()
    for bare, span in lx.bare_periods.items():
        assert any(k.startswith(bare) and v == span for k, v in lx.periods.items()), bare


def test_lexicon_agrees_with_the_guide():
    lx = lexicon()
    assert (lx.month_parts["primo"], lx.month_parts["medio"], lx.month_parts["ultimo"]) == ((1, 10), (11, 20), (21, -1))
    guide = {
        "foråret": ((3, 1), (5, -1)),
        "forsommeren": ((5, 1), (6, -1)),
        "sommeren": ((6, 1), (8, -1)),
        "efteråret": ((9, 1), (11, -1)),
        "vinteren": ((12, 1), (2, -1)),
        "første halvår": ((1, 1), (6, -1)),
    }
    assert {k: lx.periods[k] for k in guide} == guide


def test_lexicon_words_are_lowercase_unique_and_unambiguous():
    lx = lexicon()
    lists = {
        "day_prefixes": lx.day_prefixes,
        "range_from": lx.range_from,
        "range_to": lx.range_to,
        "week_words": lx.week_words,
        "leads": lx.leads,
        "period_prepositions": lx.period_prepositions,
        "cues": lx.cues,
        "deadline_cues": lx.deadline_cues,
        "fraction_words": lx.fraction_words,
    }
    for name, words in {
        **lists,
        "months": lx.months,
        "periods": lx.periods,
        "bare_periods": lx.bare_periods,
        "month_parts": lx.month_parts,
        "year_parts": lx.year_parts,
    }.items():
        assert all(w == " ".join(w.casefold().split()) for w in words), name
        assert len(list(words)) == len(set(words)), name
    assert set(lx.deadline_cues) <= set(lx.cues) and set(lx.leads) <= set(lx.cues)
    sections = [lx.months, lx.month_abbreviations, lx.periods, lx.bare_periods, lx.weekdays]
    seen: set[str] = set()
    for section in sections:
        assert not (seen & set(section)) - {"jul"}, seen & set(section)  # "3. jul" is July, "inden jul" Christmas
        seen |= set(section)


# ------------------------------------------------------------------ properties and speed

MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def _written(d: date) -> list[str]:
    month = MONTHS[d.month - 1]
    return [
        f"{d.day}. {month} {d.year}",
        f"{d.day}/{d.month} {d.year}",
        d.isoformat(),
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"den {d.day}. {month} {d.year}",
        f"{WEEKDAYS[d.weekday()]} {d.day}. {month} {d.year}",
    ] + [f"{d.day}. {abbr}. {d.year}" for abbr, n in lexicon().month_abbreviations.items() if n == d.month]


@settings(max_examples=200, deadline=None)
@given(DATES, DATES)
def test_round_trip(d: date, ref: date):
    for text in _written(d):
        found = find_dates(f"Mødet holdes {text}.", ref)
        assert found and found[0].text == text and found[0].range.start == found[0].range.end == d, text
        assert parse_date(text, ref).start == d, text


@settings(max_examples=200, deadline=None)
@given(DATES, DATES)
def test_yearless_dates_land_in_the_window(d: date, ref: date):
    if (d.month, d.day) == (2, 29):
        return
    found = find_dates(f"mødet den {d.day}. {MONTHS[d.month - 1]}", ref)
    got = found[0].range.start
    assert (got.month, got.day) == (d.month, d.day)
    assert ref - PAST_WINDOW - timedelta(days=3) <= got < ref - PAST_WINDOW + YEAR + timedelta(days=3)


@settings(max_examples=40, deadline=None)
@given(DATES)
def test_dateparser_agrees_on_full_dates(d: date):
    """dateparser as an independent oracle for 'D. <month> YYYY'."""
    import dateparser

    text = f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    assert dateparser.parse(text, languages=["da"]).date() == d == find_dates(text, R22)[0].range.start


TOKENS = (
    MONTHS
    + WEEKDAYS
    + list(lexicon().periods)
    + list(lexicon().month_parts)
    + list(lexicon().cues)
    + [
        "uge",
        "den",
        "d.",
        "kl.",
        "/",
        "-",
        "–",
        ".",
        ",",
        ":",
        "\n",
        "2022",
        "22",
        "1",
        "7",
        "13",
        "29",
        "31",
        "53",
        "99",
        "0",
        "1.",
        "2/2",
        "20/5",
        "31/2",
        "9-7.",
        "Q1",
        "af",
        "del",
        "jul",
        "Maj",
        "æøå",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join),
        st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
    ),
    DATES,
    st.one_of(st.none(), st.integers(1900, 2099)),
)
def test_never_raises_and_spans_hold(text: str, ref: date, default_year: Optional[int]):
    found = find_dates(text, ref, default_year=default_year)
    for m in found:
        assert text[m.start : m.end] == m.text == m.range.text
        assert m.range.start <= m.range.end
        assert m.range.end - m.range.start < timedelta(days=400)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "text",
    [
        "1. 2. 3. 4. 5. " * 2000,  # a run of numbered items: every number could start a date
        "7-9-11-13-15-17-19-21-23-25 " * 500,  # dash chains: ranges inside ranges
        "uge " * 5000,
        "primo medio ultimo " * 2000 + "marts",
        "12/" * 5000,
        "den 3. i den 4. i den 5. " * 1000,
    ],
)
def test_pathological_text_does_not_hang_the_grammar(text):
    """Guards against catastrophic backtracking: repetitive text full of partial
    dates is read in bounded time (speed itself: bench/run_components.py)."""
    for found in find_dates(text, R22):
        assert text[found.start : found.end] == found.text


def test_find_dates_does_not_load_dateparser():
    code = (
        "import sys, datetime; from pipeline.dates import find_dates; "
        "find_dates('senest 3. marts, uge 3, foråret', datetime.date(2022, 1, 14)); "
        "print('dateparser' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert out.stdout.strip() == "False"


def test_a_list_of_yearless_dates_runs_forward():
    text = "Mødeplan: 25. marts (online), 10. juni (fysisk i Aarhus), 2. september og 18. november."
    found = find_dates(text, date(2025, 1, 21))
    assert [m.range.start for m in found] == [
        date(2025, 3, 25),
        date(2025, 6, 10),
        date(2025, 9, 2),
        date(2025, 11, 18),
    ]
    # alone, a date two months back is the past one; written with a year it stays put
    assert find_dates("mødet 18. november", date(2025, 1, 21))[0].range.start == date(2024, 11, 18)
    assert find_dates("2. september og 18.11.2024", date(2025, 1, 21))[1].range.start == date(2024, 11, 18)


def test_dates_inside_case_numbers_are_not_dates_but_ranges_stay():
    assert find_dates("Sagsnr.: 05.01.08-P20-1-24", R22) == []
    assert [m.range.start for m in find_dates("afholdt den 12.03.2024. Næste", R22)] == [date(2024, 3, 12)]
    (m,) = find_dates("den 2.-4. maj", R22)
    assert (m.range.start.day, m.range.end.day) == (2, 4)


@pytest.mark.parametrize(
    "text, expected",
    [("tirsdag d. 5.5.26 kl. 17.00", "2026-05-05"), ("den 5.5.26", "2026-05-05"), ("afsnit 3.4.12 i planen", None)],
)
def test_a_short_dotted_date_counts_after_a_day_prefix_but_not_as_a_section_number(text, expected):
    from datetime import date as _date

    from pipeline.dates import find_dates

    found = find_dates(text, _date(2026, 5, 1))
    assert (str(found[0].range.start) if found else None) == expected


def test_the_cheap_first_look_keeps_dates_without_digits():
    """find_dates skips a text with no digit and no date word; dates written in words stay found."""
    from pipeline.dates import _could_hold_a_date

    ref = date(2025, 3, 1)
    assert not _could_hold_a_date().search("Bestyrelsen drøftede legepladsen og cykelskuret.")
    for text in ("Vi maler skuret i foråret.", "Loppemarkedet holdes i påsken.", "Mødet er torsdag."):
        assert _could_hold_a_date().search(text), text
    assert find_dates("Vi maler skuret i foråret.", ref)
    assert find_dates("Loppemarkedet holdes i påsken.", ref)
