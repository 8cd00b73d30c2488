"""The same filters on every record query: --org, --body, --since, --until, --text,
--person (where they make sense), in pipeline.analyst.query and in the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fixtures_records import all_records
from pipeline.analyst import query
from pipeline.analyst.query import QueryError
from pipeline.cli import app
from pipeline.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
    return path


# ------------------------------------------------------------------ actions


def test_actions_by_organization_body_and_period(db):
    assert len(query.actions(db)) == 12
    assert len(query.actions(db, organization="socialchefforeningen")) == 3
    assert len(query.actions(db, body="BESTYRELSEN")) == 3
    assert set(query.actions(db, since="2022-01-01")["meeting_date"]) == {"2022-01-14", "2022-02-07"}
    assert len(query.actions(db, since="2022-01-01", organization="KOMDIR")) == 5
    assert set(query.actions(db, until="2020-12-31")["meeting_date"]) == {"2020-09-17"}
    assert len(query.actions(db, since="2021-01-01", until="2021-12-31")) == 4


def test_actions_by_text_and_person(db):
    texts = list(query.actions(db, text="ARBEJDSGRUPPE")["text"])
    assert len(texts) == 2 and all("rbejdsgrupp" in t for t in texts)
    kruse = query.actions(db, person="Henrik Kruise")  # any spelling
    assert list(kruse["text"]) == ["Henrik Kruse undersøger konsekvenserne for de mindre kredse."]
    stine = query.actions(db, person="Stine Johansen")
    assert len(stine) == 2 and set(stine["meeting_date"]) == {"2020-09-17", "2022-01-14"}
    assert query.actions(db, person="Nobody Atall").empty
    assert (
        query.actions(db, person="Stine Johansen", since="2022-01-01", status="open")["text"]
        .str.startswith("Arbejdsgruppen")
        .all()
    )


def test_actions_bad_date(db):
    with pytest.raises(QueryError, match="until must be a date"):
        query.actions(db, until="31/12")


# ------------------------------------------------------------------ attendance


def test_attendance_over_a_period(db):
    year = query.attendance(db, since="2022-01-01", until="2022-12-31", organization="KOMDIR").set_index("person")
    kruse = year.loc["Henrik Kruse"]
    assert (kruse.attended, kruse.apologies, kruse.rate) == (1, 0, 1.0)
    assert (kruse.first_seen, kruse.last_seen) == ("2022-01-14", "2022-01-14")
    assert "Mette Dahl" not in year.index and "Per Røner" not in year.index  # SCF; only in 2020
    willy = query.attendance(db, until="2021-12-31").set_index("person").loc["Willy Feddersen"]
    assert (willy.attended, willy.apologies) == (0, 2)


def test_attendance_by_organization_body_and_person(db):
    scf = query.attendance(db, organization="Socialchefforeningen")
    assert "Karsten Bjerre" in set(scf["person"]) and "Henrik Kruse" not in set(scf["person"])
    assert set(query.attendance(db, body="bestyrelsen")["person"]) == set(scf["person"])
    assert list(query.attendance(db, person="Henrik Kruise", since="2021-01-01")["attended"]) == [2]
    # no filter: the same numbers as the attendance_summary view
    full = query.attendance(db)
    view = query.sql(db, "SELECT name AS person, attended, apologies, rate FROM attendance_summary")
    assert (
        full[["person", "attended", "apologies", "rate"]]
        .sort_values("person")
        .reset_index(drop=True)
        .equals(view.sort_values("person").reset_index(drop=True))
    )


# ------------------------------------------------------------------ meetings, events, search


def test_meetings_by_text_and_person(db):
    assert list(query.meetings(db, text="regnskab")["date"]) == ["2021-03-29"]  # an agenda item's title
    assert list(query.meetings(db, text="paraplyarrangement")["date"]) == ["2022-01-14"]  # a decision
    assert list(query.meetings(db, person="Christine Brochdorf")["date"]) == ["2022-01-14"]
    assert list(query.meetings(db, person="Henrik Kruise", until="2021-12-31")["date"]) == ["2020-09-17", "2021-03-29"]
    assert query.meetings(db, person="Nobody Atall").empty


def test_events_filters(db):
    assert len(query.events(db)) == 8
    later = query.events(db, since="2022-03-08")  # the 7-9 March fair is still on
    assert list(later["date"]) == ["2022-03-07", "2022-03-15", "2022-05-20"]
    assert list(query.events(db, since="2022-03-01", until="2022-03-07")["text"]) == [
        'svenske "kvalitetsmesse" om kommunal ledelse'
    ]
    assert list(query.events(db, organization="Socialchefforeningen")["text"]) == ["Generalforsamling"]
    assert len(query.events(db, body="HB", text="årsmøde")) == 2


def test_search_filters(db):
    assert set(query.search(db, "høringssvar")["organization"]) == {"Socialchefforeningen"}
    assert query.search(db, "høringssvar", organization="KOMDIR").empty
    assert set(query.search(db, "årsmøde", since="2022-01-01")["meeting_date"]) == {"2022-01-14"}
    assert set(query.search(db, "årsmøde", until="2021-12-31", body="hb")["meeting_date"]) == {"2021-03-29"}


# ------------------------------------------------------------------ CLI


def _json(args: list[str], db) -> list[dict]:
    res = runner.invoke(app, [*args, "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_cli_filters(db):
    rows = _json(
        ["actions", "--org", "KOMDIR", "--since", "2022-01-01", "--until", "2022-12-31", "--text", "arbejdsgruppe"], db
    )
    assert len(rows) == 2 and {r["meeting_date"] for r in rows} == {"2022-01-14"}
    assert len(_json(["actions", "--person", "Henrik Kruise"], db)) == 1
    rows = _json(["attendance", "--org", "KOMDIR", "--body", "HB", "--since", "2022-01-01"], db)
    assert {r["person"]: r["attended"] for r in rows}["Henrik Kruse"] == 1
    assert [r["date"] for r in _json(["meetings", "--text", "regnskab"], db)] == ["2021-03-29"]
    assert [r["date"] for r in _json(["meetings", "--person", "Christine Brochdorf"], db)] == ["2022-01-14"]
    assert [r["text"] for r in _json(["events", "--org", "Socialchefforeningen", "--since", "2022-01-01"], db)] == [
        "Generalforsamling"
    ]
    assert _json(["search", "høringssvar", "--org", "KOMDIR"], db) == []
    assert len(_json(["decisions", "--org", "KOMDIR", "--person", "Per Røner", "--text", "udpegningen"], db)) == 1


@pytest.mark.parametrize(
    "cmd",
    [
        ["actions", "--since", "2022-13-01"],
        ["actions", "--until", "jan"],
        ["attendance", "--since", "yesterday"],
        ["attendance", "--until", "2022-02-30"],
        ["events", "--since", "31/12"],
        ["search", "årsmøde", "--until", "x"],
        ["meetings", "--since", "2022/01/01"],
    ],
)
def test_bad_dates_are_usage_errors(db, cmd):
    res = runner.invoke(app, [*cmd, "--db", str(db)])
    assert res.exit_code == 2, res.output
    assert "not a date like 2022-01-31" in res.stderr
