"""Relative due dates (pipeline/extract/due.py): 'til næste møde', a deadline label, a weekday."""

from __future__ import annotations

from helpers.records import extract_lines


def _dues(record: dict) -> dict[str, str | None]:
    return {a["text"]: (a["due"] or {}).get("start") for a in record["actions"]}


LOG = [
    ("h", "Logbog for gruppe 7"),
    ("h", "Mandag d. 3/2 2025", 2),
    ("li", "Vi gennemgik problemformuleringen"),
    ("li", "Til næste møde"),
    ("li", "Læs kapitel fire om metode", 2),
    ("li", "Skriv afsnittet om afgrænsning færdigt", 2),
    ("h", "Torsdag d. 6/2 2025", 2),
    ("li", "Vejlederen gav feedback på posteren"),
    ("h", "Tirsdag d. 11/2 2025", 2),
    ("li", "Afleveringen blev sendt"),
]


def test_a_task_under_til_naeste_moede_is_due_at_the_next_entry(nlp):
    dues = _dues(extract_lines(nlp, LOG))
    assert dues["Læs kapitel fire om metode"] == "2025-02-06"
    assert dues["Skriv afsnittet om afgrænsning færdigt"] == "2025-02-06"


def test_a_date_in_the_label_is_the_due_date(nlp):
    lines = [
        ("h", "Vejledermøde 29. september 2025"),
        ("li", "Til næste møde (fredag d. 3/10)"),
        ("li", "Find tre kilder til baggrundsafsnittet", 2),
    ]
    assert _dues(extract_lines(nlp, lines))["Find tre kilder til baggrundsafsnittet"] == "2025-10-03"


def test_next_meeting_in_the_text_takes_the_announced_meeting(nlp):
    lines = [
        "Referat af bestyrelsesmøde 10. marts 2025",
        "1. Vedligehold",
        "Henrik undersøger prisen på nye tagrender inden næste møde.",
        "2. Næste møde",
        "Næste møde: 14. april 2025",
    ]
    dues = _dues(extract_lines(nlp, lines))
    assert dues["Henrik undersøger prisen på nye tagrender inden næste møde."] == "2025-04-14"


def test_a_weekday_after_a_deadline_word_is_its_next_date(nlp):
    lines = ["Gruppemøde onsdag 5. marts 2025", "1. Kode", "Asta sender koden til Bo senest fredag."]
    assert _dues(extract_lines(nlp, lines))["Asta sender koden til Bo senest fredag."] == "2025-03-07"


def test_a_dated_entry_heading_is_not_a_deadline(nlp):
    lines = [
        ("h", "Logbog"),
        ("h", "Mandag d. 3/2 2025", 2),
        ("li", "Søren bestiller lokalet"),
        ("h", "Torsdag d. 6/2 2025", 2),
        ("li", "Møde med vejleder"),
        ("h", "Tirsdag d. 11/2 2025", 2),
        ("li", "Aflevering"),
    ]
    assert _dues(extract_lines(nlp, lines)).get("Søren bestiller lokalet") is None


def test_no_next_meeting_known_leaves_no_due_date(nlp):
    lines = [
        "Referat af bestyrelsesmøde 10. marts 2025",
        "1. Vedligehold",
        "Henrik undersøger prisen på maling inden næste møde.",
    ]
    assert _dues(extract_lines(nlp, lines))["Henrik undersøger prisen på maling inden næste møde."] is None
