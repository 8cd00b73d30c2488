"""CLI contract for what analysts hit first: each case failed before its fix.

Formula cells in query CSV, .xlsx refused with a hint, a runaway SQL query
stopped by its time budget, two inputs with one stem, an empty folder that must
not create a database, an unknown extension warned about, failures reported once,
bad dates as usage errors naming the option.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fixtures_records import all_records
from pipeline.analyst import query
from pipeline.analyst.export import ExportError, export_table
from pipeline.analyst.query import QueryError
from pipeline.cli import app
from pipeline.store import Store

runner = CliRunner()
RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "referat.db"
    with Store(path) as store:
        for built in all_records():
            built.save(store)
    return path


def test_query_csv_neutralises_formulas(db):
    res = runner.invoke(app, ["sql", "SELECT '=1+1' AS a, '@SUM(2)' AS b, 3 AS n", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[1] == "'=1+1,'@SUM(2),3"


def test_export_refuses_a_workbook_suffix(db, tmp_path):
    with pytest.raises(ExportError, match="--excel"):
        export_table(db, "decisions", tmp_path / "x.xlsx")
    res = runner.invoke(app, ["export", "decisions", "--out", str(tmp_path / "x.xlsx"), "--db", str(db)])
    assert res.exit_code == 1 and "x.csv --excel" in res.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_sql_time_budget_stops_a_runaway_query(db):
    t0 = time.monotonic()
    with pytest.raises(QueryError, match="stopped after 0.2 s"):
        query.sql(db, RUNAWAY, timeout_s=0.2)
    assert time.monotonic() - t0 < 5
    res = runner.invoke(app, ["sql", RUNAWAY, "--db", str(db), "--timeout", "0.2"])
    assert res.exit_code == 1 and "Error: query stopped after 0.2 s" in res.stderr


def test_sql_cancel_stops_a_running_query(db):
    flag: list[bool] = []
    threading.Timer(0.2, lambda: flag.append(True)).start()
    with pytest.raises(QueryError, match="interrupted"):
        query.sql(db, RUNAWAY, timeout_s=None, cancel=lambda: bool(flag))


@pytest.mark.slow
def test_extract_keeps_two_files_with_one_stem(tmp_path):
    for suffix in (".txt", ".md"):
        (tmp_path / f"a{suffix}").write_text(
            "Referat af bestyrelsesmøde 3. marts 2024\n1. Godkendelse\nReferatet blev godkendt.\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    res = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "a.md"), "--json-dir", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["a.md.json", "a.txt.json"]
    assert json.loads((out / "a.md.json").read_text(encoding="utf-8"))["document"] == "a.md"


def test_empty_folder_creates_no_database(tmp_path):
    (tmp_path / "empty").mkdir()
    db = tmp_path / "x.db"
    res = runner.invoke(app, ["import", str(tmp_path / "empty"), "--db", str(db), "--workers", "0"])
    assert res.exit_code == 2 and "no documents found" in res.stderr
    assert not db.exists()


@pytest.mark.slow
def test_unknown_extension_named_explicitly_is_warned_about(tmp_path):
    f = tmp_path / "referat.notes"
    f.write_text("Referat af bestyrelsesmøde 3. marts 2024\nTil stede: Anne Holm\n", encoding="utf-8")
    res = runner.invoke(app, ["import", str(f), "--db", str(tmp_path / "x.db"), "--workers", "0", "-q"])
    assert res.exit_code == 0, res.output
    assert "Warning: " in res.stderr and "unknown extension '.notes'" in res.stderr


@pytest.mark.slow
def test_a_failure_is_reported_once(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 truncated")
    (tmp_path / "good.txt").write_text("Referat 3. marts 2024\nTil stede: Anne Holm\n", encoding="utf-8")
    res = runner.invoke(app, ["import", str(tmp_path), "--db", str(tmp_path / "x.db"), "--workers", "0", "-q"])
    assert res.exit_code == 1
    assert res.output.count("bad.pdf") == 1, res.output
    assert "failed 1 (listed above)" in res.stdout


@pytest.mark.parametrize(
    "cmd",
    [["decisions", "--since", "2022-13-01"], ["meetings", "--until", "jan"], ["actions", "--due-before", "31/12"]],
)
def test_bad_date_is_a_usage_error_naming_the_option(db, cmd):
    res = runner.invoke(app, [*cmd, "--db", str(db)])
    assert res.exit_code == 2
    assert f"'{cmd[1]}'" in res.stderr and "not a date like 2022-01-31" in res.stderr


def _import_two(tmp_path):
    import shutil
    from pathlib import Path

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("komdir_hb_2020-09-17_dagsorden.txt", "komdir_hb_2022-01-14_referat.txt"):
        shutil.copy(raw / name, folder / name)
    db = tmp_path / "r.db"
    assert runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"]).exit_code == 0
    return folder, db


@pytest.mark.slow
def test_documents_rename_and_prune(tmp_path):
    folder, db = _import_two(tmp_path)
    res = runner.invoke(app, ["documents", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "ok"] and all(r["decisions"] > 0 for r in rows)
    (folder / "komdir_hb_2022-01-14_referat.txt").rename(folder / "hb-januar.txt")
    res = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"])
    assert "Imported 0, unchanged 2" in res.stdout  # the renamed file is found by its content
    names = [
        json.loads(line)["file"]
        for line in runner.invoke(app, ["documents", "--db", str(db), "-f", "jsonl"]).stdout.splitlines()
    ]
    assert sorted(names) == ["hb-januar.txt", "komdir_hb_2020-09-17_dagsorden.txt"]
    (folder / "hb-januar.txt").unlink()
    res = runner.invoke(app, ["prune", "--db", str(db)])
    assert res.exit_code == 0 and "1 document(s) removed" in res.stdout
    assert len(runner.invoke(app, ["documents", "--db", str(db), "-f", "jsonl"]).stdout.splitlines()) == 1


@pytest.mark.slow
def test_database_from_environment_and_config_file(tmp_path, monkeypatch):
    folder, db = _import_two(tmp_path)
    res = runner.invoke(app, ["decisions", "--format", "csv"], env={"REFERAT_DB": str(db)})
    assert res.exit_code == 0 and len(res.stdout.splitlines()) > 5
    from pipeline import config

    (tmp_path / "referat.toml").write_text('[referat]\ndb = "r.db"\nworkers = 1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFERAT_DB", raising=False)
    config.settings.cache_clear()
    try:
        s = config.settings()
        assert s.db == tmp_path / "r.db" and s.workers == 1 and s.source.endswith("referat.toml")
        (tmp_path / "referat.toml").write_text('[referat]\ndatabase = "x"\n', encoding="utf-8")
        config.settings.cache_clear()
        with pytest.raises(config.ConfigError, match="unknown setting"):
            config.settings()
    finally:
        config.settings.cache_clear()


@pytest.mark.slow
def test_version_and_module_entry_point():
    import subprocess
    import sys

    from pipeline import __version__

    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"referat {__version__}"
    out = subprocess.run([sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"referat {__version__}"


def test_another_applications_database_is_refused(tmp_path):
    import sqlite3

    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER)")
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    res = runner.invoke(
        app, ["import", str(raw / "komdir_hb_2022-01-14_referat.txt"), "--db", str(other), "--workers", "0", "-q"]
    )
    assert res.exit_code == 1 and "another application's SQLite database" in res.stderr
    with sqlite3.connect(other) as conn:
        assert [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["orders"]


def test_a_failed_export_leaves_the_old_file(db, tmp_path, monkeypatch):
    from pipeline.analyst import export

    out = tmp_path / "decisions.csv"
    out.write_text("old", encoding="utf-8")

    def broken(df, path, **kw):
        Path(path).write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "to_csv", broken)
    with pytest.raises(ExportError, match="No space left on device"):
        export_table(db, "decisions", out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["decisions.csv"]  # no temporary file left


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root ignores folder permissions")
def test_a_database_in_a_read_only_folder_can_be_queried(db, tmp_path):
    import shutil

    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(db, folder / "r.db")
    folder.chmod(0o555)
    try:
        assert len(query.decisions(folder / "r.db")) > 0
    finally:
        folder.chmod(0o755)


@pytest.mark.slow
@pytest.mark.parametrize("cmd", ["extract", "show", "eval"])
def test_every_command_that_reads_documents_has_the_import_budget(tmp_path, cmd):
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    big = tmp_path / "komdir_hb_2022-01-14_referat.txt"
    big.write_text((raw / big.name).read_text(encoding="utf-8") * 60, encoding="utf-8")
    args = {
        "extract": ["extract", str(big), "--json-dir", str(tmp_path / "out")],
        "show": ["show", str(big), "--html", str(tmp_path / "r.html")],
        "eval": ["eval", str(Path(__file__).parent / "data" / "expected"), str(big)],
    }[cmd]
    res = runner.invoke(app, [*args, "--timeout", "0.2"])
    assert res.exit_code == 1, res.output
    assert "timed out after 0.2 s" in res.stderr


@pytest.mark.slow
def test_the_import_summary_flags_documents_that_yielded_nothing(tmp_path):
    (tmp_path / "note.txt").write_text("Indkøbsliste\nMælk og brød\n", encoding="utf-8")
    res = runner.invoke(
        app, ["import", str(tmp_path / "note.txt"), "--db", str(tmp_path / "r.db"), "--workers", "0", "-q"]
    )
    assert res.exit_code == 0, res.output
    assert "1 imported document(s) lack a date, attendees or statements, 1 of them all three" in res.stdout
    assert "note.txt: no date, no attendees, no statements" in res.stdout
