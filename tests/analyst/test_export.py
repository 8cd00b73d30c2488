"""Exports: Danish-Excel and plain CSV bytes, formula escaping, Parquet and iCalendar
round trips, the analyst views of every table, pseudonyms and CPR masking."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from fixtures_records import all_records
from pipeline.analyst.export import (
    TABLES,
    ExportError,
    export_table,
    table_frame,
    to_csv,
    to_parquet,
    typed_frame,
    unescape_formula,
)
from pipeline.analyst.ics import CalendarRow, events_to_ics
from pipeline.store import Store

icalendar = pytest.importorskip("icalendar")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
    return path


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [
                "=SUM(A1:A9)",
                "+45 12 34 56 78",
                "-tekst med minus",
                "@kommando",
                "\tfane",
                "\rvognretur",
                'a;b med "citat"\nog ny linje',
                "Æbler, øl og å",
                None,
            ],
            "count": [-3, 0, 7, -1, 2, 3, 4, 5, 6],
            "rate": [-0.5, 0.25, 1.0, 0.0, 2.5, 0.125, 3.0, -1.0, 0.5],
            "date": [dt.date(2022, 1, 14)] * 9,
            "when": pd.to_datetime(["2022-01-14"] * 9),
        }
    )


# ------------------------------------------------------------------ CSV bytes


def test_excel_csv_bytes(tmp_path):
    out = tmp_path / "x.csv"
    to_csv(_frame(), out, excel=True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    text = raw[3:].decode("utf-8")
    assert text.startswith('"text";"count";"rate";"date";"when"\r\n')
    assert text.endswith("\r\n") and "\r\n" in text
    # every line break outside quoted cells is CRLF; text cells are always quoted, numbers never
    lines = text.split("\r\n")
    d = '"2022-01-14";"2022-01-14"'
    assert lines[1] == f'"\'=SUM(A1:A9)";-3;-0.5;{d}'
    assert lines[2] == f'"\'+45 12 34 56 78";0;0.25;{d}'
    assert lines[3] == f'"\'-tekst med minus";7;1.0;{d}'
    assert lines[4] == f'"\'@kommando";-1;0.0;{d}'
    assert lines[5] == f'"\'\tfane";2;2.5;{d}'
    assert lines[6] == f'"\'\rvognretur";3;0.125;{d}'
    assert lines[7] == f'"a;b med ""citat""\nog ny linje";4;3.0;{d}'
    assert lines[8] == f'"Æbler, øl og å";5;-1.0;{d}'
    assert lines[9] == f";6;0.5;{d}"
    assert "'-3" not in text and "'-0.5" not in text  # numbers are never escaped


def test_plain_csv_bytes(tmp_path):
    out = tmp_path / "x.csv"
    to_csv(_frame(), out)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    lines = text.split("\r\n")  # RFC 4180 line ends
    assert lines[0] == '"text","count","rate","date","when"'
    assert lines[6] == '"\'\rvognretur",3,0.125,"2022-01-14","2022-01-14"'
    assert lines[1] == '"\'=SUM(A1:A9)",-3,-0.5,"2022-01-14","2022-01-14"'
    assert '"Æbler, øl og å",5,-1.0' in text


def test_a_formula_after_a_separator_is_neutralised(tmp_path):
    """Danish Excel must not split 'Økonomi;=1+1;@SUM(2+2)' into live formula cells."""
    out = tmp_path / "x.csv"
    to_csv(pd.DataFrame({"title": ["Økonomi;=1+1;@SUM(2+2)", "a, +b"]}), out, excel=True)
    lines = out.read_bytes()[3:].decode().split("\r\n")
    assert lines[1] == "\"Økonomi;'=1+1;'@SUM(2+2)\""
    assert lines[2] == '"a, \'+b"'


def test_numbers_inside_text_columns_stay_numbers(tmp_path):
    out = tmp_path / "x.csv"
    to_csv(pd.DataFrame({"mixed": [-5, "-5", "=1", 2.5]}), out, excel=True)
    assert out.read_bytes()[3:].decode() == '"mixed"\r\n-5\r\n"\'-5"\r\n"\'=1"\r\n2.5\r\n'


def test_headers_and_categorical_cells_are_escaped(tmp_path):
    out = tmp_path / "x.csv"
    to_csv(pd.DataFrame({"=cmd": pd.Categorical(["=1", "ok"]), "n": [-1, 2]}), out)
    assert out.read_bytes().decode("utf-8") == '"\'=cmd","n"\r\n"\'=1",-1\r\n"ok",2\r\n'


@pytest.mark.parametrize("excel", [True, False])
def test_csv_round_trip(tmp_path, excel):
    df = _frame()
    out = tmp_path / "x.csv"
    to_csv(df, out, excel=excel)
    back = pd.read_csv(out, sep=";" if excel else ",", encoding="utf-8-sig" if excel else "utf-8")
    back["text"] = back["text"].map(unescape_formula)
    expected = df.assign(date=df["date"].map(dt.date.isoformat), when=df["when"].dt.strftime("%Y-%m-%d"))
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)


def test_decimal_comma_for_danish_excel(tmp_path):
    out = tmp_path / "x.csv"
    to_csv(pd.DataFrame({"name": ["A"], "rate": [0.75]}), out, excel=True, decimal=",")
    assert out.read_bytes()[3:].decode() == '"name";"rate"\r\n"A";0,75\r\n'
    back = pd.read_csv(out, sep=";", encoding="utf-8-sig", decimal=",")
    assert back["rate"][0] == 0.75
    with pytest.raises(ExportError):
        to_csv(pd.DataFrame({"rate": [0.75]}), out, decimal=",")  # ',' is the plain separator


def test_parquet_round_trip(tmp_path):
    df = _frame().assign(note=["x", None, "y", "z", "æ", "ø", "å", "-", "="])
    out = tmp_path / "x.parquet"
    to_parquet(df, out)
    back = pd.read_parquet(out)
    pd.testing.assert_frame_equal(back, df, check_dtype=False)


# ------------------------------------------------------------------ tables


@pytest.mark.parametrize("table", TABLES)
def test_every_table_exports_its_analyst_view(db, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    n = export_table(db, table, out, excel=True)
    back = pd.read_csv(out, sep=";", encoding="utf-8-sig")
    assert len(back) == n > 0
    assert not [c for c in back.columns if c.endswith("_id") or c.startswith("_") or c == "id"]
    pq = tmp_path / f"{table}.parquet"
    assert export_table(db, table, pq, fmt="parquet") == n
    # Parquet keeps dates as dates and counts as integers (tests/analyst/test_export_types.py)
    pd.testing.assert_frame_equal(pd.read_parquet(pq), typed_frame(table_frame(db, table)), check_dtype=False)


def test_views_join_meetings_and_names(db):
    decisions = table_frame(db, "decisions")
    assert {"meeting_date", "organization", "body", "item", "text", "due", "file", "page"} <= set(decisions)
    # minutes win: the agenda of 2022-01-14 adds no rows
    assert not decisions["file"].str.contains("dagsorden_2022|2022-01-14_dagsorden").any()
    attendance = table_frame(db, "attendance")
    kruse = attendance[attendance["written_as"] == "Henrik Kruse"]
    assert set(kruse["person"]) == {"Henrik Kruse"}  # the canonical name of Kruise/Kruse
    assert set(attendance.loc[attendance["written_as"] == "Henrik Kruise", "person"]) == {"Henrik Kruse"}
    actions = table_frame(db, "actions")
    row = actions[actions["text"].str.startswith("Arbejdsgruppen mødes")].iloc[0]
    assert row["owners"] == "Niels Ågesen; Eik Møller; Henrik Winther; Stine Johansen"
    events = table_frame(db, "events")
    messe = events[events["text"].str.contains("kvalitetsmesse")].iloc[0]
    assert (messe["date"], messe["end_date"], messe["meeting_date"]) == ("2022-03-07", "2022-03-09", "2022-01-14")


def test_unknown_table_and_bad_format(db, tmp_path):
    with pytest.raises(ExportError, match="unknown table"):
        export_table(db, "documents", tmp_path / "x.csv")
    with pytest.raises(ExportError, match="ics format"):
        export_table(db, "people", tmp_path / "x.ics", fmt="ics")
    with pytest.raises(ExportError, match="does not exist"):
        export_table(db, "people", tmp_path / "missing" / "x.csv")


def test_cpr_is_masked_again_on_export(db, tmp_path):
    path = tmp_path / "cpr.db"
    with sqlite3.connect(db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    with sqlite3.connect(path) as conn:  # a row written by some other tool, unmasked
        conn.execute(
            "UPDATE decisions SET text = 'Sagen om 170980-1234 og 1709801234 er afsluttet.' "
            "WHERE text LIKE 'Bestyrelsen godkendte dagsordenen%'"
        )
    out = tmp_path / "d.csv"
    export_table(path, "decisions", out)
    text = out.read_text(encoding="utf-8")
    assert "170980-1234" not in text and "1709801234" not in text
    assert "Sagen om XXXXXX-XXXX og XXXXXXXXXX er afsluttet." in text


# ------------------------------------------------------------------ pseudonyms


def _person_names(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        names = {
            n
            for (n,) in conn.execute(
                "SELECT spelling FROM person_aliases a JOIN people p ON p.id = a.person_id "
                "WHERE p.kind = 'person' UNION SELECT name FROM people WHERE kind = 'person'"
            )
        }
    return names


def test_pseudonymize_replaces_every_name_in_every_table(db, tmp_path):
    names = _person_names(db)
    assert "Eik Møller" in names
    for table in TABLES:
        out = tmp_path / f"{table}.csv"
        export_table(db, table, out, pseudonymize=True)
        text = out.read_text(encoding="utf-8")
        leaked = [n for n in names if n in text]
        assert not leaked, (table, leaked)
    people = pd.read_csv(tmp_path / "people.csv")
    assert people.loc[people["kind"] == "person", "name"].str.fullmatch(r"Person \d{3}").all()
    assert "sekretariatet" in set(people["name"])  # bodies keep their names


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    """The store of every sample document in data/raw, imported for real."""
    from pipeline.process import run_import

    path = tmp_path_factory.mktemp("sample") / "referat.db"
    with Store(path) as store:
        run_import([REPO / "data" / "raw"], store, workers=0)
    return path


def test_pseudonymized_sample_exports_hold_no_name(sample_db, tmp_path):
    """No registry spelling and no name the detector finds survives in any table,
    including third parties the registry does not hold (a name in a decision text)."""
    from pipeline.privacy import find_person_names

    names = _person_names(sample_db)
    with sqlite3.connect(sample_db) as conn:
        texts = " ".join(t for (t,) in conn.execute("SELECT text FROM decisions UNION ALL SELECT text FROM actions"))
    third = {texts[a:b] for a, b in find_person_names(texts)} - names
    assert "Svend Særkjær" in third  # named in a text, not in the registry
    for table in TABLES:
        out = tmp_path / f"{table}.csv"
        export_table(sample_db, table, out, pseudonymize=True)
        text = out.read_text(encoding="utf-8")
        leaked = [n for n in names | third if n in text]
        assert not leaked, (table, leaked)
        found = [text[a:b] for a, b in find_person_names(text.replace("Person ", "person "))]
        assert not found, (table, found[:10])


def test_pseudonyms_are_stable_across_tables(db):
    real = table_frame(db, "attendance")
    fake = table_frame(db, "attendance", pseudonymize=True)
    label = dict(zip(real["person"], fake["person"]))
    assert len(set(label.values())) == len(label)  # one label per person
    actions = table_frame(db, "actions")
    pseudo_actions = table_frame(db, "actions", pseudonymize=True)
    for owners, pseudo in zip(actions["owners"], pseudo_actions["owners"]):
        expected = "; ".join(label.get(o, o) for o in owners.split("; "))
        assert pseudo == expected
    row = pseudo_actions[pseudo_actions["text"].str.contains("er i kontakt med KOMDIRs")].iloc[0]
    assert row["text"].startswith(label["Eik Møller"] + " er i kontakt")
    # a second export numbers people the same way
    again = table_frame(db, "attendance", pseudonymize=True)
    assert list(again["person"]) == list(fake["person"])
    with_secret = table_frame(db, "attendance", pseudonymize=True, secret="s3cret")
    assert set(with_secret["person"]) == set(fake["person"])


# ------------------------------------------------------------------ iCalendar


def _events(ics: bytes) -> list:
    cal = icalendar.Calendar.from_ical(ics)
    return [c for c in cal.walk() if c.name == "VEVENT"]


def test_events_to_ics_all_day_and_multi_day():
    rows = [
        CalendarRow(
            kind="event",
            start=dt.date(2022, 3, 7),
            end=dt.date(2022, 3, 9),
            summary="Kvalitetsmesse",
            source="abc",
            span=(10, 20),
        ),
        {"kind": "deadline", "start": "2022-02-28", "summary": "Frist: høringssvar", "source": "abc", "span": (30, 40)},
        {"kind": "event", "start": None, "summary": "no date"},
    ]
    ics = events_to_ics(rows, stamp=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["PRODID"]).startswith("-//referat//")
    events = _events(ics)
    assert len(events) == 2
    messe, frist = events
    assert messe["DTSTART"].dt == dt.date(2022, 3, 7)
    assert messe["DTEND"].dt == dt.date(2022, 3, 10)  # exclusive end
    assert frist["DTSTART"].dt == dt.date(2022, 2, 28) and frist["DTEND"].dt == dt.date(2022, 3, 1)
    assert str(frist["SUMMARY"]) == "Frist: høringssvar"
    assert messe["UID"] != frist["UID"]
    assert ics == events_to_ics(rows, stamp=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))


def test_export_events_as_ics(db, tmp_path):
    out = tmp_path / "referat.ics"
    n = export_table(db, "events", out, fmt="ics")
    events = _events(out.read_bytes())
    assert len(events) == n
    with sqlite3.connect(db) as conn:
        n_events = conn.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT date, end_date, lower(text) FROM effective_events)"
        ).fetchone()[0]
        n_meetings = conn.execute("SELECT COUNT(*) FROM meetings WHERE date IS NOT NULL").fetchone()[0]
        n_deadlines = conn.execute("SELECT COUNT(*) FROM action_list WHERE due_start IS NOT NULL").fetchone()[0]
    assert n == n_events + n_meetings + n_deadlines == 8 + 5 + 4
    summaries = [(str(e["SUMMARY"]), e) for e in events]
    messe = next(e for s, e in summaries if "kvalitetsmesse" in s)
    assert (messe["DTSTART"].dt, messe["DTEND"].dt) == (dt.date(2022, 3, 7), dt.date(2022, 3, 10))
    assert "CATEGORIES:Begivenhed" in messe.to_ical().decode()
    aarsmoede = sorted(e["DTSTART"].dt for s, e in summaries if s == "Årsmøde")
    assert aarsmoede == [dt.date(2021, 5, 20), dt.date(2022, 5, 20)]
    assert aarsmoede[0] + dt.timedelta(days=1) == next(e["DTEND"].dt for s, e in summaries if s == "Årsmøde")
    meetings = sorted(e["DTSTART"].dt for s, e in summaries if s == "Møde i KOMDIR HB")
    assert meetings == [dt.date(2020, 9, 17), dt.date(2021, 3, 29), dt.date(2022, 1, 14)]
    deadline = next(e for s, e in summaries if s.startswith("Frist: Anne Marie Holm"))
    assert deadline["DTSTART"].dt == dt.date(2022, 2, 28)  # "ultimo februar": its last day
    assert "Ansvarlig: Anne Marie Holm" in str(deadline["DESCRIPTION"])
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = tmp_path / "again.ics"
    export_table(db, "events", again, fmt="ics")
    assert sorted(str(e["UID"]) for e in _events(again.read_bytes())) == sorted(uids)  # stable UIDs


def test_ics_of_actions_and_meetings_only(db, tmp_path):
    assert export_table(db, "actions", tmp_path / "a.ics", fmt="ics") == 4
    assert export_table(db, "meetings", tmp_path / "m.ics", fmt="ics") == 5
    pseudo = tmp_path / "p.ics"
    export_table(db, "actions", pseudo, fmt="ics", pseudonymize=True)
    assert "Anne Marie Holm" not in pseudo.read_bytes().decode("utf-8")


# ------------------------------------------------------------------ CLI


def test_cli_export(db, tmp_path):
    from pipeline.cli import app

    runner = CliRunner()
    out = tmp_path / "decisions.csv"
    result = runner.invoke(app, ["export", "decisions", "--out", str(out), "--excel", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    ics = tmp_path / "cal.ics"
    result = runner.invoke(app, ["export", "events", "--out", str(ics), "--db", str(db)])
    assert result.exit_code == 0 and ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    pq = tmp_path / "people.parquet"  # the format follows the suffix
    result = runner.invoke(app, ["export", "people", "--out", str(pq), "--pseudonymize", "--db", str(db)])
    assert result.exit_code == 0 and "pseudonymized" in result.output
    assert pd.read_parquet(pq)["name"].str.startswith("Person ").any()
    result = runner.invoke(app, ["export", "people", "--format", "ics", "--out", str(ics), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(app, ["export", "people", "--out", str(out), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "Error: no database" in result.output
