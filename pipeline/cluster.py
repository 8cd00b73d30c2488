"""Import on a Dask distributed cluster: `referat import PATH --cluster tcp://HOST:8786`
or `--cluster local:N` (a LocalCluster of N worker processes on this machine).

The client (the importer) stays the single writer, exactly as with the local
pool: it walks the inputs lazily, skips unchanged files, submits the rest to
the cluster a few at a time (at most PER_THREAD_IN_FLIGHT per worker thread,
so neither the corpus nor its results pile up in memory) and writes each
result as it comes back (one transaction per document, the same progress
events and summary, pipeline.process._record). Results come back as
Outcomes (the MeetingRecord, the document's text and its metadata), never as
parsed documents.

On each Dask worker a WorkerPlugin (`ReferatPlugin`) starts, in its setup,
one referat worker process per Dask worker thread (pipeline.process.file_pool with
one process each) and waits until each has built the spaCy pipeline: it is
built once per process, not per file. A Dask task hands its file to such a
process and waits for the answer. That process is what enforces the budgets,
as with the local pool: a file over --timeout has its process (and anything it
started) killed with SIGKILL and the file comes back as failed ("timed out
after N s"), and a new process takes its place; memory is limited per process
(an address-space limit, and the worker watches the RSS of the process tree).
A Dask task thread itself could not be stopped; the process can. The Dask
worker's own memory limit (`memory_limit`, set to --memory-mb for a local
cluster) guards the Dask worker process.

A Dask worker that dies (kill -9, a lost machine) costs nothing: the scheduler
runs its tasks again on another worker (a task whose workers died
`distributed.scheduler.allowed-failures` times is reported as failed), and the
store is written only by the client, once per result, keyed by path and
SHA-256, so no document is lost or stored twice.

Files are read by the workers from the path the client sees, made absolute
(shared storage: the same mount on every machine), or, with `send_bytes`,
the client sends each file's bytes with its task and the worker reads them
from a temporary copy with the same name.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional, cast

from pipeline.errors import ExtractionError, ReferatError
from pipeline.ingest import Limits
from pipeline.process import (
    FilePool,
    ImportSummary,
    Outcome,
    Processor,
    ProgressFn,
    _announce,
    _record,
    _Task,
    file_pool,
    process_file,
)

MISSING = "--cluster needs dask: pip install 'referat[cluster]'"
PLUGIN_NAME = "referat"
PER_THREAD_IN_FLIGHT = 2
CONNECT_TIMEOUT_S = 30
SETUP_TIMEOUT_S = 300.0  # a worker building its spaCy pipelines

log = logging.getLogger(__name__)

try:  # the plugin's base class; without dask this module still imports (and says what to install)
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - dask is the `cluster` extra
    _PluginBase = object  # type: ignore[assignment,misc]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ReferatError(MISSING) from None
    return distributed


def parse_cluster(spec: str) -> tuple[str, Any]:
    """("local", N) for local:N; ("address", ADDRESS) for a scheduler address. ValueError if neither."""
    spec = spec.strip()
    if spec.startswith("local:") or spec == "local":
        n = spec.partition(":")[2] or str(os.cpu_count() or 1)
        if not n.isdigit() or int(n) < 1:
            raise ValueError(f"{spec!r}: local:N needs a number of worker processes N >= 1")
        return "local", int(n)
    if "://" in spec or (":" in spec and spec.rsplit(":", 1)[1].isdigit()):
        return "address", spec
    raise ValueError(f"{spec!r}: expected local:N or a scheduler address such as tcp://HOST:8786")


# ------------------------------------------------------------------ worker side


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


# ------------------------------------------------------------------ client side


def run_cluster(
    todo: Iterator[_Task],
    store: Any,
    summary: ImportSummary,
    report: ProgressFn,
    spec: str,
    *,
    limits: Limits,
    timeout_s: float,
    memory_mb: int,
    model: Optional[str],
    processor: Processor = process_file,
    send_bytes: bool = False,
) -> None:
    """Import the tasks of `todo` on the cluster `spec`, writing each result here."""
    distributed = _distributed()
    try:
        kind, arg = parse_cluster(spec)
    except ValueError as e:
        raise ReferatError(f"--cluster {e}") from None
    first = next(todo, None)
    if first is None:  # nothing new: no cluster to start
        return
    cluster = None
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the scheduler's and nannies' chatter; our progress events say what happens
    try:
        if kind == "local":
            cluster = distributed.LocalCluster(
                n_workers=arg,
                threads_per_worker=1,
                processes=True,
                memory_limit=f"{memory_mb}MiB",
                dashboard_address=None,
                silence_logs=logging.CRITICAL,  # failures come back to us
                # no dashboard; its HTTP server on a free local port
                scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
            )
            client = distributed.Client(cluster)
        else:
            try:
                client = distributed.Client(arg, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError) as e:
                raise ReferatError(f"cannot reach the Dask scheduler at {arg}: {e}") from None
        with client:
            _register(client, distributed, ReferatPlugin(limits, timeout_s, memory_mb, model, processor))
            _stream(client, distributed, _chain(first, todo), store, summary, report, send_bytes)
    finally:
        if cluster is not None:
            cluster.close()
        quiet.setLevel(level)


def _chain(first: _Task, rest: Iterator[_Task]) -> Iterator[_Task]:
    yield first
    yield from rest


def _register(client: Any, distributed: Any, plugin: ReferatPlugin) -> None:
    """Install the plugin on every worker (and on workers that join later); fail in one line
    if a worker cannot build the spaCy pipeline."""
    if not client.scheduler_info().get("workers"):
        client.wait_for_workers(1, timeout=SETUP_TIMEOUT_S)
    try:
        answers = client.register_plugin(plugin, name=PLUGIN_NAME)
    except Exception as e:  # noqa: BLE001 - dask re-raises the worker's error
        raise ExtractionError(_setup_failed(e)) from None
    for answer in (answers or {}).values():
        if isinstance(answer, dict) and answer.get("status") == "error":
            raise ExtractionError(_setup_failed(answer.get("exception", answer)))


def _setup_failed(e: object) -> str:
    prefix = "the workers cannot build the spaCy pipeline: "
    message = _one_line(e)
    return message if message.startswith(prefix) else prefix + message


def _one_line(e: object) -> str:
    return " ".join(str(e).split())


def _threads(client: Any) -> int:
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(w.get("nthreads", 1) for w in workers.values()))


def _stream(
    client: Any,
    distributed: Any,
    todo: Iterator[_Task],
    store: Any,
    summary: ImportSummary,
    report: ProgressFn,
    send_bytes: bool,
) -> None:
    limit = PER_THREAD_IN_FLIGHT * _threads(client)
    tasks: dict[str, _Task] = {}  # future key -> its task
    done = distributed.as_completed()

    def submit(task: _Task) -> None:
        data = None
        if send_bytes:
            try:
                data = Path(task.path).read_bytes()
            except OSError as e:  # recorded like any unreadable file
                _record(
                    task,
                    Outcome(path=task.path, status="failed", error=f"cannot read file: {e.strerror or e}"),
                    store,
                    summary,
                    report,
                )
                return
        future = client.submit(
            process_on_worker,
            task,
            os.path.abspath(task.path),
            data,
            pure=False,
            key=f"referat-{len(tasks)}-{os.urandom(4).hex()}",
        )
        tasks[future.key] = task
        done.add(future)

    exhausted = False
    while True:
        while not exhausted and done.count() < limit:
            task = next(todo, None)
            if task is None:
                exhausted = True
            else:
                submit(task)
        if done.is_empty():
            if exhausted:
                return
            continue
        future = next(done)
        task = tasks.pop(future.key)
        try:
            outcome, pipeline = future.result()
        except ReferatError:
            raise  # e.g. a worker cannot build the pipeline: as fatal as with the local pool
        except Exception as e:  # noqa: BLE001 - KilledWorker (its workers kept dying) and the like
            outcome, pipeline = (
                Outcome(
                    path=task.path, status="failed", error=f"the Dask workers failed on this file ({_one_line(e)})"
                ),
                "",
            )
        finally:
            future.release()
        _announce(summary, pipeline, report)
        _record(task, outcome, store, summary, report)
