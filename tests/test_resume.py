"""Kill -9 an import part-way (three times), then run it to the end: every
document is there once, completely, exactly as a clean import writes it."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from test_import import RECORD_TABLES, rows

from conftest import REPO
from pipeline.process import run_import
from pipeline.store import Store

sys.path.insert(0, str(REPO / "bench"))
from make_corpus import make  # noqa: E402

N = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make(folder, N, formats=("txt", "docx"))
    return folder


def saved(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet, or busy
        return 0


def start_import(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "import", str(corpus), "--db", str(db), "--workers", "2", "-q"],
        cwd=REPO,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the importer, its fork server and its workers (one session)."""
    family = [proc.pid]
    try:
        family += [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    except psutil.Error:
        pass
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in family):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in family), "a process of the killed import survived"


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def test_kill_and_resume(corpus, tmp_path, nlp):
    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        assert run_import([corpus], store, workers=0, nlp=nlp).imported == N

    db = tmp_path / "resumed.db"
    rng = random.Random(11)
    kills = 0
    for threshold in (3, 12, 21):
        proc = start_import(corpus, db)
        deadline = time.monotonic() + 240
        while proc.poll() is None and saved(db) < threshold and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))  # land anywhere: between documents or inside a transaction
        if proc.poll() is not None:  # it finished first (a fast machine): nothing left to interrupt
            break
        kill_group(proc)
        kills += 1
        print(f"killed at {saved(db)} documents")
    assert kills >= 1, "the import finished before it could be killed"

    final = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "import", str(corpus), "--db", str(db), "--workers", "2", "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert final.returncode == 0, final.stderr
    imported, unchanged = map(int, re.search(r"Imported (\d+), unchanged (\d+), failed 0", final.stdout).groups())
    assert imported + unchanged == N

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        paths = [r[0] for r in con.execute("SELECT path FROM documents WHERE status = 'ok'")]
        assert len(paths) == len(set(paths)) == N
        assert con.execute("SELECT count(*) FROM documents WHERE status != 'ok'").fetchone()[0] == 0
        for t in RECORD_TABLES + ("meeting_documents",):
            orphans = con.execute(
                f"SELECT count(*) FROM {t} WHERE document_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0, t
        assert (
            con.execute(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM meeting_documents m WHERE m.document_id = d.id)"
            ).fetchone()[0]
            == 0
        )
    assert rows(db) == rows(clean)  # no document half-written: the same records as a clean import
