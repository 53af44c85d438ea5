"""PerformanceMonitor: records timings, metrics and errors of one service and ships them to
``<prefix>:ingest:metrics`` from a background thread, never in the caller's way."""

from __future__ import annotations

import threading
import time
import weakref
from typing import Any, Callable, Dict, List, Mapping, Optional

from ._background import run, track, untrack
from ._config import connect, resolve
from ._operations import OperationState, Rejection
from ._options import resolve_options
from ._recorder import MetricRecorder
from ._shipper import Shipper
from ._validation import MetricValidationError


class PerformanceMonitor:
    """Recording is O(1) under a short lock and never touches the network; a daemon thread flushes every
    ``flush_interval_s`` (and as soon as ``batch_size`` points wait) in one round trip. While Redis is away the
    newest ``buffer_capacity`` points are kept and older ones dropped and counted. Invalid input is dropped and
    counted, or raises MetricValidationError with ``on_invalid="raise"``. Defaults match the Node SDK."""

    def __init__(
        self,
        service: Optional[str] = None,
        redis_url: Optional[str] = None,
        *,
        host: Optional[str] = None,
        port: Optional[int] = None,
        db: Optional[int] = None,
        password: Optional[str] = None,
        prefix: Optional[str] = None,
        clock: Optional[Callable[[], int]] = None,
        monotonic: Optional[Callable[[], float]] = None,
        env: Optional[Mapping[str, str]] = None,
        **options: Any,
    ) -> None:
        """Connection from the arguments or the environment (``env``, default ``os.environ``); ``options`` are
        ``resolve_options``'s (``on_invalid``, ``flush_interval_s``, ``batch_size``, ``buffer_capacity``, …).
        ``clock`` (ms since the epoch) and ``monotonic`` (seconds) are injected by tests."""
        self.service, address = resolve(
            service, env, redis_url=redis_url, host=host, port=port, db=db, password=password, prefix=prefix
        )
        options = resolve_options(**options)
        self._raise = options.raise_invalid
        self._interval = options.flush_interval_s
        self._batch_size = options.batch_size
        self._timeout = options.ship_timeout_s
        self._now_ms: Callable[[], int] = clock or (lambda: time.time_ns() // 1_000_000)
        self.monotonic: Callable[[], float] = monotonic or time.perf_counter
        self._address = address
        self.stream_key = f"{address['prefix']}:ingest:metrics"
        self._recorder = MetricRecorder(
            capacity=options.buffer_capacity,
            max_metrics=options.max_metrics,
            max_tag_sets_per_metric=options.max_tag_sets_per_metric,
            error_rate_hold_ms=options.error_rate_hold_ms,
        )
        self._shipper_options = dict(
            service=self.service,
            stream_key=self.stream_key,
            stream_max_len=options.stream_max_len,
            max_points_per_entry=options.max_points_per_entry,
            max_points_per_flush=options.max_points_per_flush,
            now_ms=self._now_ms,
            dropped_after_close=lambda: self._dropped_after_close,
        )
        self._closed = False
        self._start()
        self._start_thread()
        track(self)

    # -- recording: the caller's thread, no I/O ---------------------------------------------------------------

    def record_metric(self, metric_name: str, value: float, unit: str, tags: Optional[Mapping[str, str]] = None) -> bool:
        """Buffers one point; False if it was refused or the monitor is closed."""
        if self._closed:
            self._dropped_after_close += 1
            return False
        if self._thread is None:
            self._start_thread()
        with self._lock:
            rejection = self._recorder.record(metric_name, value, unit, tags, self._now_ms())
            size = len(self._recorder.buffer)
        return self._after(rejection, size)

    def record_error(self, operation_name: str, error_message: str) -> None:
        """Counts an error of the operation (for its error rate) and keeps the message in ``recent_errors()``."""
        if self._closed:
            return
        with self._lock:
            state = self._recorder.operation(operation_name)
            if not isinstance(state, Rejection):
                self._recorder.record_error(state, error_message, self._now_ms())
        if isinstance(state, Rejection):
            self._after(state, 0)

    def operation(self, operation_name: str) -> Optional[OperationState]:
        """The operation's counters, or None if its name is refused (which raises under ``on_invalid="raise"``)."""
        with self._lock:
            state = self._recorder.operation(operation_name)
        if isinstance(state, Rejection):
            self._after(state, 0)
            return None
        return state

    def record_timing(self, state: OperationState, elapsed_ms: float, tags: Optional[Mapping[str, str]], error: object) -> None:
        """One finished run: ``<op>_time_ms``, one operation counted, and its error if it failed."""
        if self._closed:
            self._dropped_after_close += 1
            return
        if self._thread is None:
            self._start_thread()
        with self._lock:
            rejection = self._recorder.record_timing(state, elapsed_ms, tags, error, self._now_ms())
            size = len(self._recorder.buffer)
        self._after(rejection, size)

    def _after(self, rejection: Optional[Rejection], size: int) -> bool:
        if rejection is not None:
            with self._lock:
                self._recorder.refuse(rejection)
            if self._raise and not rejection.is_limit:
                raise MetricValidationError(rejection.reason)
            return False
        if size >= self._batch_size and not self._wake.is_set():
            self._wake.set()
        return True

    # -- inspection ----------------------------------------------------------------------------------------------

    def stats(self) -> Dict[str, Any]:
        """``buffered``, ``shipped``, ``dropped``, ``rejected``, ``flushes``, ``round_trips``, ``last_error``,
        ``last_rejection``: the Node SDK's stats()."""
        with self._lock:
            recorder = self._recorder
            buffered, dropped = len(recorder.buffer), recorder.dropped + self._dropped_after_close
            rejected, last_rejection = recorder.rejected, recorder.last_rejection
        shipper = self._shipper
        return {
            "buffered": buffered,
            "shipped": shipper.shipped,
            "dropped": dropped,
            "rejected": rejected,
            "flushes": shipper.flushes,
            "round_trips": shipper.round_trips,
            "last_error": shipper.last_error,
            "last_rejection": last_rejection,
        }

    def recent_errors(self) -> List[Dict[str, object]]:
        """The last 100 errors recorded, oldest first."""
        with self._lock:
            return list(self._recorder.recent_errors)

    def operations(self) -> List[Dict[str, object]]:
        with self._lock:
            return self._recorder.operations.snapshot()

    # -- shipping: the background thread -----------------------------------------------------------------------

    def flush(self) -> Dict[str, Any]:
        """Closes the error-rate interval and ships what is buffered now, in this thread (waiting behind a flush
        under way). Never raises: ``{"shipped", "remaining", "error"}``."""
        with self._lock:
            self._recorder.collect_rates(self._now_ms())
        return self._shipper.flush()

    def close(self) -> None:
        """Stops the thread, makes a last flush and closes the connection. Idempotent; also runs at exit."""
        if self._closed:
            return
        self._closed = True
        untrack(self)
        self._stop.set()
        self._wake.set()
        thread = self._thread
        stuck = False
        if thread is not None and thread is not threading.current_thread():
            thread.join(self._timeout + 1)
            stuck = thread.is_alive()
        if not stuck:  # a thread still waiting on a hung Redis: a last flush would wait as long again
            self.flush()
        try:
            self._shipper.client.close()
        except Exception:  # closing a connection that is already gone
            pass

    def __enter__(self) -> "PerformanceMonitor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        """Fresh lock, events, connection and (lazily) thread: at construction and in a forked child."""
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._dropped_after_close = 0
        self._thread: Optional[threading.Thread] = None
        client = connect(self._address, self._timeout, f"squeezeflow-monitoring:{self.service}")
        self._shipper = Shipper(recorder=self._recorder, lock=self._lock, client=client, **self._shipper_options)

    def _start_thread(self) -> None:
        with self._lock:
            if self._thread is not None or self._closed:
                return
            self._thread = threading.Thread(
                target=run, args=(weakref.ref(self), self._stop, self._wake), name="squeezeflow-monitoring", daemon=True
            )
        self._thread.start()

    def _after_fork_in_child(self) -> None:
        # The child owns none of the parent's buffered points (the parent ships them), and the parent's lock may
        # have been held by a thread that does not exist here. The thread starts on the child's first record.
        self._recorder.reset()
        self._start()

    def _tick(self) -> None:
        with self._lock:
            self._recorder.collect_rates(self._now_ms())
