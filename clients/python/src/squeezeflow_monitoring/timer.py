"""PerformanceTimer: times one run of an operation, as a context manager (sync or async) or a decorator."""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Mapping, Optional, TypeVar

from .monitor import PerformanceMonitor

F = TypeVar("F", bound=Callable[..., Any])


class PerformanceTimer:
    """Records ``<operation_name>_time_ms`` (monotonic clock) and counts one operation when the block ends; when
    the block raises an Exception it also counts an error of the operation and lets the exception propagate.

    ``with PerformanceTimer(monitor, "op"):``, ``async with …``, or ``@PerformanceTimer(monitor, "op")`` on a
    function or an ``async def`` (each call is timed on its own, so the decorated function may run concurrently).
    KeyboardInterrupt, SystemExit and task cancellation record the duration but no error: they are not failures
    of the operation."""

    def __init__(self, monitor: PerformanceMonitor, operation_name: str, tags: Optional[Mapping[str, str]] = None) -> None:
        self.monitor = monitor
        self.operation_name = operation_name
        self.tags = tags
        #: The recorded duration in ms once the block has ended.
        self.elapsed_ms: Optional[float] = None
        self._started: Optional[float] = None

    def __enter__(self) -> "PerformanceTimer":
        self._started = self.monitor.monotonic()
        self.elapsed_ms = None
        return self

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> bool:
        self._finish(exc)
        return False

    async def __aenter__(self) -> "PerformanceTimer":
        return self.__enter__()

    async def __aexit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> bool:
        return self.__exit__(exc_type, exc, tb)

    def __call__(self, func: F) -> F:
        monitor, name, tags = self.monitor, self.operation_name, self.tags
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                with PerformanceTimer(monitor, name, tags):
                    return await func(*args, **kwargs)

            return timed_async  # type: ignore[return-value]

        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with PerformanceTimer(monitor, name, tags):
                return func(*args, **kwargs)

        return timed  # type: ignore[return-value]

    def _finish(self, exc: Optional[BaseException]) -> None:
        if self._started is None:
            return
        elapsed = max(0.0, (self.monitor.monotonic() - self._started) * 1000.0)
        self._started = None
        self.elapsed_ms = elapsed
        state = self.monitor.operation(self.operation_name)
        if state is None:
            return
        error = exc if isinstance(exc, Exception) else None
        self.monitor.record_timing(state, elapsed, self.tags, error)
