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

from conftest import REPO
from helpers.store import RECORD_TABLES, rows
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


@pytest.mark.slow  # kills and restarts a 30-document import three times (~40-80 s)
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


# ---------------------------------------------------------------- every table, row for row

# Columns that say when something happened, not what was stored.
VOLATILE = {
    "documents": {"imported_at", "last_error_at"},
    "document_paths": {"seen_at"},
    "schema_migrations": {"applied_at"},
    "corrections": {"created_at", "applied_at"},
}
FTS_SHADOW = ("search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_config", "search_fts_content")


def store_rows(db: Path) -> dict[str, list]:
    """Every row of every table, with ids replaced by what they point at (a document by
    its SHA-256, a meeting by its key, a person by name and key, an action by its row),
    so two databases built in a different order compare equal when they hold the same.
    The full-text index is compared as (decision or action, stemmed text) pairs; its
    shadow tables are checked by FTS5's own integrity check."""
    con = sqlite3.connect(db)
    tables = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if r[0] not in FTS_SHADOW and r[0] != "search_fts"
    ]
    fks = {t: {f[3]: f[2] for f in con.execute(f"PRAGMA foreign_key_list({t})")} for t in tables}
    cols = {t: [c[1] for c in con.execute(f"PRAGMA table_info({t})")] for t in tables}
    natural: dict[tuple[str, object], object] = {}

    def nat(table: str, rid: object) -> object:
        if rid is None:
            return None
        if (table, rid) not in natural:
            row = con.execute(f"SELECT * FROM {table} WHERE id = ?", (rid,)).fetchone()
            natural[(table, rid)] = None if row is None else canon(table, dict(zip(cols[table], row)))
        return natural[(table, rid)]

    def canon(table: str, row: dict) -> tuple:
        out = []
        for c in cols[table]:
            if c == "id" or c in VOLATILE.get(table, ()):
                continue
            target = fks[table].get(c)
            out.append((c, nat(target, row[c]) if target else row[c]))
        return tuple(out)

    dump: dict[str, list] = {}
    for t in tables:
        dump[t] = sorted((canon(t, dict(zip(cols[t], r))) for r in con.execute(f"SELECT * FROM {t}")), key=repr)
    fts = []
    for rowid, stemmed in con.execute("SELECT rowid, stemmed FROM search_fts"):
        table = "decisions" if rowid % 2 == 0 else "actions"
        fts.append((table, nat(table, rowid // 2), stemmed))
    dump["search_fts"] = sorted(fts, key=repr)
    con.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
    con.close()
    return dump


def assert_same_store(got: dict[str, list], want: dict[str, list]) -> None:
    assert sorted(got) == sorted(want)
    for t in want:
        missing = [r for r in want[t] if r not in got[t]][:2]
        extra = [r for r in got[t] if r not in want[t]][:2]
        assert got[t] == want[t], f"{t}: {len(got[t])} rows vs {len(want[t])} clean; missing {missing}, extra {extra}"


@pytest.mark.slow  # the resume tests' helper, on their 30-document corpus
def test_store_rows_sees_every_table(tmp_path, corpus, nlp):
    db = tmp_path / "one.db"
    with Store(db) as store:
        run_import(sorted(corpus.iterdir())[:3], store, workers=0, nlp=nlp)
    dump = store_rows(db)
    for t in ("documents", "meetings", "people", "person_aliases", "decisions", "actions", "action_owners"):
        assert dump[t], t
    assert dump["search_fts"] and all(r[1] is not None for r in dump["search_fts"])  # every index row has its record


KILLS = 5


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_kill_at_seeded_random_points_then_resume_equals_a_clean_import(corpus, tmp_path, nlp):
    """kill -9 at five seeded random moments (each a random number of saved documents,
    then a random fraction of a second: between documents or inside a transaction),
    resume after each, then import to the end: every table equals a clean import's."""
    clean = tmp_path / "clean.db"
    with Store(clean) as store:
        assert run_import([corpus], store, workers=0, nlp=nlp).imported == N
    db = tmp_path / "resumed.db"
    rng = random.Random(20261201)
    thresholds = sorted(rng.sample(range(1, N - 2), KILLS))
    kills = []
    for threshold in thresholds:
        proc = start_import(corpus, db)
        deadline = time.monotonic() + 300
        while proc.poll() is None and saved(db) < threshold and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.5))
        if proc.poll() is not None:
            continue  # it finished this round's documents first: the next round resumes anyway
        kill_group(proc)
        kills.append(saved(db))
    print("killed at", kills, "documents saved")
    assert len(kills) >= 3, f"the import outran the kills ({kills})"
    final = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "import", str(corpus), "--db", str(db), "--workers", "2", "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert final.returncode == 0, final.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert_same_store(store_rows(db), store_rows(clean))
