"""Moves buffered points to Redis: up to ``max_points_per_flush`` per round trip (one XADD, or one MULTI/EXEC
of several), cut into v2 entries of ``max_points_per_entry``. A failed round trip puts its points back in front
of the buffer; delivery is at least once. packages/metrics-sdk's Flusher and self-report, mirrored."""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, List, Optional

from ._codec import INGEST_FIELD_V2, Point, encode_columnar_batch
from ._recorder import MetricRecorder


class Shipper:
    def __init__(
        self,
        *,
        recorder: MetricRecorder,
        lock: threading.Lock,
        client: Any,
        service: str,
        stream_key: str,
        stream_max_len: int,
        max_points_per_entry: int,
        max_points_per_flush: int,
        now_ms: Callable[[], int],
        dropped_after_close: Callable[[], int],
    ) -> None:
        self._recorder = recorder
        self._lock = lock
        self.client = client
        self._service = service
        self._stream_key = stream_key
        self._stream_max_len = stream_max_len
        self._per_entry = max_points_per_entry
        self._per_flush = max_points_per_flush
        self._now_ms = now_ms
        self._dropped_after_close = dropped_after_close
        self.flush_lock = threading.Lock()
        self.shipped = 0
        self.flushes = 0
        self.round_trips = 0
        self.last_error: Optional[str] = None
        self._reported = (0, 0)

    def flush(self) -> Dict[str, Any]:
        """Ships what is buffered when called (not what arrives meanwhile), stopping at the first failure."""
        with self.flush_lock:
            self.flushes += 1
            with self._lock:
                owed = len(self._recorder.buffer)
            shipped = 0
            while True:
                report, counters = self._self_report()
                with self._lock:
                    batch = self._recorder.take(min(owed, self._per_flush))
                if not batch and not report:
                    break
                points = report + batch
                self.round_trips += 1
                try:
                    self._ship(points)
                except Exception as error:  # any driver failure: keep the points, say why, try again later
                    with self._lock:
                        self._recorder.requeue(batch)
                    self.last_error = f"{type(error).__name__}: {error}"
                    break
                self._reported = counters
                self.last_error = None
                self.shipped += len(points)
                shipped += len(points)
                owed -= len(batch)
                if owed <= 0:
                    break
            with self._lock:
                remaining = len(self._recorder.buffer)
            return {"shipped": shipped, "remaining": remaining, "error": self.last_error}

    def _ship(self, points: List[Point]) -> None:
        entries = [
            encode_columnar_batch(self._service, points[k : k + self._per_entry])
            for k in range(0, len(points), self._per_entry)
        ]
        fields = INGEST_FIELD_V2
        if len(entries) == 1:
            self.client.xadd(self._stream_key, {fields: entries[0]}, maxlen=self._stream_max_len, approximate=True)
            return
        pipeline = self.client.pipeline(transaction=True)
        for entry in entries:
            pipeline.xadd(self._stream_key, {fields: entry}, maxlen=self._stream_max_len, approximate=True)
        pipeline.execute()

    def _self_report(self):
        """``sdk_dropped_points_total`` / ``sdk_rejected_points_total`` when grown since last delivered; not
        buffered, so a full buffer cannot push out the report of its own overflow."""
        with self._lock:
            dropped = self._recorder.dropped + self._dropped_after_close()
            rejected = self._recorder.rejected
        now = self._now_ms()
        report: List[Point] = []
        if dropped > self._reported[0]:
            report.append(("sdk_dropped_points_total", dropped, "count", (), now))
        if rejected > self._reported[1]:
            report.append(("sdk_rejected_points_total", rejected, "count", (), now))
        return report, (max(dropped, self._reported[0]), max(rejected, self._reported[1]))
