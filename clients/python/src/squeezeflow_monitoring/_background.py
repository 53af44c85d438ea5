"""The flush thread of each PerformanceMonitor, and the process-wide hooks: flush at exit, reset after fork()."""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time
import weakref
from typing import Any

_live: "weakref.WeakSet[Any]" = weakref.WeakSet()


def track(monitor: Any) -> None:
    """Closes ``monitor`` at interpreter exit and resets it in a forked child, while it lives."""
    _live.add(monitor)


def untrack(monitor: Any) -> None:
    _live.discard(monitor)


def run(ref: "weakref.ref[Any]", stop: threading.Event, wake: threading.Event) -> None:
    """The flush loop; holds the monitor only weakly between rounds, so an unreferenced monitor is collected."""
    monitor = ref()
    if monitor is None:
        return
    interval = monitor._interval
    retry_after = interval or 1.0
    next_tick = time.monotonic() + interval
    del monitor
    while not stop.is_set():
        wake.wait(max(0.0, next_tick - time.monotonic()) if interval else None)
        wake.clear()
        monitor = ref()
        if monitor is None or stop.is_set():
            return
        try:
            if interval and time.monotonic() >= next_tick:
                monitor._tick()
                next_tick = time.monotonic() + interval
            failed = monitor._shipper.flush()["error"] is not None
        except Exception:  # never let the thread die: the next round tries again
            failed = True
        del monitor
        if failed:  # no retry storm while Redis is away: wait for the next tick whatever wakes us
            stop.wait(retry_after)


def _close_all() -> None:
    for monitor in list(_live):
        monitor.close()


def _after_fork_in_child() -> None:
    mp_util = sys.modules.get("multiprocessing.util")
    for monitor in list(_live):
        monitor._after_fork_in_child()
        if mp_util is not None:
            # multiprocessing ends its children with os._exit, which skips atexit, but runs its finalizers; it
            # clears them when the child starts, then runs its after-fork hooks: register the finalizer from one.
            mp_util.register_after_fork(monitor, _close_with_multiprocessing)


def _close_with_multiprocessing(monitor: Any) -> None:
    import multiprocessing.util

    multiprocessing.util.Finalize(monitor, monitor.close, exitpriority=10)


atexit.register(_close_all)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
