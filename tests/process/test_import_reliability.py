"""Never lose a good record: a later read failure keeps the imported version, and
identical files are one document however many workers import them."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
runner = CliRunner()


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute(sql)]


@pytest.mark.slow
def test_truncated_file_keeps_its_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "referat.txt"
    shutil.copy(RAW / "komdir_hb_2022-01-14_referat.txt", doc)
    db = tmp_path / "r.db"
    assert runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"]).exit_code == 0
    decisions = _rows(db, "SELECT count(*) FROM decisions")[0][0]
    assert decisions > 0
    doc.write_bytes(b"")  # a sync client truncates it for a moment
    res = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"])
    assert res.exit_code == 1
    assert "empty file" in res.stderr and "kept the version imported on " in res.stderr
    assert _rows(db, "SELECT count(*) FROM decisions")[0][0] == decisions
    assert _rows(db, "SELECT status, last_error FROM documents") == [("ok", "empty file (0 bytes)")]


@pytest.mark.slow
@pytest.mark.parametrize("workers", [0, 2])
def test_identical_files_are_one_document(tmp_path, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        shutil.copy(RAW / "komdir_hb_2022-01-14_referat.txt", folder / f"copy{i}.txt")
    db = tmp_path / "r.db"
    res = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", str(workers), "-q"])
    assert res.exit_code == 0, res.output
    assert "Imported 1, unchanged 3, failed 0" in res.stdout
    assert _rows(db, "SELECT name FROM documents") == [("copy0.txt",)]
    assert sorted(p for (p,) in _rows(db, "SELECT path FROM document_paths")) == [
        str(folder / f"copy{i}.txt") for i in (1, 2, 3)
    ]
    mentions = _rows(db, "SELECT sum(count) FROM person_aliases")[0][0]
    again = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", str(workers), "-q"])
    assert "Imported 0, unchanged 4, failed 0" in again.stdout
    assert _rows(db, "SELECT sum(count) FROM person_aliases")[0][0] == mentions


def test_folder_json_that_is_not_a_portal_export_is_passed_over(tmp_path):
    from pipeline.discover import discover

    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    (tmp_path / "udvalg.json").write_text('{"Dagsordenpunkter": []}', encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["udvalg.json"]
    assert [p.name for p in discover([tmp_path / "package.json"])] == ["package.json"]  # named: attempted


@pytest.mark.slow
def test_odd_entries_are_reported_not_silently_skipped(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RAW / "komdir_hb_2022-01-14_referat.txt", folder / "ok.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "..txt").write_text("hidden", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("Til stede: Anne Holm", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    db = tmp_path / "r.db"
    res = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"])
    assert res.exit_code == 0, res.output
    assert "Imported 1, unchanged 0, failed 0, skipped 5" in res.stdout
    lines = res.stderr.splitlines()
    for name, reason in (
        ("dangling.txt", "link to nothing"),
        ("loop.txt", "link to nothing"),
        ("pipe.txt", "not a regular file"),
        ("..txt", "hidden or temporary file"),
        ("passwd.txt", "link out of the imported folder"),
    ):
        assert any(line.startswith(f"Skipped: {folder / name}: {reason}") for line in lines), (name, lines)
    res = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q", "--follow-links"])
    assert "Imported 1" in res.stdout  # the link out is followed when asked


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_imported_and_shown_escaped(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    latin1 = os.fsdecode(os.fsencode(str(folder)) + b"/m\xf8de.txt")
    shutil.copy(RAW / "komdir_hb_2022-01-14_referat.txt", latin1)
    forged = folder / "x\nError: fake.pdf: forged\rx.pdf"
    forged.write_bytes(b"%PDF-1.4 broken")
    db = tmp_path / "r.db"
    res = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"])
    assert res.exit_code == 1, res.output
    assert "Imported 1, unchanged 0, failed 1" in res.stdout
    errors = [line for line in res.stderr.split("\n") if line.startswith("Error: ")]
    assert len(errors) == 1 and "x\\nError: fake.pdf: forged\\rx.pdf: " in errors[0] and "\r" not in errors[0]
    assert _rows(db, "SELECT name FROM documents WHERE status = 'ok'") == [("m\\xf8de.txt",)]
    again = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"])
    assert "Imported 0, unchanged 1" in again.stdout
    assert runner.invoke(app, ["prune", "--db", str(db)]).stdout.startswith("0 document(s) removed")


def _stored(db) -> int:
    import sqlite3

    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _busy_folder(tmp_path, n=30):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    text = (RAW / "komdir_hb_2022-01-14_referat.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"m{i:03d}.txt").write_text(text + f"\nNote {i}.\n" * 200, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_workers_die_with_the_importer(tmp_path):
    import signal
    import subprocess
    import sys

    psutil = pytest.importorskip("psutil")
    folder = _busy_folder(tmp_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "import",
            str(folder),
            "--db",
            str(tmp_path / "r.db"),
            "--workers",
            "2",
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(parent.children(recursive=True)) < 3:
        time.sleep(0.2)
    tree = parent.children(recursive=True)
    assert len(tree) >= 3, "the pool did not start"
    time.sleep(2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(tree, timeout=20)  # workers notice the lost parent by polling

    def running(p) -> bool:  # a zombie is dead; only an init that does not reap leaves it listed
        try:
            return p.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    assert not [p.pid for p in alive if running(p)]


@pytest.mark.slow
def test_sigterm_ends_like_ctrl_c(tmp_path):
    import signal
    import subprocess
    import sys

    folder = _busy_folder(tmp_path, 80)
    db = tmp_path / "r.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "import", str(folder), "--db", str(db), "--workers", "1", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # stop it once it is busy storing
        if db.exists() and _stored(db) >= 1:
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err and "interrupted; what was imported is kept" in err


@pytest.mark.slow
def test_a_mass_hostile_archive_mixed_with_good_files(tmp_path):
    """520 seeded mutations of the samples (truncated, bit-flipped, spliced, random,
    lying about their type, odd names) beside good files: no traceback, the good
    files imported, every file accounted for once, every failure one line."""
    import sqlite3

    from hostile_mass import make_mass_corpus

    folder = tmp_path / "archive"
    made = make_mass_corpus(folder, RAW, n=520)
    db = tmp_path / "r.db"
    res = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "2", "-q", "--timeout", "60"])
    assert res.exit_code in (0, 1), res.output
    assert "Traceback" not in res.output and "Traceback" not in res.stderr
    errors = [line for line in res.stderr.split("\n") if line.startswith("Error: ")]
    m = __import__("re").search(
        r"Imported (\d+), unchanged (\d+), failed (\d+)(?: \(listed above\))?"
        r"(?:, skipped (\d+))?",
        res.stdout,
    )
    imported, unchanged, failed, skipped = (int(g or 0) for g in m.groups())
    assert imported + unchanged + failed + skipped == len(made["good"]) + len(made["mutated"])
    assert failed == len(errors) >= 100  # each failure once, on one line
    with sqlite3.connect(db) as conn:
        ok = {n for (n,) in conn.execute("SELECT name FROM documents WHERE status = 'ok'")}
    assert set(made["good"]) <= ok
