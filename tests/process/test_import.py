"""`referat import` and pipeline.process: idempotent, per-file errors, exit
codes, discovery, and the worker pool's time and memory budgets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import RAW, REPO
from helpers.store import RECORD_TABLES, count, rows  # noqa: F401
from pipeline.cli import app
from pipeline.discover import discover
from pipeline.ingest import Limits
from pipeline.process import Outcome, process_file, run_import
from pipeline.store import Store

runner = CliRunner()


def cli(*args: str):
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=300, cwd=REPO
    )


# ------------------------------------------------------------------ the command


@pytest.mark.slow
def test_import_twice_is_idempotent(tmp_path):
    db = tmp_path / "r.db"
    first = runner.invoke(app, ["import", str(RAW), "--db", str(db), "--workers", "0"])
    assert first.exit_code == 0, first.output
    assert "Imported 6, unchanged 0, failed 0" in first.stdout
    before = rows(db)
    second = runner.invoke(app, ["import", str(RAW), "--db", str(db), "--workers", "0"])
    assert second.exit_code == 0 and "Imported 0, unchanged 6, failed 0" in second.stdout
    assert rows(db) == before
    assert len(before["documents"]) == 6 and before["decisions"]


@pytest.mark.slow
def test_import_as_a_subprocess_twice(tmp_path):
    db = tmp_path / "r.db"
    first = cli("import", str(RAW), "--db", str(db), "--workers", "2")
    assert first.returncode == 0, first.stderr
    assert "Imported 6, unchanged 0, failed 0" in first.stdout
    assert "spaCy pipeline: " in first.stderr
    second = cli("import", str(RAW), "--db", str(db), "--workers", "2")
    assert second.returncode == 0, second.stderr
    assert "Imported 0, unchanged 6, failed 0" in second.stdout
    assert count(db, "SELECT count(*) FROM documents") == 6
    assert count(db, "SELECT count(DISTINCT path) FROM documents WHERE status = 'ok'") == 6


@pytest.mark.slow
def test_touched_but_identical_file_is_unchanged(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(RAW, folder)
    db = tmp_path / "r.db"
    assert runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0"]).exit_code == 0
    os.utime(folder / "komdir_hb_2022-01-14_referat.txt", (1, 1))  # new mtime, same bytes: hashed, not read
    out = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0"])
    assert "Imported 0, unchanged 6" in out.stdout


@pytest.mark.slow
def test_changed_file_replaces_its_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "m.txt"
    doc.write_text(
        "Referat 3. marts 2023\nTil stede: Leif Hansen\n1. Sag\nBestyrelsen besluttede at male.\n", encoding="utf-8"
    )
    db = tmp_path / "r.db"
    assert runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0"]).exit_code == 0
    doc.write_text(doc.read_text(encoding="utf-8") + "Forslaget blev vedtaget.\n", encoding="utf-8")
    out = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0"])
    assert "Imported 1, unchanged 0" in out.stdout
    assert count(db, "SELECT count(*) FROM documents") == 1
    assert count(db, "SELECT count(*) FROM decisions") == 2


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["0", "2"])
def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path, workers):
    folder = tmp_path / "in"
    shutil.copytree(RAW, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.pdf").write_bytes(bytes(range(256)) * 20)
    db = tmp_path / "r.db"
    out = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", workers, "-q"])
    assert out.exit_code == 1
    assert "Imported 6, unchanged 0, failed 2" in out.stdout
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 2, errors  # one line per bad file, naming it and the cause
    assert errors[0] == f"Error: {folder / 'empty.txt'}: empty file (0 bytes)"
    assert errors[1].startswith(f"Error: {folder / 'junk.pdf'}: ") and len(errors[1]) > len(str(folder)) + 20
    assert "failed 2 (listed above)" in out.stdout and "empty.txt" not in out.stdout  # reported once
    assert count(db, "SELECT count(*) FROM documents WHERE status = 'ok'") == 6
    assert count(db, "SELECT count(*) FROM documents WHERE status = 'failed'") == 2
    again = runner.invoke(app, ["import", str(folder), "--db", str(db), "--workers", "0", "-q"])
    assert again.exit_code == 1 and "Imported 0, unchanged 6, failed 2" in again.stdout  # failures are retried


@pytest.mark.slow
def test_bad_files_via_subprocess(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RAW / "komdir_hb_2022-01-14_referat.txt", folder)
    (folder / "empty.docx").write_bytes(b"")
    out = cli("import", str(folder), "--db", str(tmp_path / "r.db"), "--workers", "1")
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == f"Error: {folder / 'empty.docx'}: empty file (0 bytes)"
    assert "Imported 1, unchanged 0, failed 1" in out.stdout


def test_missing_path_is_a_usage_error(tmp_path):
    out = runner.invoke(app, ["import", str(tmp_path / "nope"), "--db", str(tmp_path / "r.db")])
    assert out.exit_code == 2
    assert out.stderr.strip() == f"Error: {tmp_path / 'nope'}: no such file or folder"
    assert cli("import", str(tmp_path / "nope"), "--db", str(tmp_path / "r.db")).returncode == 2


def test_nothing_found_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.xyz").write_text("x")
    out = runner.invoke(app, ["import", str(tmp_path / "in"), "--db", str(tmp_path / "r.db")])
    assert out.exit_code == 2 and "no documents found" in out.stderr


@pytest.mark.slow
def test_a_named_file_of_any_suffix_is_attempted(tmp_path):
    odd = tmp_path / "notes.xyz"
    odd.write_bytes(b"\x00\x01\x02 not a document")
    out = runner.invoke(app, ["import", str(odd), "--db", str(tmp_path / "r.db"), "--workers", "0", "-q"])
    assert out.exit_code == 1
    warning, error = out.stderr.strip().splitlines()
    assert warning.startswith(f"Warning: {odd}: unknown extension '.xyz'")
    assert error.startswith(f"Error: {odd}: ")


@pytest.mark.slow
def test_worker_pool_gives_the_same_rows_as_in_process(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert runner.invoke(app, ["import", str(RAW), "--db", str(a), "--workers", "0"]).exit_code == 0
    assert runner.invoke(app, ["import", str(RAW), "--db", str(b), "--workers", "2"]).exit_code == 0
    assert rows(a) == rows(b)


def test_unknown_model_is_one_clear_line(tmp_path):
    out = runner.invoke(
        app, ["import", str(RAW), "--db", str(tmp_path / "r.db"), "--workers", "1", "--model", "no_such_model_xx"]
    )
    assert out.exit_code == 1
    assert out.stderr.startswith("Error: the workers cannot build the spaCy pipeline")
    assert len(out.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ budgets
# Processors replace process_file in the workers; they must be module-level
# (picklable) because workers start from a fork server.


def sleepy(path: Path, nlp, limits: Limits) -> Outcome:
    if path.suffix == ".pdf":
        time.sleep(60)
    return process_file(path, nlp, limits)


def hungry(path: Path, nlp, limits: Limits) -> Outcome:
    if path.suffix == ".pdf":
        bytearray(3 * 1024**3)  # over the address-space limit: MemoryError
    return process_file(path, nlp, limits)


def creeping(path: Path, nlp, limits: Limits) -> Outcome:
    """A child process that grows: the worker's own address-space limit does not
    see it, the parent's watch on the worker's process tree does."""
    if path.suffix == ".pdf":
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import time\nb = []\nfor _ in range(80):\n"
                "    b.append(b'x' * 10 * 1024**2); time.sleep(0.05)\ntime.sleep(60)",
            ]
        )
        Path(limits.extra["pids"], f"{child.pid}.pid").touch()
        child.wait()
    return process_file(path, nlp, limits)


def crashing(path: Path, nlp, limits: Limits) -> Outcome:
    if path.suffix == ".pdf":
        os._exit(3)
    return process_file(path, nlp, limits)


def _pool_import(tmp_path, processor, **kw):
    with Store(tmp_path / "r.db") as store:
        return run_import([RAW], store, workers=2, processor=processor, **kw)


@pytest.mark.slow
def test_a_file_over_its_time_budget_is_killed_and_reported(tmp_path):
    started = time.monotonic()
    summary = _pool_import(tmp_path, sleepy, timeout_s=3)
    # the sleeping files never finish on their own: the batch ends only because they are killed
    # (generous bound: two workers start spaCy on a loaded 2-core machine first)
    assert time.monotonic() - started < 120
    assert summary.imported == 4
    assert sorted(Path(p).suffix for p, _ in summary.failed) == [".pdf", ".pdf"]
    assert {reason for _, reason in summary.failed} == {"timed out after 3 s"}
    assert count(tmp_path / "r.db", "SELECT count(*) FROM documents WHERE error = 'timed out after 3 s'") == 2


@pytest.mark.slow
def test_a_file_over_its_memory_limit_is_reported(tmp_path):
    summary = _pool_import(tmp_path, hungry, memory_mb=1536)
    assert summary.imported == 4
    assert {reason for _, reason in summary.failed} == {"ran out of memory (limit 1536 MB)"}


@pytest.mark.slow
def test_the_rss_watch_kills_a_growing_process_tree(tmp_path):
    import psutil

    pids = tmp_path / "pids"
    pids.mkdir()
    summary = _pool_import(tmp_path, creeping, memory_mb=700, limits=Limits(extra={"pids": str(pids)}))
    assert summary.imported == 4
    assert {reason for _, reason in summary.failed} == {"ran out of memory (limit 700 MB)"}
    children = [int(p.stem) for p in pids.iterdir()]
    assert len(children) == 2
    time.sleep(0.5)
    assert not any(
        psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in children
    )  # killed with their worker


@pytest.mark.slow
def test_a_crashing_worker_is_replaced(tmp_path):
    summary = _pool_import(tmp_path, crashing)
    assert summary.imported == 4
    assert len(summary.failed) == 2
    assert {reason for _, reason in summary.failed} == {"the worker crashed on this file (exit code 3)"}


def test_in_process_mode_uses_the_given_nlp(tmp_path, nlp):
    with Store(tmp_path / "r.db") as store:
        summary = run_import([RAW / "komdir_hb_2022-01-14_referat.txt"], store, workers=0, nlp=nlp)
    assert summary.imported == 1 and summary.pipeline == "blank:da+rules"


# ------------------------------------------------------------------ discovery


def test_discover_skips_hidden_temp_and_loops(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "~$b.docx").write_text("x")
    (tmp_path / ".~lock.a.txt#").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "c.xyz").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "e.txt").write_text("x")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.pdf").write_text("x")
    (sub / "loop").symlink_to(tmp_path, target_is_directory=True)
    (sub / "again").symlink_to(sub, target_is_directory=True)
    (sub / "same.txt").symlink_to(tmp_path / "a.txt")
    found = [p.name for p in discover([tmp_path, tmp_path / "sub"])]
    assert found == ["a.txt", "d.pdf"]
    assert [p.name for p in discover([tmp_path / "c.xyz"])] == ["c.xyz"]  # named explicitly


def test_discover_is_lazy_and_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "c.docx"):
        (tmp_path / name).write_text("x")
    it = discover([tmp_path])
    assert next(it).name == "a.txt"
    assert [p.name for p in it] == ["b.txt", "c.docx"]


# ------------------------------------------------------------------ extract and help


@pytest.mark.slow
def test_extract_writes_gold_json(tmp_path):
    out = runner.invoke(app, ["extract", str(RAW / "komdir_hb_2022-01-14_referat.pdf"), "--json-dir", str(tmp_path)])
    assert out.exit_code == 0
    text = (tmp_path / "komdir_hb_2022-01-14_referat.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["meeting"]["date"] == "2022-01-14" and data["decisions"]
    assert "Møller" in text  # UTF-8, not \\u escapes


@pytest.mark.slow
def test_extract_reports_failures_one_line_each(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = runner.invoke(
        app, ["extract", str(bad), str(RAW / "komdir_hb_2022-01-14_referat.txt"), "--json-dir", str(tmp_path / "out")]
    )
    assert out.exit_code == 1
    assert out.stderr.strip() == f"Error: {bad}: empty file (0 bytes)"
    assert (tmp_path / "out" / "komdir_hb_2022-01-14_referat.json").exists()
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--json-dir", str(tmp_path / "out")])
    assert missing.exit_code == 2


@pytest.mark.parametrize("command", ["import", "extract"])
def test_help_has_a_worked_example(command):
    out = runner.invoke(app, [command, "--help"])
    assert out.exit_code == 0 and f"Example: referat {command} " in out.stdout
