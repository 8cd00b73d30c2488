"""A pool of worker processes with a per-item time and memory budget.

It knows nothing of files or records: the caller gives it

- `setup() -> (state, name)`, run once in each new worker (referat builds its spaCy
  pipeline there; `name` is reported back and kept as `Pool.name`);
- `work(state, item) -> result`, run in a worker for each submitted item;
- `failed(item, reason) -> result`, the result of an item whose worker was killed
  (over time, over memory, crashed), made in the parent;
- `retire(result) -> bool`: the worker exits after sending this result (it ran
  out of memory: start afresh rather than go on in a damaged heap).

All four must be picklable (module-level functions or `functools.partial`s of them).
At most PER_WORKER_IN_FLIGHT items per worker are in flight. A worker over its
budget is killed with every process it started (LibreOffice, Tesseract) and
replaced; the items queued behind the one it was doing go back to `retry`.

Workers start from a fork server (`forkserver`) where there is one: forked from a
clean process with `preload` imported, not from the caller, which may hold an
SQLite connection and a progress-bar thread. Each worker has its own pipe, so
killing one never corrupts a queue another writes to. A worker dies with the
process that started it (a watchdog thread, and PR_SET_PDEATHSIG on Linux).

By job: parent.py (Pool and Worker: spawn, submit, results, the budget police),
child.py (the worker's main loop, dying with the importer, the memory limit),
processes.py (start method, a process tree's memory, kill_tree).
"""

from pipeline.pool.child import _worker_main
from pipeline.pool.parent import (
    MEMORY_CHECK_EVERY_S,
    OUT_OF_MEMORY,
    PER_WORKER_IN_FLIGHT,
    WORKER_START_TIMEOUT_S,
    Item,
    Pool,
    Result,
    StartErrors,
    Worker,
)
from pipeline.pool.processes import default_start_method, kill_tree, tree_rss

__all__ = [
    "MEMORY_CHECK_EVERY_S",
    "OUT_OF_MEMORY",
    "PER_WORKER_IN_FLIGHT",
    "WORKER_START_TIMEOUT_S",
    "Item",
    "Pool",
    "Result",
    "StartErrors",
    "Worker",
    "_worker_main",
    "default_start_method",
    "kill_tree",
    "tree_rss",
]
