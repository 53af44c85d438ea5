"""Validation, cardinality limits and the bounded buffer: packages/metrics-sdk's MetricRecorder, MetricRegistry
and PointBuffer in one. No I/O and no locking; the monitor holds its lock around every call."""

from __future__ import annotations

import numbers
from collections import deque
from typing import Deque, Dict, List, Mapping, Optional, Sequence, Tuple

from ._codec import Point
from ._operations import OperationState, OperationStats, Rejection
from ._validation import MAX_UNIT_LENGTH, is_finite_number, metric_name_problem, tags_problem

MAX_ERROR_MESSAGE_LENGTH = 1000
RECENT_ERRORS = 100
_NO_TAGS: Tuple[Tuple[str, str], ...] = ()

TagKey = Tuple[Tuple[str, str], ...]


class MetricRecorder:
    def __init__(self, *, capacity: int, max_metrics: int, max_tag_sets_per_metric: int, error_rate_hold_ms: int) -> None:
        self.capacity = capacity
        self._max_metrics = max_metrics
        self._max_tag_sets = max_tag_sets_per_metric
        self._hold_ms = error_rate_hold_ms
        # metric name -> accepted tag sets (as sorted pair tuples): validated once, then a dict look-up.
        self._metrics: Dict[str, Dict[TagKey, TagKey]] = {}
        self.reset()

    def reset(self) -> None:
        """A fresh buffer and fresh counters (a forked child's start); accepted names and tag sets are kept."""
        self.buffer: Deque[Point] = deque()
        self.dropped = 0
        self.rejected = 0
        self.last_rejection: Optional[str] = None
        self.operations = OperationStats(self._max_metrics, self._hold_ms)
        self.recent_errors: Deque[Dict[str, object]] = deque(maxlen=RECENT_ERRORS)

    def record(self, name: str, value: float, unit: str, tags: Optional[Mapping[str, str]], now: int) -> Optional[Rejection]:
        """Appends one point, or returns why it is refused."""
        known = self._metrics.get(name) if isinstance(name, str) else None
        if known is None:
            known_or_rejection = self._admit_metric(name)
            if isinstance(known_or_rejection, Rejection):
                return known_or_rejection
            known = known_or_rejection
        if type(value) not in (int, float) and isinstance(value, numbers.Real) and not isinstance(value, bool):
            value = float(value)  # numpy scalars and the like: encode as plain JSON numbers
        if not is_finite_number(value):
            return Rejection(f"metric {name}: value must be a finite number, got {value!r}")
        if not isinstance(unit, str) or len(unit) > MAX_UNIT_LENGTH:
            return Rejection(f"metric {name}: unit must be a string of at most {MAX_UNIT_LENGTH} characters")
        if tags:
            if not isinstance(tags, Mapping):
                return Rejection(f"metric {name}: tags must be a dict of strings")
            key = self._tag_key(name, known, tags)
            if isinstance(key, Rejection):
                return key
        else:
            key = _NO_TAGS
        self.push((name, value, unit, key, now))
        return None

    def push(self, point: Point) -> None:
        if len(self.buffer) >= self.capacity:
            self.buffer.popleft()
            self.dropped += 1
        self.buffer.append(point)

    def take(self, count: int) -> List[Point]:
        buffer = self.buffer
        return [buffer.popleft() for _ in range(min(count, len(buffer)))]

    def requeue(self, points: Sequence[Point]) -> None:
        """Puts undelivered points back in front, in order; the oldest of them are dropped if they do not fit."""
        fit = min(len(points), self.capacity - len(self.buffer))
        self.dropped += len(points) - fit
        self.buffer.extendleft(reversed(points[len(points) - fit :]))

    def operation(self, name: str) -> "OperationState | Rejection":
        return self.operations.operation(name)

    def record_timing(self, state: OperationState, elapsed_ms: float, tags: Optional[Mapping[str, str]], error: object, now: int) -> Optional[Rejection]:
        self.operations.count_operation(state)
        if error is not None:
            self.record_error(state, error, now)
        return self.record(state.time_metric, elapsed_ms, "ms", tags, now)

    def record_error(self, state: OperationState, error: object, now: int) -> None:
        self.operations.count_error(state, now)
        message = str(error)[:MAX_ERROR_MESSAGE_LENGTH]
        self.recent_errors.append({"operation_name": state.name, "error_message": message, "timestamp": now})

    def collect_rates(self, now: int) -> None:
        """Closes the error-rate interval: ``<op>_error_rate_percent`` and, with errors, ``<op>_error_count``."""
        for state, rate, errors in self.operations.collect(now):
            self.push((f"{state.name}_error_rate_percent", rate, "percent", _NO_TAGS, now))
            if errors > 0:
                self.push((f"{state.name}_error_count", errors, "count", _NO_TAGS, now))

    def refuse(self, rejection: Rejection) -> None:
        self.rejected += 1
        self.last_rejection = rejection.reason

    def _admit_metric(self, name: str) -> "Dict[TagKey, TagKey] | Rejection":
        if not isinstance(name, str):
            return Rejection(f"metric name must be a string, got {type(name).__name__}")
        problem = metric_name_problem(name)
        if problem is not None:
            return Rejection(problem)
        if len(self._metrics) >= self._max_metrics:
            return Rejection(f"metric {name}: limit of {self._max_metrics} distinct metric names reached", True)
        known: Dict[TagKey, TagKey] = {}
        self._metrics[name] = known
        return known

    def _tag_key(self, name: str, known: Dict[TagKey, TagKey], tags: Mapping[str, str]) -> "TagKey | Rejection":
        try:
            key = tuple(sorted(tags.items()))
            accepted = known.get(key)
        except TypeError:  # unorderable or unhashable keys or values
            return Rejection(f"metric {name}: tags must be a dict of strings")
        if accepted is not None:
            return accepted
        problem = tags_problem(name, tags)
        if problem is not None:
            return Rejection(problem)
        if len(known) >= self._max_tag_sets:
            return Rejection(f"metric {name}: tag cardinality limit of {self._max_tag_sets} distinct tag sets reached", True)
        known[key] = key
        return key
