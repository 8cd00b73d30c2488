"""Dates fixed for coming meetings (shared/gold/GUIDE.md, "Boundary cases"): fixing them
("Næste møde blev fastlagt til 12. juni", "Bestyrelsen fastsatte arbejdsdagen til ...")
is a decision and each dated meeting an event; a bare calendar line ("Næste møde:
12. juni") or a happening announced ("Sommerfesten holdes ...") is an event only. A
calendar line that fixes its date is read for events and for statements. Synthetic cases."""

from __future__ import annotations

import pytest

from helpers.statements import ROSTER, record, texts


def _dates(rec):
    return sorted(str(e.date) for e in rec.events)


@pytest.mark.parametrize(
    "sentence,days",
    [
        # active past of the fixing verb
        ("Bestyrelsen fastsatte forårets arbejdsdag til lørdag den 22. april kl. 10-14.", ["2023-04-22"]),
        ("Bestyrelsen fastlagde generalforsamlingen til torsdag den 23. marts i klubhuset.", ["2023-03-23"]),
        # s-passive and periphrastic passive
        ("Generalforsamlingen fastsattes til den 25. april.", ["2023-04-25"]),
        ("Næste møde blev fastlagt til 12. juni.", ["2023-06-12"]),
        ("Næste bestyrelsesmøde blev fastsat til onsdag den 19. april kl. 17.00 på kontoret.", ["2023-04-19"]),
        # several meetings fixed at once: one decision, an event per date
        ("Møderne i foråret er fastlagt til 3. april og 8. maj.", ["2023-04-03", "2023-05-08"]),
    ],
)
def test_fixing_a_date_is_a_decision_and_an_event(nlp, sentence, days):
    rec = record(nlp, ROSTER + ["# 4. Mødeplan", "Der blev talt om kalenderen.", sentence])
    assert texts(rec.decisions) == [sentence]
    assert _dates(rec) == days


@pytest.mark.parametrize(
    "sentence,day",
    [
        ("Næste møde: 12. juni.", "2023-06-12"),
        ("Næste møde afholdes 12. juni kl. 19.", "2023-06-12"),
        ("Sommerfesten holdes lørdag den 17. juni.", "2023-06-17"),
        ("Generalforsamlingen afholdes den 25. april kl. 19.", "2023-04-25"),
    ],
)
def test_a_bare_calendar_line_is_an_event_only(nlp, sentence, day):
    rec = record(nlp, ROSTER + ["# 4. Diverse", "Der blev talt om kalenderen.", sentence])
    assert texts(rec.decisions) == []
    assert _dates(rec) == [day]


def test_a_date_led_calendar_line_that_fixes_its_date_is_also_a_statement(nlp):
    """Under a 'Næste møde' item the date-led line is a calendar line (an event); when it
    says the date was fixed it is a decision too. A plain date-led line stays an event."""
    rec = record(
        nlp,
        ROSTER
        + [
            "# 7. Mødekalender",
            "- 12. juni: Bestyrelsesmøde",
            "- 14. august: Sommerfest, datoen blev fastsat på mødet",
            "# 8. Næste møde",
            "Tirsdag den 19. september kl. 19 blev fastlagt som næste mødedato.",
        ],
    )
    assert texts(rec.decisions) == [
        "14. august: Sommerfest, datoen blev fastsat på mødet",
        "Tirsdag den 19. september kl. 19 blev fastlagt som næste mødedato.",
    ]
    # each date once, in the meeting's year (the line is not read again as a past mention)
    assert _dates(rec) == ["2023-06-12", "2023-08-14", "2023-09-19"]


def test_a_plain_next_meeting_item_gives_no_decision(nlp):
    rec = record(nlp, ROSTER + ["# 8. Næste møde", "Tirsdag den 19. september kl. 19 i klubhuset."])
    assert texts(rec.decisions) == []
    assert _dates(rec) == ["2023-09-19"]
