"""`referat serve`: Datasette on a small store, started through pipeline.analyst.serve.serve
in a subprocess; the home page and the canned queries answer."""

from __future__ import annotations

import json
import socket
import sqlite3
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures_records import all_records
from helpers.serve import running_server
from pipeline.analyst.serve import CANNED_QUERIES, INSTALL_HINT, metadata
from pipeline.store import Store

pytest.importorskip("datasette")

REQUEST_S = 10


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
    return path


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_S) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server(db):
    with running_server(db) as base:
        yield base


def test_home_page(server, db):
    status, body = _get(server + "/")
    assert status == 200
    assert "referat" in body and db.stem in body


def test_database_page_lists_canned_queries(server, db):
    status, body = _get(f"{server}/{db.stem}")
    assert status == 200
    for name in CANNED_QUERIES:
        assert name in body
    assert "Search the decision history" in body


def test_decision_history(server, db):
    status, body = _get(f"{server}/{db.stem}/search_decisions?body=HB&since=2022-01-01&until=&text=")
    assert status == 200
    assert "rykkes årsmødet til 20/5" in body
    assert "HB godkendte regnskabet for 2020" not in body  # before --since
    status, body = _get(f"{server}/{db.stem}/search_decisions.json?_shape=objects&body=&since=&until=&text=regnskabet")
    rows = json.loads(body)["rows"]
    assert status == 200 and [r["text"] for r in rows] == ["HB godkendte regnskabet for 2020."]


def test_decision_history_view_can_be_faceted(server, db):
    """The view is not hidden by a canned query of the same name: its table page facets."""
    status, body = _get(f"{server}/{db.stem}/decision_history.json?_shape=objects&_facet=body")
    data = json.loads(body)
    assert (
        status == 200
        and data["rows"]
        and "body" in data.get("facet_results", {}).get("results", data.get("facet_results", {}))
    )


def test_open_actions_and_attendance(server, db):
    status, body = _get(f"{server}/{db.stem}/open_actions_by_owner.json?_shape=objects&owner=Kruise")
    rows = json.loads(body)["rows"]
    assert status == 200
    assert {r["owner"] for r in rows} == {"Henrik Kruse"}  # any spelling finds the person
    status, body = _get(f"{server}/{db.stem}/open_actions_per_owner.json?_shape=objects")
    counts = {r["owner"]: r["open_actions"] for r in json.loads(body)["rows"]}
    assert status == 200 and counts["Eik Møller"] == 2 and counts["sekretariatet"] == 2
    status, body = _get(f"{server}/{db.stem}/attendance_per_person")
    assert status == 200 and "Henrik Kruse" in body and "Willy Feddersen" in body


def test_upcoming_events(server, db):
    status, body = _get(f"{server}/{db.stem}/upcoming_events.json?_shape=objects&since=2022-03-01")
    rows = json.loads(body)["rows"]
    assert status == 200
    assert rows[0]["date"] >= "2022-03-01" or (rows[0]["end_date"] or "") >= "2022-03-01"
    assert any("kvalitetsmesse" in r["what"] for r in rows)  # 7-9 March
    assert not any(r["date"] < "2022-03-01" and not r["end_date"] for r in rows)
    assert {"event"} <= {r["kind"] for r in rows}


def test_database_is_read_only(server, db):
    status, _ = _get(f"{server}/{db.stem}.json?sql=DELETE+FROM+decisions")
    assert status == 400  # Datasette runs SELECTs only, on a read-only (immutable) file
    status, body = _get(f"{server}/{db.stem}.json?sql=SELECT+COUNT(*)+AS+n+FROM+decisions&_shape=objects")
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    assert status == 200 and json.loads(body)["rows"][0]["n"] == n > 0


def test_metadata_queries_run_on_the_schema(db):
    meta = metadata(db)
    queries = meta["databases"][db.stem]["queries"]
    with sqlite3.connect(db) as conn:
        for q in queries.values():
            params = {p: "" for p in ("body", "since", "until", "text", "owner") if f":{p}" in q["sql"]}
            conn.execute(q["sql"], params).fetchall()


def test_missing_datasette_is_one_line(monkeypatch, db):
    from pipeline.cli import app

    monkeypatch.setitem(sys.modules, "datasette", None)
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    result = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {INSTALL_HINT}"
    assert INSTALL_HINT == "datasette is not installed (pip install 'referat[serve]')"


def test_bad_database_and_busy_port(tmp_path, db):
    from pipeline.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and result.output.startswith("Error: no database")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 1 and f"port {port} on 127.0.0.1 is in use" in result.output


def test_database_download_is_refused(server, db):
    status, _ = _get(f"{server}/{db.stem}.db")
    assert status == 403


def test_dangerous_functions_are_refused(server, db):
    status, body = _get(f"{server}/{db.stem}.json?sql=select+fts3_tokenizer(%27simple%27)")
    assert status == 400 and "not authorized" in body
    from pipeline.analyst import query
    from pipeline.errors import QueryError

    with pytest.raises(QueryError, match="not authorized"):
        query.sql(db, "SELECT fts3_tokenizer('simple')")


def test_post_is_refused_without_a_traceback(server, db):
    req = urllib.request.Request(
        f"{server}/{db.stem}/search_decisions", data=b"body=&since=&until=&text=", method="POST"
    )
    try:
        urllib.request.urlopen(req, timeout=REQUEST_S)
        status = 200
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read().decode()
    assert status == 405 and "read-only" in body


def test_serving_beyond_loopback_warns(db, monkeypatch):
    from pipeline.analyst import serve as serve_mod
    from pipeline.cli import app

    monkeypatch.setattr(serve_mod, "serve", lambda *a, **k: None)
    res = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert res.exit_code == 0 and "Warning: --host 0.0.0.0 makes the database readable" in res.stderr
