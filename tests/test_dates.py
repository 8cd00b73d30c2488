"""The Danish date grammar: a table of cases, negatives, lexicon integrity and properties."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import LEXICON, find_dates, parse_date, resolve_year

R20, R22, R23 = date(2020, 9, 17), date(2022, 1, 14), date(2023, 3, 3)

CASES = [  # text, reference date, matched text, start, end
    ("17. september 2020", R20, "17. september 2020", "2020-09-17", "2020-09-17"),
    ("d. 3. marts", R22, "d. 3. marts", "2022-03-03", "2022-03-03"),
    ("Formanden mindede om webinaret den 19. oktober", R20, "den 19. oktober", "2020-10-19", "2020-10-19"),
    ("Tirsdag 29. september: Fællesmøde med KL", R20, "Tirsdag 29. september", "2020-09-29", "2020-09-29"),
    ("Torsdag/fredag 6-7. maj: Generalforsamling", R20, "Torsdag/fredag 6-7. maj", "2021-05-06", "2021-05-07"),
    ("kvalitetsmesse om kommunal ledelse 7-9. marts", R22, "7-9. marts", "2022-03-07", "2022-03-09"),
    ("7.–9. marts", R22, "7.–9. marts", "2022-03-07", "2022-03-09"),
    ("fra 7. til 9. marts", R22, "fra 7. til 9. marts", "2022-03-07", "2022-03-09"),
    ("14. januar", R20, "14. januar", "2021-01-14", "2021-01-14"),  # rolls into next year
    ("møde den 11. januar", R22, "den 11. januar", "2022-01-11", "2022-01-11"),
    ("Spørgeskema blev udsendt i december", R22, "december", "2021-12-01", "2021-12-31"),
    ("2/2 2022", R22, "2/2 2022", "2022-02-02", "2022-02-02"),
    ("2/2-2022", R22, "2/2-2022", "2022-02-02", "2022-02-02"),
    ("rykkes årsmødet til 20/5.", R22, "20/5", "2022-05-20", "2022-05-20"),
    ("14/1-22", R22, "14/1-22", "2022-01-14", "2022-01-14"),
    ("14.01.2022", R22, "14.01.2022", "2022-01-14", "2022-01-14"),
    ("14-01-2022", R22, "14-01-2022", "2022-01-14", "2022-01-14"),
    ("2022-01-14", R22, "2022-01-14", "2022-01-14", "2022-01-14"),
    ("1. april 2023 kl. 10", R22, "1. april 2023", "2023-04-01", "2023-04-01"),
    ("En fokusgruppe mødes i uge 3", R22, "uge 3", "2022-01-17", "2022-01-23"),
    ("uge 47 2023", R22, "uge 47 2023", "2023-11-20", "2023-11-26"),
    ("inden uge 47", R23, "uge 47", "2023-11-20", "2023-11-26"),
    ("senest 1. april", R23, "1. april", "2023-04-01", "2023-04-01"),
    ("sat til primo marts", R22, "primo marts", "2022-03-01", "2022-03-10"),
    ("medio marts", R22, "medio marts", "2022-03-11", "2022-03-20"),
    ("ultimo februar", R22, "ultimo februar", "2022-02-21", "2022-02-28"),
    ("inden udgangen af marts", R23, "udgangen af marts", "2023-03-31", "2023-03-31"),
    ("vender tilbage i løbet af efteråret", R20, "efteråret", "2020-09-01", "2020-11-30"),
    ("genoptage arbejdet i løbet af efteråret/foråret", R20, "efteråret", "2020-09-01", "2020-11-30"),
    ("præsenteres i forsommeren 2021", R20, "forsommeren 2021", "2021-05-01", "2021-06-30"),
    ("interviews i løbet af foråret", R22, "foråret", "2022-03-01", "2022-05-31"),
    ("sommeren", R22, "sommeren", "2022-06-01", "2022-08-31"),
    ("vinteren", R22, "vinteren", "2021-12-01", "2022-02-28"),
    ("strategi (forventes første halvår 2022)", R22, "første halvår 2022", "2022-01-01", "2022-06-30"),
    ("andet halvår", R22, "andet halvår", "2022-07-01", "2022-12-31"),
    ("marts 2023", R22, "marts 2023", "2023-03-01", "2023-03-31"),
    ("Dato: 12.10.2023", R22, "12.10.2023", "2023-10-12", "2023-10-12"),
    ("inden udgangen af 2023", R22, "2023", "2023-12-31", "2023-12-31"),
]


@pytest.mark.parametrize("text,ref,matched,start,end", CASES)
def test_grammar(text, ref, matched, start, end):
    found = find_dates(text, ref)
    assert found, text
    m = found[0]
    assert (m.text, m.range.start.isoformat(), m.range.end.isoformat()) == (matched, start, end)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "HB peger på 2 kandidater.", "en svarrate på ca. 75%", "de 91 andre kommuner", "4 danske sessions",
    "1. Meddelelser", "6. Større arrangementer 2022", "kl. 10.30", "3/4 af medlemmerne",
    "CPR 010190-1234", "31/2", "Ledelsesaftalen, der udløber i 2022", "tlf. 12 34 56 78", "KL/KOMDIR",
])
def test_not_dates(text):
    assert find_dates(text, R22) == []


@pytest.mark.parametrize("text,cue", [("inden uge 47", "inden"), ("senest 1. april", "senest"),
                                      ("i løbet af efteråret", "i løbet af"), ("Frist: 3. maj", "frist"),
                                      ("rykkes til 20/5", "til"), ("møde 3. maj", None)])
def test_cues(text, cue):
    assert find_dates(text, R23)[0].cue == cue


def test_default_year_from_a_calendar_heading():
    assert find_dates("Torsdag 14. januar: HB-møde", R20, default_year=2021)[0].range.start == date(2021, 1, 14)
    assert parse_date("2/2", R22, default_year=2023).start == date(2023, 2, 2)


def test_parse_date_falls_back_to_dateparser():
    assert parse_date("3. marts 2023 kl. 19", R22).start == date(2023, 3, 3)
    assert parse_date("ingen dato", R22) is None


def test_resolve_year_window():
    assert resolve_year(1, 14, R20) == 2021
    assert resolve_year(10, 19, R20) == 2020
    assert resolve_year(12, 5, R22) == 2021


def test_lexicon_integrity():
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    assert set(data["months"].values()) == set(range(1, 13))
    for name, (start, end) in data["periods"].items():
        assert 1 <= start[0] <= 12 and 1 <= end[0] <= 12, name
    for name, (first, last) in data["month_parts"].items():
        assert first == -1 or 1 <= first <= 31, name
        assert last == -1 or first <= last <= 31, name


MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))
def test_round_trip(d, ref):
    for text in (f"{d.day}. {MONTHS[d.month - 1]} {d.year}", f"{d.day}/{d.month} {d.year}", d.isoformat(),
                 f"{d.day:02d}.{d.month:02d}.{d.year}"):
        found = find_dates(f"Mødet holdes {text}.", ref)
        assert found and found[0].range.start == d, text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))
def test_never_raises_and_spans_hold(text, ref):
    for m in find_dates(text, ref):
        assert text[m.start:m.end] == m.text
        assert m.range.start <= m.range.end
        assert m.range.end - m.range.start < timedelta(days=400)
