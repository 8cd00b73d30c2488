"""The worker pool on its own: items reach a worker even when the one they were
sent to has just exited."""

from __future__ import annotations

import os
import signal
import time

from pipeline.pool import Pool


def setup() -> tuple[None, str]:
    return None, "test"


def double(state: None, item: int) -> int:
    return 2 * item


def failed(item: int, reason: str) -> int:
    return -1


def never(result: int) -> bool:
    return False


def _drain(pool: Pool, expected: int, deadline_s: float = 60.0) -> list[tuple[int, int]]:
    done: list[tuple[int, int]] = []
    end = time.monotonic() + deadline_s
    while len(done) < expected and time.monotonic() < end:
        while pool.retry and (worker := pool.free_slot()) is not None:
            pool.submit(worker, pool.retry.popleft())
        done += pool.results(wait_s=0.1)
    return done


def test_an_item_sent_to_a_worker_that_has_exited_goes_to_the_next_worker():
    pool: Pool[int, int] = Pool(1, setup, double, failed=failed, retire=never, timeout_s=30, memory_mb=1024)
    try:
        while pool.free_slot() is None:
            pool.results(wait_s=0.1)
        worker = pool.free_slot()
        assert worker is not None
        os.kill(worker.proc.pid, signal.SIGKILL)  # it exits between its last answer and our next send
        worker.proc.join(timeout=10)
        pool.submit(worker, 21)  # must not raise BrokenPipeError
        assert worker.broken and list(pool.retry) == [21]
        assert _drain(pool, 1) == [(21, 42)]  # done by the replacement, not failed
    finally:
        pool.close()
