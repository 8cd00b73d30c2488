"""`referat import`: idempotent, per-file errors, exit codes, budgets."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import RAW
from pipeline.cli import app
from pipeline.ingest import Limits
from pipeline.process import Outcome, discover, run_import
from pipeline.store import Store

runner = CliRunner()


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchone()[0]


def test_import_twice_is_idempotent(tmp_path):
    db = tmp_path / "r.db"
    first = runner.invoke(app, ["import", str(RAW), "--db", str(db), "--workers", "0"])
    assert first.exit_code == 0, first.output
    assert "Imported 6, unchanged 0, failed 0" in first.output
    rows = {t: count(db, f"SELECT count(*) FROM {t}") for t in ("documents", "decisions", "actions", "events")}
    second = runner.invoke(app, ["import", str(RAW), "--db", str(db), "--workers", "0"])
    assert second.exit_code == 0 and "Imported 0, unchanged 6, failed 0" in second.output
    assert rows == {t: count(db, f"SELECT count(*) FROM {t}") for t in rows}
    assert rows["documents"] == 6 and rows["decisions"] > 0


def test_changed_file_replaces_its_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "m.txt"
    doc.write_text("Referat 3. marts 2023\nTil stede: Leif Hansen\n1. Sag\nBestyrelsen besluttede at male.\n",
                   encoding="utf-8")
    db = tmp_path / "r.db"
    assert runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0"]).exit_code == 0
    doc.write_text(doc.read_text(encoding="utf-8") + "Forslaget blev vedtaget.\n", encoding="utf-8")
    out = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0"])
    assert "Imported 1, unchanged 0" in out.output
    assert count(db, "SELECT count(*) FROM documents") == 1
    assert count(db, "SELECT count(*) FROM decisions") == 2


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(RAW, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.pdf").write_bytes(bytes(range(256)) * 20)
    db = tmp_path / "r.db"
    out = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"])
    assert out.exit_code == 1
    assert "Imported 6, unchanged 0, failed 2" in out.output
    assert "empty.txt: empty file" in out.output
    assert "junk.pdf:" in out.output
    assert count(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 6
    assert count(db, "SELECT count(*) FROM documents WHERE status = 'failed'") == 2


def test_missing_path_is_a_usage_error(tmp_path):
    out = runner.invoke(app, ["import", str(tmp_path / "nope"), "--db", str(tmp_path / "r.db")])
    assert out.exit_code == 2 and "no such file or folder" in out.output


def test_worker_pool_gives_the_same_rows_as_in_process(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert runner.invoke(app, ["import", str(RAW), "--db", str(a), "--workers", "0"]).exit_code == 0
    assert runner.invoke(app, ["import", str(RAW), "--db", str(b), "--workers", "2"]).exit_code == 0
    for t in ("documents", "attendance", "agenda_items", "decisions", "actions", "events"):
        assert count(a, f"SELECT count(*) FROM {t}") == count(b, f"SELECT count(*) FROM {t}"), t


def test_a_file_over_its_time_budget_is_killed_and_reported(tmp_path, monkeypatch):
    import pipeline.process as process

    def slow(path, nlp, limits):
        if path.name.endswith(".pdf"):
            time.sleep(30)
        return real(path, nlp, limits)

    real = process.process_file
    monkeypatch.setattr(process, "process_file", slow)  # inherited by the forked workers
    with Store(tmp_path / "r.db") as store:
        summary = run_import([RAW], store, workers=2, timeout_s=3)
    assert summary.imported == 4
    assert sorted(Path(p).suffix for p, _ in summary.failed) == [".pdf", ".pdf"]
    assert all("timed out after 3 s" in reason for _, reason in summary.failed)


def test_discover_skips_hidden_temp_and_loops(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "~$b.docx").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "c.xyz").write_text("x")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.pdf").write_text("x")
    (sub / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [p.name for p in discover([tmp_path])]
    assert found == ["a.txt", "d.pdf"]
    assert [p.name for p in discover([tmp_path / "c.xyz"])] == ["c.xyz"]  # named explicitly


def test_console_script_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "import", str(RAW / "komdir_hb_2022-01-14_referat.txt"),
                          "--db", str(tmp_path / "r.db"), "-q"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Imported 1" in out.stdout


def test_extract_writes_gold_json(tmp_path):
    out = runner.invoke(app, ["extract", str(RAW / "komdir_hb_2022-01-14_referat.pdf"), "--json-dir", str(tmp_path)])
    assert out.exit_code == 0
    import json

    data = json.loads((tmp_path / "komdir_hb_2022-01-14_referat.json").read_text(encoding="utf-8"))
    assert data["meeting"]["date"] == "2022-01-14" and data["decisions"]
