"""Import on a Dask LocalCluster (pipeline/cluster/): the same rows as the local
pool, a worker killed mid-run, a file over its time budget."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import RAW, REPO
from helpers.store import count, rows
from pipeline.cli import app
from pipeline.discover import discover
from pipeline.ingest import Limits
from pipeline.process import Outcome, process_file, run_import
from pipeline.store import Store

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow
CORPUS = REPO / "tests" / "corpus"
runner = CliRunner()
NO_DASHBOARD = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}


# Processors replace process_file in the workers' processes; module-level, so picklable.


def sleepy(path: Path, nlp, limits: Limits) -> Outcome:
    if path.suffix == ".pdf":
        time.sleep(300)
    return process_file(path, nlp, limits)


def slow(path: Path, nlp, limits: Limits) -> Outcome:
    time.sleep(0.5)
    return process_file(path, nlp, limits)


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each (what `--cluster local:2` starts)."""
    import logging

    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
        scheduler_kwargs=NO_DASHBOARD,
    ) as c:
        with distributed.Client(c) as client:
            yield c, client


@pytest.mark.parametrize("folder", [RAW, CORPUS], ids=["seeds", "corpus"])
def test_local_cluster_gives_the_same_rows_as_the_local_pool(tmp_path, folder):
    a, b = tmp_path / "pool.db", tmp_path / "dask.db"
    pool = runner.invoke(app, ["import", str(folder), "--db", str(a), "--workers", "2", "--quiet"])
    dask = runner.invoke(app, ["import", str(folder), "--db", str(b), "--cluster", "local:2", "--quiet"])
    assert pool.exit_code == dask.exit_code, (pool.output, dask.output)
    assert pool.stdout.split(" (")[0] == dask.stdout.split(" (")[0]  # "Imported N, unchanged 0, failed F"
    assert rows(a) == rows(b)
    again = runner.invoke(app, ["import", str(folder), "--db", str(b), "--cluster", "local:2", "--quiet"])
    assert f"Imported 0, unchanged {len(list(discover([folder])))}, failed 0" in again.stdout


def test_send_bytes_gives_the_same_rows(tmp_path, cluster):
    c, _ = cluster
    with Store(tmp_path / "path.db") as store:
        by_path = run_import([RAW], store, cluster=c.scheduler_address)
    with Store(tmp_path / "bytes.db") as store:
        by_bytes = run_import([RAW], store, cluster=c.scheduler_address, send_bytes=True)
    assert by_path.imported == by_bytes.imported == 6
    assert rows(tmp_path / "path.db") == rows(tmp_path / "bytes.db")
    with Store(tmp_path / "bytes.db") as store:  # the stored size and mtime are the client's file's
        assert run_import([RAW], store, cluster=c.scheduler_address).unchanged == 6


def test_a_worker_killed_mid_run_costs_nothing(tmp_path, cluster):
    c, client = cluster
    files = list(discover([RAW, CORPUS]))
    killed: list[int] = []

    def kill_one(event: str, path: str, detail: str) -> None:
        if event == "imported" and not killed:
            pid = next(iter(client.run(os.getpid).values()))
            os.kill(pid, signal.SIGKILL)  # the Dask worker process itself, mid-run
            killed.append(pid)

    with Store(tmp_path / "r.db") as store:
        summary = run_import([RAW, CORPUS], store, cluster=c.scheduler_address, processor=slow, progress=kill_one)
    assert killed
    assert summary.failed == [] and summary.imported == len(files)
    db = tmp_path / "r.db"
    assert count(db, "SELECT count(*) FROM documents") == len(files)
    assert count(db, "SELECT count(DISTINCT path) FROM documents WHERE status = 'ok'") == len(files)
    client.wait_for_workers(2, timeout=120)  # the nanny restarted it


def test_a_file_over_its_time_budget_is_reported_and_the_rest_imported(tmp_path, cluster):
    c, _ = cluster
    started = time.monotonic()
    with Store(tmp_path / "r.db") as store:
        summary = run_import([RAW], store, cluster=c.scheduler_address, processor=sleepy, timeout_s=3)
    assert summary.imported == 4
    assert sorted(Path(p).suffix for p, _ in summary.failed) == [".pdf", ".pdf"]
    assert {reason for _, reason in summary.failed} == {"timed out after 3 s"}
    assert count(tmp_path / "r.db", "SELECT count(*) FROM documents WHERE error = 'timed out after 3 s'") == 2
    assert time.monotonic() - started < 200  # the 300 s sleeps were cut short (slack for a loaded machine)


def test_a_bad_cluster_value_is_a_usage_error(tmp_path):
    out = runner.invoke(app, ["import", str(RAW), "--db", str(tmp_path / "r.db"), "--cluster", "nowhere"])
    assert out.exit_code == 2
    assert out.stderr.startswith("Error: --cluster 'nowhere': expected local:N")


def test_workers_that_cannot_build_the_pipeline_are_one_line(tmp_path):
    out = runner.invoke(
        app, ["import", str(RAW), "--db", str(tmp_path / "r.db"), "--cluster", "local:1", "--model", "no_such_model_xx"]
    )
    assert out.exit_code == 1
    assert out.stderr.startswith("Error: the workers cannot build the spaCy pipeline: ")
    assert len(out.stderr.strip().splitlines()) == 1


def test_missing_dask_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    out = runner.invoke(app, ["import", str(RAW), "--db", str(tmp_path / "r.db"), "--cluster", "local:2"])
    assert out.exit_code == 1
    assert out.stderr.strip() == "Error: --cluster needs dask: pip install 'referat[cluster]'"


def test_threads_of_one_worker_each_get_their_own_process(tmp_path):
    """A worker with two threads runs two files at once, each in its own referat process."""
    import logging

    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
        scheduler_kwargs=NO_DASHBOARD,
    ) as c:
        with Store(tmp_path / "r.db") as store:
            summary = run_import([RAW], store, cluster=c.scheduler_address)
    assert summary.imported == 6 and not summary.failed
