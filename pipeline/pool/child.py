"""In the worker process: set up once, then work on items from the pipe; die with
the importer (a watchdog thread, PR_SET_PDEATHSIG on Linux) and under an
address-space limit of the memory budget."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Optional

PR_SET_PDEATHSIG = 1
WATCHDOG_EVERY_S = 0.25
WATCHDOG_STACK = 256 * 1024
M_ARENA_MAX = -8  # glibc mallopt parameter


def _worker_main(
    conn: Connection,
    setup: Callable[[], tuple[Any, str]],
    work: Callable[[Any, Any], Any],
    retire: Callable[[Any], bool],
    memory_mb: int,
    importer: Optional[int] = None,
) -> None:
    """Set up once, then work on items from `conn` until None, EOF or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    if importer is not None:
        _watch_importer(importer)
    try:
        state, name = setup()
    except Exception as e:  # noqa: BLE001 - reported to the parent, which raises a named error
        conn.send(("init_failed", " ".join(f"{type(e).__name__}: {e}".split())))
        return
    _limit_address_space(memory_mb)
    conn.send(("ready", name))
    parent = os.getppid()
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent:  # the importer (or its fork server) is gone
                return
            continue
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        result = work(state, item)
        conn.send(("done", result))
        if retire(result):
            return


def _watch_importer(pid: int) -> None:
    """A watchdog thread: when the importer is gone (kill -9), end this worker and
    what it started (Tesseract, LibreOffice) at once, even in the middle of a file.
    (The worker's parent is the fork server, so a parent-death signal alone is late.)"""
    import threading

    try:  # the thread must not reserve a malloc arena (64 MB of address space) under --memory-mb
        import ctypes

        ctypes.CDLL(None).mallopt(M_ARENA_MAX, 1)
    except (OSError, AttributeError):
        pass
    previous = threading.stack_size(WATCHDOG_STACK)

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_EVERY_S)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                continue
        _kill_children()
        os._exit(1)

    threading.Thread(target=watch, name="referat-watchdog", daemon=True).start()
    threading.stack_size(previous)


def _kill_children() -> None:
    try:
        import psutil

        for child in psutil.Process().children(recursive=True):
            try:
                child.kill()
            except psutil.Error:
                pass
    except ImportError:
        pass


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker the moment its parent (the fork server,
    which exits with the importer) dies, even in the middle of a long file; elsewhere
    the worker notices at its next poll of the pipe."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _limit_address_space(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not POSIX: the parent's RSS watch still holds
        pass
