"""Participant lists, first names and meeting metadata in the layouts of real minutes.

Every case is a short synthetic document (invented names and wording) for one
class of layouts: participant lists in any zone, lettered and one-per-line
lists, sub-labels, first names only, reasons after a dash, apologies in prose
and inside the attendee line, the municipal members/absent layout, portal
exports repeating 'Afbud:' in every item, and the meeting date and kind.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract import extract_record
from pipeline.extract.meeting import filename_date
from pipeline.extract.people import Roster
from pipeline.types import RawBlock, SourceDocument


def record(nlp, lines, title="Referat af bestyrelsesmøde 3. marts 2023", name="t.txt"):
    """'- x' is a list item, '# x' a heading, '| a\tb' a table row, else a paragraph."""
    raw = [RawBlock(kind="title", text=title)] if title else []
    for line in lines:
        if line.startswith("- "):
            raw.append(RawBlock(kind="list_item", text=line[2:], level=1))
        elif line.startswith("# "):
            raw.append(RawBlock(kind="heading", text=line[2:], level=1))
        elif line.startswith("| "):
            raw.append(RawBlock(kind="table_row", text=line[2:], cells=line[2:].split("\t")))
        else:
            raw.append(RawBlock(kind="paragraph", text=line))
    doc = SourceDocument.from_blocks(raw, doc_id="t", path=name, name=name, format="txt", reader="t")
    return extract_record(doc, nlp)


def names(people):
    return [p.name for p in people]


# ------------------------------------------------------------- participant lists in any zone


def test_participants_listed_inside_an_item(nlp):
    rec = record(
        nlp,
        [
            "1) Formalia",
            "a) Valg af ordstyrer",
            "Gitte Holm blev valgt.",
            "c) Tilstedeværende",
            "Gitte Holm, Preben Vad, Tove Aagaard",
            "Afbud: Lene Krog",
            "2) Økonomi",
            "Regnskabet blev godkendt.",
        ],
    )
    assert names(rec.attendees) == ["Gitte Holm", "Preben Vad", "Tove Aagaard"]
    assert names(rec.absentees) == ["Lene Krog"]


def test_paragraph_sign_item_with_a_lettered_list_of_names(nlp):
    rec = record(
        nlp,
        [
            "§1 Til stede:",
            "(a) Birk Lauritsen;",
            "(b) Hanne Mose Dalby;",
            "(c) Otto Frank de Lichtenberg; og",
            "(d) Signe Vium-Bach.",
            "§2 Valg af dirigent.",
            "Birk Lauritsen blev valgt.",
        ],
        title="Referat af ordinær generalforsamling",
    )
    assert names(rec.attendees) == [
        "Birk Lauritsen",
        "Hanne Mose Dalby",
        "Otto Frank de Lichtenberg",
        "Signe Vium-Bach",
    ]


def test_one_name_per_line_under_the_label(nlp):
    rec = record(
        nlp,
        [
            "Tilstede:",
            "- Vibeke",
            "- Arne Toft",
            "- Jytte Brink Lassen",
            "Referent: Arne Toft",
            "Konstituering",
            "- Formand: Arne Toft",
        ],
    )
    assert names(rec.attendees) == ["Vibeke", "Arne Toft", "Jytte Brink Lassen"]


def test_a_sub_label_between_the_cue_and_the_names(nlp):
    rec = record(
        nlp,
        [
            "Tilstedeværende",
            "Hele bestyrelsen:",
            "Ib Kjær, Sanne Mølgaard, Rune Thy",
            "1. Godkendelse af referat",
            "Godkendt.",
        ],
    )
    assert names(rec.attendees) == ["Ib Kjær", "Sanne Mølgaard", "Rune Thy"]


def test_participant_line_in_every_entry_of_a_logbook(nlp):
    rec = record(
        nlp,
        [
            "# Uge 37",
            "Referent: Dorte",
            "Tilstede: Dorte, Yusuf, Saq og Vagn",
            "# Uge 38",
            "Tilstede: Dorte, Vagn, Ilse",
        ],
        title="Logbog",
    )
    assert names(rec.attendees) == ["Dorte", "Yusuf", "Saq", "Vagn", "Ilse"]


def test_a_table_cell_holds_the_participant_label(nlp):
    rec = record(
        nlp,
        ["| Dato: 3/2-21\tDeltagere: Ronja, Palle Tage og Ejnar", "| Dato: 4/2-21\tDeltagere: Ronja"],
        title="Logbog - gruppe 7",
    )
    assert names(rec.attendees) == ["Ronja", "Palle", "Tage", "Ejnar"]


# ------------------------------------------------------------- first names and short forms


def test_first_names_only_in_prose(nlp):
    rec = record(nlp, ["Til stede var Birthe, Knud og Ulla.", "1. Velkomst", "Intet."])
    assert names(rec.attendees) == ["Birthe", "Knud", "Ulla"]


def test_first_names_with_an_initial(nlp):
    rec = record(nlp, ["Deltagere: Hugo Rask, Lasse P, Rolf S., Tommas", "1. Velkomst", "Intet."])
    assert names(rec.attendees) == ["Hugo Rask", "Lasse P", "Rolf S.", "Tommas"]


def test_first_name_resolved_to_a_full_name_given_elsewhere(nlp):
    rec = record(nlp, ["Til stede: Bodil, Henning, Kaj Rask", "1. Velkomst", "Intet.", "Referent: Bodil Enevoldsen"])
    assert names(rec.attendees) == ["Bodil Enevoldsen", "Henning", "Kaj Rask"]


def test_roster_resolves_first_names_to_full_names():
    r = Roster()
    for n in ["Bodil Enevoldsen", "Henning", "Kaj Rask"]:
        r.add(n)
    assert r.resolve("Bodil") == "Bodil Enevoldsen"
    assert r.resolve("Henning") == "Henning"
    assert r.resolve("Rask") == "Kaj Rask"
    assert r.resolve("Poul") is None


def test_the_organisation_is_not_a_persons_initials(nlp):
    rec = record(
        nlp,
        [
            "Fremmødte: 41 af foreningens 80 ejere var repræsenteret.",
            "Derudover var Rasmus Kolding (RKO) fra BOVA Administration A/S repræsenteret.",
            "1. Valg af dirigent",
            "RKO blev valgt.",
        ],
    )
    assert names(rec.attendees) == ["Rasmus Kolding"]


# ------------------------------------------------------------- absentees


def test_reason_after_a_dash(nlp):
    rec = record(
        nlp,
        [
            "Til stede: Karin Friis, Mogens Bak",
            "Afbud:",
            "- Ulla - syg",
            "- Benny Holt – på ferie",
            "1. Velkomst",
            "Intet.",
        ],
    )
    assert [(p.name, p.reason) for p in rec.absentees] == [("Ulla", "syg"), ("Benny Holt", "på ferie")]


@pytest.mark.parametrize(
    "sentence, who",
    [
        ("Jonas har meldt afbud.", ["Jonas"]),
        ("Jesper er på ferie.", ["Jesper"]),
        ("Mette Kold og Bo meldte afbud.", ["Mette Kold", "Bo"]),
    ],
)
def test_apologies_told_in_prose_in_an_entry(nlp, sentence, who):
    rec = record(nlp, ["# 14/03", "Teamleder: Sigurd", sentence, "Vi arbejdede videre med motoren."], title="Logbog")
    assert names(rec.absentees) == who
    assert not rec.attendees


def test_absentee_inside_the_attendee_line(nlp):
    rec = record(
        nlp,
        [
            "Deltagere: Bestyrelsen (afbud fra Kim Hald). Tak for fremmødet.",
            "1. Valg af dirigent",
            "Ove Lind blev valgt.",
        ],
    )
    assert names(rec.absentees) == ["Kim Hald"]
    assert not rec.attendees


def test_absent_members_with_reasons_under_a_label_without_colon(nlp):
    rec = record(
        nlp,
        [
            "# Tirsdag d. 11/02",
            "Udeblivende medlemmer",
            "- Asger (syg)",
            "- Nikolaj (meldt)",
            "Referat af gruppemøde",
            "Vi lavede user stories.",
            "# Onsdag d. 12/02",
            "Udeblivende medlemmer",
            "- Asger (syg)",
        ],
        title="Logbog",
    )
    assert [(p.name, p.reason) for p in rec.absentees] == [("Asger", "syg"), ("Nikolaj", "meldt")]


def test_members_minus_the_absent_are_present(nlp):
    rec = record(
        nlp,
        [
            "Medlemmer: Lis Brun (A), Erik Dam (V), Pia Skov (F)",
            "Fraværende: Erik Dam",
            "1. Godkendelse af dagsorden",
            "Godkendt.",
        ],
        title="Beslutningsprotokol Teknisk Udvalg 4. maj 2023",
    )
    assert names(rec.attendees) == ["Lis Brun", "Pia Skov"]
    assert names(rec.absentees) == ["Erik Dam"]


def test_portal_export_repeats_the_apology_in_every_item_and_quotes_other_meetings(nlp):
    rec = record(
        nlp,
        [
            "Deltagere: Lis Brun, Erik Dam, Pia Skov",
            "Afbud: Jens Ry",
            "1. Godkendelse af dagsorden",
            "Beslutning",
            "Godkendt.",
            "Afbud: Jens Ry",
            "2. Budget",
            "Beslutning",
            "Anbefales.",
            "Afbud: Jens Ry",
            "Fraværende: Pia Skov",
            "Sagens forløb",
            "02/05/2023 Økonomiudvalget",
            "Anbefales.",
            "Afbud: Søs Lund",
            "3. Plan",
            "Beslutning",
            "Drøftet.",
            "Afbud: Jens Ry, Kai Bro 01-05-2023 Planudvalget",
        ],
        title="Referat Byrådet 10. maj 2023",
    )
    assert names(rec.attendees) == ["Lis Brun", "Erik Dam", "Pia Skov"]
    assert names(rec.absentees) == ["Jens Ry", "Pia Skov"]  # absent from item 2 only


def test_a_parenthesised_role_is_not_a_reason(nlp):
    rec = record(nlp, ["Til stede: Kasper Lind (gruppeleder), Mia Holt (syg)", "1. Velkomst", "Intet."])
    assert [(p.name, p.role, p.reason) for p in rec.attendees] == [
        ("Kasper Lind", "gruppeleder", None),
        ("Mia Holt", None, "syg"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Der var fremmødt 23 stemmeberettigede.",
        "Fremmødte: 18 fremmødte husstande",
        "Underholdning: Udgik desværre grundet afbud",
    ],
)
def test_counts_and_other_afbud_are_not_names(nlp, line):
    rec = record(nlp, [line, "1. Valg af dirigent", "Carl Vinge blev valgt."])
    assert not rec.attendees and not rec.absentees


def test_late_arrivals_join_the_attendees(nlp):
    rec = record(
        nlp,
        [
            "Deltagere: Hugo Rask, Nanna Fog",
            "1. Vedtægter",
            "Laurits Nyborg og Maja Dahl deltager nu i mødet.",
            "Vedtægterne blev vedtaget.",
        ],
    )
    assert names(rec.attendees) == ["Hugo Rask", "Nanna Fog", "Laurits Nyborg", "Maja Dahl"]


# ------------------------------------------------------------- meeting date


@pytest.mark.parametrize(
    "name, expected",
    [
        ("101_haven_2024-04-02.docx", date(2024, 4, 2)),
        ("referat_020424.pdf", date(2024, 4, 2)),
        ("referat-20240402.txt", date(2024, 4, 2)),
        ("referat.txt", None),
    ],
)
def test_filename_date(name, expected):
    assert filename_date(name) == expected


def test_yearless_date_takes_the_year_of_the_file_name(nlp):
    rec = record(
        nlp, ["1. Velkomst", "Intet."], title="Referat af bestyrelsesmøde den 1. april", name="haven_2025-04-01.docx"
    )
    assert rec.meeting.date == date(2025, 4, 1)


def test_yearless_date_with_a_wrong_weekday_keeps_the_file_names_year(nlp):
    rec = record(
        nlp,
        ["Tirsdag den 22. august kl. 19", "1) Valg af dirigent", "Intet."],
        title="Generalforsamling",
        name="laug_2019-08-22.pdf",
    )
    assert rec.meeting.date == date(2019, 8, 22)


def test_yearless_date_takes_the_year_of_another_date_in_the_document(nlp):
    rec = record(
        nlp,
        ["1. Regnskab", "Regnskabet for 2022 blev godkendt den 3. marts 2023."],
        title="Referat af bestyrelsesmøde den 1. marts",
        name="referat.txt",
    )
    assert rec.meeting.date == date(2023, 3, 1)


def test_yearless_date_without_any_year_stays_null(nlp):
    rec = record(nlp, ["1. Velkomst", "Intet."], title="Referat af bestyrelsesmøde den 1. april", name="referat.txt")
    assert rec.meeting.date is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Mødedato: 2024.05.07", date(2024, 5, 7)),
        ("Generalforsamling d. 21/4 - 17", date(2017, 4, 21)),
        ("Ordinær generalforsamling d. 28/1-08", date(2008, 1, 28)),
    ],
)
def test_date_forms(nlp, line, expected):
    rec = record(nlp, [line, "1. Valg af dirigent", "Intet."], title=None, name="gf.pdf")
    assert rec.meeting.date == expected


def test_title_date_beats_an_issue_date_above_it(nlp):
    rec = record(
        nlp, ["Udsendt 28. april 2024", "Referat af bestyrelsesmøde 7. maj 2024", "1. Velkomst", "Intet."], title=None
    )
    assert rec.meeting.date == date(2024, 5, 7)


def test_date_only_in_the_file_name(nlp):
    rec = record(nlp, ["1. Velkomst", "Intet."], title="Referat", name="bestyrelse_20210913.docx")
    assert rec.meeting.date == date(2021, 9, 13)


def test_signature_date_is_not_the_meeting_date(nlp):
    rec = record(
        nlp,
        ["1. Valg af dirigent", "Ib Holm blev valgt.", "Aarhus 29. august 2020", "Ib Holm"],
        title="Generalforsamling",
        name="laug_2020-08-26.pdf",
    )
    assert rec.meeting.date == date(2020, 8, 26)


def test_logbook_date_is_its_latest_entry(nlp):
    rec = record(
        nlp,
        ["# 17/02", "Vi testede.", "# 16/02", "Vi byggede.", "# 09/02", "Vi planlagde."],
        title="Logbog",
        name="robot_2026-02-20.md",
    )
    assert rec.meeting.date == date(2026, 2, 17)


# ------------------------------------------------------------- meeting kind


def test_minutes_when_outcomes_are_recorded_under_a_dagsorden_title(nlp):
    rec = record(nlp, ["1. Budget", "Budgettet blev godkendt."], title="Dagsorden bestyrelsesmøde 3. marts 2023")
    assert rec.meeting.kind == "minutes"


def test_invitation_with_an_agenda_is_an_agenda(nlp):
    rec = record(
        nlp,
        [
            "Hej alle",
            "Der indkaldes til generalforsamling 5/9-2017 kl 19 med følgende dagsorden:",
            "1. Valg af dirigent",
            "2. Beretning",
            "3. Eventuelt",
        ],
        title=None,
    )
    assert rec.meeting.kind == "agenda"


def test_logbook_is_minutes(nlp):
    rec = record(nlp, ["| Dato: 3/2-21\tDeltagere: Ronja", "Vi målte støjen."], title="Logbog - gruppe 7")
    assert rec.meeting.kind == "minutes"


def test_a_full_stop_inside_a_list_separates_names_but_not_an_initial(nlp):
    rec = record(
        nlp, ["Deltagere: Ida Borg, Frits E. Malmros, Ole von Hein. Mads Lyng, Sif Dam.", "1. Velkomst", "Intet."]
    )
    assert names(rec.attendees) == ["Ida Borg", "Frits E. Malmros", "Ole von Hein", "Mads Lyng", "Sif Dam"]


def test_a_participants_table_with_a_status_column(nlp):
    r = record(
        nlp,
        [
            "# Mødedeltagere",
            "| Navn\tFunktion\tInit.\tTil stede",
            "| Gitte Bruun\tFormand\tGB\tJa",
            "| Per Vind\tSikkerhed, Hal 3\tPV\tAfbud",
            "| Lone Hjort\tHR\tLH\tNej",
            "# 1. Godkendelse af referat",
            "Referatet blev godkendt.",
        ],
    )
    assert names(r.attendees) == ["Gitte Bruun"]
    assert names(r.absentees) == ["Per Vind", "Lone Hjort"]


def test_a_role_after_a_dash_also_after_a_parenthesis(nlp):
    r = record(
        nlp,
        [
            "Til stede:",
            "- Ida Holst (9.A) – formand",
            "- Bo Riis (8.B)",
            "Ikke til stede: Eva Lind (6.B) – på lejrskole",
        ],
    )
    assert names(r.attendees) == ["Ida Holst", "Bo Riis"]
    assert names(r.absentees) == ["Eva Lind"]
    assert r.attendees[0].role == "formand" and r.absentees[0].reason == "på lejrskole"


def test_a_heading_label_without_colon_heads_the_list(nlp):
    r = record(
        nlp,
        [
            "# Mødedeltagere",
            "- Lise Kamp, formand (LK)",
            "- Rasmus Dyhr, næstformand (RD)",
            "# 1. Regnskab",
            "Regnskabet blev godkendt.",
        ],
    )
    assert names(r.attendees) == ["Lise Kamp", "Rasmus Dyhr"]


@pytest.mark.parametrize(
    "mention, expected",
    [("HB", "Helle Bang"), ("AMH", "Anne Marie Holm"), ("AH", "Anne Marie Holm"), ("XY", None), ("HBX", None)],
)
def test_initials_resolve_to_the_one_roster_name_that_has_them(mention, expected):
    roster = Roster()
    for n in ("Helle Bang", "Anne Marie Holm", "Rasmus Dyhr"):
        roster.add(n)
    assert roster.resolve(mention) == expected


def test_initials_shared_by_two_people_stay_unresolved():
    roster = Roster()
    for n in ("Helle Bang", "Henrik Bach"):
        roster.add(n)
    assert roster.resolve("HB") is None
