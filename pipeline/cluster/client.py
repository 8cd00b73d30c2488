"""The client side: connect to (or start) the cluster, install the plugin, stream the
tasks a few at a time per worker thread, and write each result here, the single
writer."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

from pipeline.cluster.plugin import PLUGIN_NAME, SETUP_TIMEOUT_S, ReferatPlugin, process_on_worker
from pipeline.errors import ExtractionError, ReferatError
from pipeline.ingest import Limits
from pipeline.process import ImportSummary, Outcome, Processor, ProgressFn, _announce, _record, _Task, process_file

MISSING = "--cluster needs dask: pip install 'referat[cluster]'"
PER_THREAD_IN_FLIGHT = 2
CONNECT_TIMEOUT_S = 30

log = logging.getLogger(__name__)


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
