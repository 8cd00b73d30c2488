"""Process trees: the start method, the resident memory of a process and its
descendants, and killing them all."""

from __future__ import annotations

import multiprocessing as mp


def default_start_method() -> str:
    """forkserver where there is one (POSIX), else spawn. fork is not used: the
    importer holds an SQLite connection and possibly a progress-bar thread."""
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def tree_rss(pid: int) -> int:
    """The resident memory of a process and all its descendants, in bytes (0 when gone)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
    except psutil.Error:
        return 0


def kill_tree(pid: int) -> None:
    """Kill a process and all its descendants (SIGKILL); gone ones are passed over."""
    import psutil

    try:
        proc = psutil.Process(pid)
        family = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return
    for p in family:
        try:
            p.kill()
        except psutil.Error:
            pass
