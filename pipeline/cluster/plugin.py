"""On each Dask worker: the WorkerPlugin that starts one referat worker process per
Dask worker thread (each builds its spaCy pipeline once, in setup), and the Dask
task that hands one file to such a process and waits for its Outcome."""

from __future__ import annotations

import multiprocessing as mp
import queue
import tempfile
import time
from pathlib import Path
from typing import Any, Optional, cast

from pipeline.errors import ExtractionError
from pipeline.ingest import Limits
from pipeline.process import FilePool, Outcome, Processor, _Task, file_pool, process_file

PLUGIN_NAME = "referat"
SETUP_TIMEOUT_S = 300.0  # a worker building its spaCy pipelines

try:  # the plugin's base class; without dask this module still imports (and says what to install)
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - dask is the `cluster` extra
    _PluginBase = object  # type: ignore[assignment,misc]


class ReferatPlugin(_PluginBase):
    """A Dask WorkerPlugin: one referat worker process per Dask worker thread,
    each with its spaCy pipeline built once, in setup."""

    name = PLUGIN_NAME

    def __init__(
        self,
        limits: Limits,
        timeout_s: float,
        memory_mb: int,
        model: Optional[str],
        processor: Processor = process_file,
    ):
        self.limits, self.timeout_s, self.memory_mb = limits, timeout_s, memory_mb
        self.model, self.processor = model, processor
        self.slots: Optional[queue.Queue] = None
        self.pools: list[FilePool] = []
        self.pipeline = ""

    def setup(self, worker: Any) -> None:
        # A Dask worker started by a nanny is a daemonic multiprocessing process, and those
        # may not start children; ours are looked after (killed in teardown, and each one
        # exits when it is orphaned), so the flag is lifted for this process.
        if mp.current_process().daemon:
            mp.current_process().daemon = False
        threads = max(1, getattr(getattr(worker, "state", worker), "nthreads", 1))
        self.pools = [
            file_pool(
                1,
                self.limits,
                timeout_s=self.timeout_s,
                memory_mb=self.memory_mb,
                model=self.model,
                processor=self.processor,
            )
            for _ in range(threads)
        ]
        self.slots = queue.Queue()
        for pool in self.pools:
            _ready(pool)
            self.pipeline = pool.name
            self.slots.put(pool)

    def teardown(self, worker: Any) -> None:
        for pool in self.pools:
            pool.close()
        self.pools = []

    def run(self, task: _Task) -> Outcome:
        assert self.slots is not None, "ReferatPlugin.setup did not run"
        pool = self.slots.get()
        try:
            worker = _ready(pool)
            pool.submit(worker, task)
            while True:
                for _, outcome in pool.results(wait_s=0.5):
                    return outcome
        finally:
            self.slots.put(pool)


def _ready(pool: FilePool) -> Any:
    """The pool's worker once it is ready (it may be a new one, after a kill)."""
    deadline = time.monotonic() + SETUP_TIMEOUT_S
    while (worker := pool.free_slot()) is None:
        if time.monotonic() > deadline:
            raise ExtractionError(f"a referat worker process did not start within {SETUP_TIMEOUT_S:g} s")
        pool.results(wait_s=0.2)
    return worker


def process_on_worker(task: _Task, read_path: str, data: Optional[bytes]) -> tuple[Outcome, str]:
    """The Dask task: one file through this worker's referat process -> (Outcome, pipeline name)."""
    from distributed import get_worker

    plugin = cast(ReferatPlugin, get_worker().plugins[PLUGIN_NAME])
    if data is None:
        outcome = plugin.run(task._replace(path=read_path))
    else:
        with tempfile.TemporaryDirectory(prefix="referat-") as tmp:
            copy = Path(tmp) / Path(task.path).name  # the name matters (e.g. a date in it)
            copy.write_bytes(data)
            outcome = plugin.run(task._replace(path=str(copy)))
            outcome.size, outcome.mtime = task.size, task.mtime  # the client's file, not the copy
    if outcome.path != task.path:  # store the path the client gave, as the local pool does
        outcome.path = task.path
        if outcome.record is not None:
            outcome.record.path = task.path
    return outcome, plugin.pipeline
