"""Events by class of layout, second round: result tables that look like dates, reports of
the past year, letters and filings in a case presentation (portal exports), numbered acts,
deadline labels, a year written once for a list, the history of a case, perfect-tense past
and a lone signature date. Every document here is synthetic."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.events import H, L, P, T, _all_events, _dates  # noqa: F401
from pipeline.dates import find_dates


def test_a_table_of_results_written_n_of_m_is_no_calendar():
    """'U11 drenge - 3/5': a team's place among five, a run out of date order."""
    blocks = [
        (P, "Referat af generalforsamling 14. marts 2024"),
        (P, "Sæsonens placeringer:"),
        (P, "U11 drenge - 3/5"),
        (P, "U13 piger A - 2/6"),
        (P, "U15 drenge - 5/6"),
        (P, "Serie 2 herrer - 1/4"),
    ]
    assert _dates(blocks, date(2024, 3, 14)) == set()


def test_a_date_ordered_calendar_of_the_same_form_still_counts():
    blocks = [
        (P, "Referat af bestyrelsesmøde 14. marts 2024"),
        (P, "Arbejdsdag - 6/4"),
        (P, "Loppemarked - 11/5"),
        (P, "Sommerfest - 22/6"),
    ]
    assert _dates(blocks, date(2024, 3, 14)) == {"2024-04-06", "2024-05-11", "2024-06-22"}


def test_yearless_dates_in_a_report_of_the_past_year_lie_before_the_meeting():
    """Under "Årsberetning ... 2023" a yearless date with no plan in its sentence is that year's."""
    blocks = [
        (H, "Referat af generalforsamling 12. marts 2024", 1),
        (H, "Dagsorden", 2),
        (P, "1. Beretninger"),
        (P, "2. Eventuelt"),
        (H, "1. Beretninger", 2),
        (P, "Beretningerne blev godkendt. De er vedhæftet."),
        (H, "2. Eventuelt", 2),
        (P, "Intet."),
        (H, "Årsberetning fra petanqueafdelingen 2023", 2),
        (P, "Vi har haft mange gode aktiviteter:"),
        (P, "Klubmesterskab på banerne 7. september."),
        (H, "Juleturnering 2. juledag", 2),
        (P, "Igen i år kom mange spillere."),
        (P, "Vi holder forårsstævne den 20. april, hvor alle er velkomne."),
    ]
    got = _dates(blocks, date(2024, 3, 12))
    assert {"2023-09-07", "2023-12-26", "2024-04-20"} <= got
    assert "2024-09-07" not in got and "2024-12-26" not in got


@pytest.mark.parametrize(
    "text",
    [
        "Forvaltningen har den 4. marts 2024 modtaget en ansøgning om dispensation.",
        "Styrelsen meddelte den 12. januar 2024 kommunen, at tilskuddet var bevilget.",
        "Afgørelsen blev hjemvist af klagenævnet den 3. februar 2024.",
        "Forvaltningen har søgt puljen den 20. februar 2024.",
        "Projektbeskrivelsen, som forvaltningen har fremsendt den 8. januar 2024, er vedlagt.",
        "Styrelsen har derfor den 9. januar 2024 udsendt en vejledning til kommunerne.",
        "Kommunen skal jf. bekendtgørelse nr. 1045 af 14/12/2023 opkræve gebyr.",
        "Ombygningen var tilladt ved byggetilladelse af 5. oktober 2023.",
        "Ansøgningsfrist: 2. april 2024.",
        "Syv familier er flyttet fra pavillonerne siden 1. februar 2024.",
        "Den nye fordelingsmodel skal virke fra 1. august 2024.",
        "Forslaget kræver, at 2/3 stemmer for.",
        "Indkaldelsen blev d. 8. marts sendt ud til alle medlemmer.",
        "12. marts 2024 modtog alle medlemmer et brev fra kommunen.",
    ],
)
def test_letters_filings_acts_and_deadlines_are_not_events(text):
    blocks = [(P, "Byrådet - Referat 10. april 2024"), (P, text)]
    assert _dates(blocks, date(2024, 4, 10)) == set()


def test_a_meeting_told_with_a_letter_verb_is_still_an_event():
    blocks = [
        (P, "Byrådet - Referat 10. april 2024"),
        (P, "Orloven blev meddelt af Byrådet på mødet den 6. marts 2024."),
    ]
    assert _dates(blocks, date(2024, 4, 10)) == {"2024-03-06"}


def test_a_year_written_once_for_a_list_of_dates_holds_for_each():
    assert [
        m.range.start.isoformat() for m in find_dates("Kursus 16.-18. januar og 6.-8. marts 2022", date(2022, 9, 1))
    ] == [
        "2022-01-16",
        "2022-03-06",
    ]


def test_each_meeting_of_a_case_history_is_an_event_even_on_one_day():
    blocks = [
        (P, "Byrådet - Referat 20. marts 2024"),
        (H, "5. Ny skolestruktur", 1),
        (H, "Sagens forløb", 2),
        (P, "11-03-2024 Børne- og Skoleudvalget"),
        (P, "Anbefales."),
        (P, "11-03-2024 Kultur- og Fritidsudvalget"),
        (P, "Anbefales."),
        (P, "13-03-2024 Økonomiudvalget"),
        (P, "Anbefales."),
    ]
    got = _all_events(blocks, date(2024, 3, 20))
    assert sorted(got) == [
        ("2024-03-11", "Børne- og Skoleudvalget"),
        ("2024-03-11", "Kultur- og Fritidsudvalget"),
        ("2024-03-13", "Økonomiudvalget"),
    ]


def test_a_yearless_date_in_the_perfect_tense_lies_before_the_meeting():
    blocks = [
        (P, "Udvalget - Referat 9. september 2024"),
        (P, "Regionsrådet har på sit møde 17. april drøftet planen."),
    ]
    assert _dates(blocks, date(2024, 9, 9)) == {"2024-04-17"}


def test_a_lone_date_under_the_signature_label_is_the_signature():
    blocks = [
        (P, "Referat af generalforsamling 9. januar 2024"),
        (H, "1. Valg af dirigent", 1),
        (P, "Advokat Bo Lind blev valgt."),
        (P, "Dirigenten takkede for god ro og orden."),
        (P, "Som dirigent og referent:"),
        (P, "Den 16. januar 2024"),
        (P, "Advokat Bo Lind"),
    ]
    assert _dates(blocks, date(2024, 1, 9)) == set()


def test_a_date_told_for_this_year_is_not_moved_back():
    blocks = [
        (P, "Referat af generalforsamling 3. marts 2025"),
        (P, "Sommerfesten blev holdt i juni 2024 og gentages i år 21. juni."),
    ]
    assert "2025-06-21" in _dates(blocks, date(2025, 3, 3))
