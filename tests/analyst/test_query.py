"""pipeline.analyst.query over a store of realistic records, and the analyst CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from fixtures_records import all_records
from pipeline.analyst import query
from pipeline.analyst.query import QueryError
from pipeline.cli.analyst import register
from pipeline.errors import StoreError
from pipeline.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
    return path


@pytest.fixture
def store():
    with Store(":memory:") as s:
        for built in all_records():
            built.save(s)
        yield s


# ------------------------------------------------------------------ decisions


def test_decisions_columns_and_order(db):
    df = query.decisions(db)
    assert len(df) == 17
    assert {
        "meeting_date",
        "organization",
        "body",
        "item",
        "agenda_title",
        "text",
        "due",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "file",
        "page",
    } <= set(df.columns)
    assert list(df["meeting_date"]) == sorted(df["meeting_date"])


def test_decisions_by_date_body_organization(db):
    assert set(query.decisions(db, since="2022-01-01")["meeting_date"]) == {"2022-01-14", "2022-02-07"}
    assert set(query.decisions(db, until="2020-12-31")["meeting_date"]) == {"2020-09-17"}
    assert set(query.decisions(db, body="hb")["organization"]) == {"KOMDIR"}
    assert len(query.decisions(db, organization="Socialchefforeningen")) == 4
    assert len(query.decisions(db, since="2021-01-01", until="2021-12-31", body="HB")) == 3


def test_decisions_by_text_ignores_case(db):
    df = query.decisions(db, text="ÅRSMØDET")
    assert list(df["text"]) == [
        "Årsmødet afholdes digitalt.",
        "Pga. et sammenfald med et paraplyarrangement i Hovedstadskredsen rykkes årsmødet til 20/5.",
    ]
    assert df.iloc[1]["due"] == "20/5" and df.iloc[1]["due_start"] == "2022-05-20"


def test_decisions_by_person(db):
    named = query.decisions(db, person="Per Røner")
    assert list(named["text"]) == ["HB godkendte udpegningen af Per Røner til udvalget."]
    owned = query.decisions(db, person="Stine Johansen")  # owner of item 2 in 2020
    assert set(owned["item"]) == {"2"} and set(owned["meeting_date"]) == {"2020-09-17"}
    assert query.decisions(db, person="Nobody Atall").empty


def test_votes(db):
    df = query.decisions(db, text="udpegningen")
    assert (df.iloc[0]["votes_for"], df.iloc[0]["votes_against"], df.iloc[0]["votes_abstain"]) == (5, 0, 1)


def test_bad_date_is_a_query_error(db):
    with pytest.raises(QueryError, match="since must be a date like 2022-01-31"):
        query.decisions(db, since="last tuesday")


# ------------------------------------------------------------------ actions


def test_actions_by_owner_through_the_registry(db):
    for spelling in ("Henrik Kruse", "Henrik Kruise", "henrik kruse", "Henrik Kruze"):
        df = query.actions(db, owner=spelling)
        assert list(df["owners"]) == ["Henrik Kruse"], spelling
    assert query.actions(db, owner="Henrik Winther")["text"].str.startswith("Arbejdsgruppen").all()


def test_actions_owned_by_a_body(db):
    df = query.actions(db, owner="Sekretariatet")
    assert len(df) == 2 and set(df["owners"]) == {"sekretariatet"}


def test_actions_due_before_and_status(db):
    df = query.actions(db, due_before="2021-06-01")
    assert set(df["due_start"]) == {"2020-10-01", "2021-05-17", "2021-05-31"}
    assert len(query.actions(db, status="open")) == 12
    assert query.actions(db, status="done").empty
    with pytest.raises(QueryError, match="open, done or cancelled"):
        query.actions(db, status="finished")


def test_action_owners_in_order(db):
    df = query.actions(db, owner="Christine Brochdorf")
    assert df.empty  # she is in the 2022 minutes but owns no action there
    df = query.actions(db, owner="Stine Johansen")
    assert "Niels Ågesen; Eik Møller; Henrik Winther; Stine Johansen" in set(df["owners"])


# ------------------------------------------------------------------ attendance


def test_attendance_per_person(db):
    df = query.attendance(db).set_index("person")
    kruse = df.loc["Henrik Kruse"]
    assert (kruse.attended, kruse.apologies, kruse.rate) == (2, 1, 0.667)
    assert (kruse.first_seen, kruse.last_seen) == ("2020-09-17", "2022-01-14")
    assert df.loc["Niels Ågesen"].attended == 3  # "Niels Aagesen" in 2021 is the same person
    assert df.loc["Henrik Winther"].attended == 1  # the agenda's invitees do not count twice
    assert "sekretariatet" not in df.index


def test_attendance_for_a_variant_spelling(db):
    df = query.attendance(db, person="Henrik Kruise")
    assert list(df["person"]) == ["Henrik Kruse"]


# ------------------------------------------------------------------ search


@pytest.mark.parametrize(
    "words, expected",
    [
        ("beslutte", "HB besluttede at sætte budgettet på dagsordenen."),
        ("aftale kontingent", "Det blev aftalt at hæve kontingentet med 2 procent fra 1. juli."),
        ("årsmøde", "Årsmødet afholdes digitalt."),
        ("godkendt regnskab", "HB godkendte regnskabet for 2020."),
        ("høringssvar", "Anne Marie Holm udarbejder udkast til høringssvar."),
    ],
)
def test_search_with_danish_stemming(db, words, expected):
    df = query.search(db, words)
    assert expected in set(df["text"])


def test_search_is_ranked_and_limited(db):
    df = query.search(db, "besluttede", limit=2)
    assert len(df) == 2 and list(df["score"]) == sorted(df["score"])
    assert set(df["kind"]) <= {"decision", "action"}
    both = query.search(db, "høringssvar")
    assert set(both["kind"]) == {"decision", "action"}


def test_search_prefix_and_errors(db):
    assert not query.search(db, "kontingen*").empty
    assert query.search(db, "flodhest").empty
    with pytest.raises(QueryError, match="at least one word"):
        query.search(db, "  ")
    assert query.search(db, 'AND "OR (').empty  # operators are words, not syntax


# ------------------------------------------------------------------ people and meetings


def test_people_shows_variants_and_rules(db):
    df = query.people(db).set_index("name")
    assert "Henrik Kruise (1, typo-last-name)" in df.loc["Henrik Kruse", "variants"]
    assert "Henrik Kruse (4, new)" in df.loc["Henrik Kruse", "variants"]
    assert df.loc["Henrik Kruse", "mentions"] == 5
    assert df.loc["sekretariatet", "kind"] == "body"
    assert df.loc["Mette Dahl", "organizations"] == "Socialchefforeningen"


def test_meetings_compare_agenda_and_minutes(db):
    df = query.meetings(db)
    assert len(df) == 5
    jan = df.set_index("date").loc["2022-01-14"]
    assert (jan.has_agenda, jan.has_minutes, jan.kind) == (1, 1, "minutes")
    assert (jan.planned, jan.recorded) == (7, 7)
    assert jan.dropped == "Økonomi og kontingent"
    assert jan.added == "Kalender"
    assert (jan.present, jan.absent, jan.decisions, jan.actions) == (10, 2, 5, 5)
    only_minutes = df.set_index("date").loc["2021-03-29"]
    assert pd.isna(only_minutes.planned) and only_minutes.recorded == 3 and only_minutes.dropped == ""


def test_meetings_filters(db):
    assert set(query.meetings(db, organization="komdir")["organization"]) == {"KOMDIR"}
    assert list(query.meetings(db, since="2022-02-01")["date"]) == ["2022-02-07"]


# ------------------------------------------------------------------ sql


def test_sql_reads_tables_and_views(db):
    assert query.sql(db, "SELECT COUNT(*) AS n FROM decisions").iloc[0]["n"] == 17
    assert len(query.sql(db, "-- the views\nWITH x AS (SELECT * FROM open_actions) SELECT * FROM x")) == 12
    assert len(query.sql(db, "SELECT * FROM decision_history WHERE body = ?", ("HB",))) == 13
    assert len(query.sql(db, "select * from attendance_summary")) == 19


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM decisions",
        "WITH x AS (SELECT 1) DELETE FROM decisions",
        "SELECT 1; DELETE FROM decisions",
        "PRAGMA query_only = OFF",
        "ATTACH DATABASE '/tmp/x.db' AS x",
        "/* sneaky */ UPDATE people SET name = 'x'",
    ],
)
def test_sql_refuses_writes(db, statement):
    with pytest.raises(QueryError):
        query.sql(db, statement)
    assert query.sql(db, "SELECT COUNT(*) AS n FROM decisions").iloc[0]["n"] == 17


def test_sql_errors_are_query_errors(db):
    with pytest.raises(QueryError, match="no such table"):
        query.sql(db, "SELECT * FROM nope")


def test_a_store_works_as_db_and_stays_writable(store):
    assert len(query.decisions(store, person="Henrik Kruise")) == 0
    assert len(query.actions(store, owner="Henrik Kruise")) == 1
    with pytest.raises(QueryError):
        query.sql(store, "WITH x AS (SELECT 1) DELETE FROM decisions")
    assert query.sql(store, "SELECT COUNT(*) AS n FROM documents").iloc[0]["n"] == 6
    all_records()[0].save(store)  # query_only was switched back off


def test_missing_database_says_to_import_first(tmp_path):
    with pytest.raises(StoreError, match="run `referat import` first"):
        query.decisions(tmp_path / "nope.db")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="not a referat database"):
        query.people(empty)


# ------------------------------------------------------------------ CLI


@pytest.fixture(scope="module")
def cli():
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


COMMANDS = ["decisions", "actions", "attendance", "search", "sql", "people", "meetings"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Example: referat " + command in result.output
    assert "--db" in result.output and "--format" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["decisions"],
        ["actions", "--owner", "sekretariatet"],
        ["attendance"],
        ["search", "beslutte"],
        ["sql", "SELECT 1 AS one"],
        ["people"],
        ["meetings"],
    ],
)
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_every_command_in_every_format(cli, db, args, fmt):
    result = cli(*args, "--db", db, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert isinstance(json.loads(result.stdout), list)
    elif fmt == "csv":
        assert result.stdout.count("\n") >= 2


def test_cli_decisions_csv(cli, db):
    result = cli("decisions", "--db", db, "--person", "Per Røner", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("meeting_date,organization,body,item,agenda_title,text,due")
    assert len(lines) == 2 and "Per Røner" in lines[1]


def test_cli_json_keeps_danish_letters_and_nulls(cli, db):
    result = cli("actions", "--db", db, "--owner", "Henrik Kruise", "--format", "json")
    [row] = json.loads(result.stdout)
    assert row["owners"] == "Henrik Kruse" and row["due_start"] == "2021-05-17"
    assert "undersøger" in result.stdout  # not \u00f8
    result = cli("decisions", "--db", db, "--text", "digitalt", "--format", "json")
    assert json.loads(result.stdout)[0]["due"] is None


def test_cli_table(cli, db):
    result = cli("attendance", "--db", db, "--person", "Henrik Kruise")
    assert result.exit_code == 0 and "Henrik Kruse" in result.stdout and "0.667" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["decisions", "--db", "missing.db"], "Error: no database at missing.db: run `referat import` first"),
        (["sql", "DROP TABLE people"], "Error: only SELECT or WITH queries are allowed"),
        (["search", "..."], "Error: search needs at least one word"),
        (["actions", "--status", "finished"], "Error: status must be open, done or cancelled"),
    ],
)
def test_cli_errors_are_one_line_and_exit_1(cli, db, tmp_path, args, message):
    if "--db" not in args:
        args = [*args, "--db", db]
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1 and result.stdout == ""
