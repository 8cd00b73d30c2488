"""In the parent: the Pool of Workers: spawn, submit, collect results, police the
budgets (time, memory, a dead or retiring worker) and close."""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Optional, TypeVar, cast

from pipeline.errors import ExtractionError
from pipeline.pool.child import _worker_main
from pipeline.pool.processes import default_start_method, kill_tree, tree_rss

Item = TypeVar("Item")
Result = TypeVar("Result")

OUT_OF_MEMORY = "ran out of memory"
PER_WORKER_IN_FLIGHT = 2
WORKER_START_TIMEOUT_S = 300.0  # a new worker's setup (building the spaCy pipeline)
MEMORY_CHECK_EVERY_S = 0.1


@dataclass(frozen=True)
class StartErrors:
    """The messages of the errors raised when workers cannot start ({detail}, {code}, {seconds})."""

    setup_failed: str = "the workers cannot start: {detail}"
    died: str = "a worker process died while starting (exit code {code})"
    too_slow: str = "a worker process did not start within {seconds:g} s"


@dataclass
class Worker(Generic[Item]):
    proc: Any  # a multiprocessing Process of the pool's context
    conn: Connection
    name: str = ""  # set by the worker's "ready" message
    tasks: deque[Item] = field(default_factory=deque)  # tasks[0] is being worked on
    started: float = 0.0  # when tasks[0] started (monotonic)
    retiring: bool = False  # it ran out of memory and exits after its answer
    broken: bool = False  # a send to it failed (it exited): it takes no more items
    spawned: float = field(default_factory=time.monotonic)

    @property
    def ready(self) -> bool:
        return bool(self.name)


class Pool(Generic[Item, Result]):
    """Worker processes with a per-item time and memory budget; the caller reads
    finished (item, result) pairs from `results()` (and is their single writer)."""

    def __init__(
        self,
        workers: int,
        setup: Callable[[], tuple[Any, str]],
        work: Callable[[Any, Item], Result],
        *,
        failed: Callable[[Item, str], Result],
        retire: Callable[[Result], bool],
        timeout_s: float,
        memory_mb: int,
        preload: Sequence[str] = (),
        start_method: Optional[str] = None,
        errors: StartErrors = StartErrors(),
    ):
        self.ctx = mp.get_context(start_method or default_start_method())
        if self.ctx.get_start_method() == "forkserver" and preload:
            cast(Any, self.ctx).set_forkserver_preload(list(preload))
        self.args = (setup, work, retire, memory_mb)
        self.failed, self.retire, self.errors = failed, retire, errors
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self.retry: deque[Item] = deque()  # items queued on a worker that was killed
        self.name = ""  # the name the first ready worker's setup() gave
        self.next_memory_check = 0.0
        self.workers = [self._spawn() for _ in range(max(1, workers))]

    def _spawn(self) -> Worker[Item]:
        ours, theirs = self.ctx.Pipe(duplex=True)
        proc = cast(Any, self.ctx).Process(
            target=_worker_main,
            args=(theirs, *self.args),
            daemon=True,
            name="referat-worker",
            kwargs={"importer": os.getpid()},
        )
        proc.start()
        theirs.close()
        return Worker(proc=proc, conn=ours)

    def free_slot(self) -> Optional[Worker[Item]]:
        """A ready worker with fewer than PER_WORKER_IN_FLIGHT items, least loaded first."""
        ready = [
            w for w in self.workers if w.ready and not (w.retiring or w.broken) and len(w.tasks) < PER_WORKER_IN_FLIGHT
        ]
        return min(ready, key=lambda w: len(w.tasks), default=None)

    def in_flight(self) -> int:
        return sum(len(w.tasks) for w in self.workers) + len(self.retry)

    def submit(self, worker: Worker[Item], item: Item) -> None:
        """Send `item` to `worker`; a worker that has just exited (its answer and its
        exit raced this send) leaves the item to `retry`, for the next worker."""
        try:
            worker.conn.send(item)
        except OSError:  # BrokenPipeError, ConnectionResetError: it is gone, _police replaces it
            worker.broken = True
            self.retry.appendleft(item)
            return
        if not worker.tasks:
            worker.started = time.monotonic()
        worker.tasks.append(item)

    def results(self, wait_s: float) -> list[tuple[Item, Result]]:
        """Finished items (waiting up to `wait_s` for one), then the budget police."""
        out: list[tuple[Item, Result]] = []
        by_conn = {w.conn: w for w in self.workers}
        for ready in wait(list(by_conn), timeout=wait_s):
            conn = cast(Connection, ready)
            worker = by_conn[conn]
            try:
                while conn.poll():
                    self._message(worker, conn.recv(), out)
            except (EOFError, OSError):
                pass  # it died: _police reports its item
        return out + self._police()

    def _message(self, worker: Worker[Item], message: tuple[str, Any], out: list[tuple[Item, Result]]) -> None:
        kind, payload = message
        if kind == "ready":
            worker.name = self.name = payload
        elif kind == "init_failed":
            raise ExtractionError(self.errors.setup_failed.format(detail=payload))
        elif kind == "done" and worker.tasks:
            out.append((worker.tasks.popleft(), payload))
            worker.started = time.monotonic()
            worker.retiring = self.retire(payload)

    def _police(self) -> list[tuple[Item, Result]]:
        """Replace workers that are dead, over budget or retiring; fail their current item."""
        out = []
        check_memory = time.monotonic() >= self.next_memory_check
        if check_memory:
            self.next_memory_check = time.monotonic() + MEMORY_CHECK_EVERY_S
        for i, w in enumerate(self.workers):
            if not w.ready:
                self._check_start(w)
                continue
            reason = None if w.retiring else self._over_budget(w, check_memory)
            if reason is None and not w.retiring and not (w.broken and not w.tasks):
                continue
            kill_tree(w.proc.pid)
            w.proc.join(timeout=5)
            w.conn.close()
            if w.tasks and reason is not None:
                item = w.tasks.popleft()
                out.append((item, self.failed(item, reason)))
            self.retry.extendleft(reversed(w.tasks))  # queued behind it: give them to another worker
            self.workers[i] = self._spawn()
        return out

    def _check_start(self, w: Worker[Item]) -> None:
        if not w.proc.is_alive():
            raise ExtractionError(self.errors.died.format(code=w.proc.exitcode))
        if time.monotonic() - w.spawned > WORKER_START_TIMEOUT_S:
            raise ExtractionError(self.errors.too_slow.format(seconds=WORKER_START_TIMEOUT_S))

    def _over_budget(self, w: Worker[Item], check_memory: bool) -> Optional[str]:
        if not w.proc.is_alive():
            code = w.proc.exitcode
            if not w.tasks:
                return "the worker exited"
            if code is not None and code < 0:
                return f"the worker crashed on this file (signal {-code}; out of memory? limit {self.memory_mb} MB)"
            return f"the worker crashed on this file (exit code {code})"
        if not w.tasks:
            return None
        if time.monotonic() - w.started > self.timeout_s:
            return f"timed out after {self.timeout_s:g} s"
        if check_memory and tree_rss(w.proc.pid) > self.memory_mb * 1024 * 1024:
            return f"{OUT_OF_MEMORY} (limit {self.memory_mb} MB)"
        return None

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 5
        for w in self.workers:
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                kill_tree(w.proc.pid)
                w.proc.join(timeout=5)
            w.conn.close()
