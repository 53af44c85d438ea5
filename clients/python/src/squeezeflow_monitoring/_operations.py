"""Operation and error counts per operation, and the error rate per interval: packages/metrics-sdk's
OperationStats, mirrored so both clients emit the same points with the same meaning."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple, Union

from ._validation import is_metric_name

LONGEST_SUFFIX = "_error_rate_percent"


class Rejection:
    """Why input was refused; ``is_limit`` refusals depend on runtime data and never raise."""

    __slots__ = ("reason", "is_limit")

    def __init__(self, reason: str, is_limit: bool = False) -> None:
        self.reason = reason
        self.is_limit = is_limit


class OperationState:
    __slots__ = ("name", "time_metric", "operations", "errors", "interval_operations", "interval_errors", "last_error_at")

    def __init__(self, name: str) -> None:
        self.name = name
        self.time_metric = f"{name}_time_ms"
        self.operations = 0
        self.errors = 0
        self.interval_operations = 0
        self.interval_errors = 0
        self.last_error_at: Optional[int] = None


class OperationStats:
    """An operation that never failed emits no rate; one that failed keeps emitting (0 once clean) for
    ``hold_ms`` after its last error, so an alert on the rate sees it fall and resolves."""

    def __init__(self, max_operations: int, hold_ms: int) -> None:
        self._operations: Dict[str, OperationState] = {}
        self._max_operations = max_operations
        self._hold_ms = hold_ms

    def operation(self, name: str) -> Union[OperationState, Rejection]:
        known = self._operations.get(name) if isinstance(name, str) else None
        if known is not None:
            return known
        if not isinstance(name, str) or not is_metric_name(f"{name}{LONGEST_SUFFIX}"):
            return Rejection(
                f"operation name {_quoted(name)} must make {_quoted(f'{name}{LONGEST_SUFFIX}')} "
                "match /^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$/"
            )
        if len(self._operations) >= self._max_operations:
            return Rejection(f"operation {name}: limit of {self._max_operations} distinct operations reached", True)
        state = self._operations[name] = OperationState(name)
        return state

    @staticmethod
    def count_operation(state: OperationState) -> None:
        state.operations += 1
        state.interval_operations += 1

    @staticmethod
    def count_error(state: OperationState, now: int) -> None:
        state.errors += 1
        state.interval_errors += 1
        state.last_error_at = now

    def collect(self, now: int) -> List[Tuple[OperationState, float, int]]:
        """Closes the interval: (operation, error rate percent, interval errors) to emit, then resets the interval."""
        rates = []
        for state in self._operations.values():
            if state.last_error_at is not None and now - state.last_error_at <= self._hold_ms:
                ops, errors = state.interval_operations, state.interval_errors
                rate = min(100.0, errors / ops * 100) if ops > 0 else (100.0 if errors > 0 else 0.0)
                rates.append((state, rate, errors))
            state.interval_operations = 0
            state.interval_errors = 0
        return rates

    def snapshot(self) -> List[Dict[str, object]]:
        return [{"operation": s.name, "operations": s.operations, "errors": s.errors} for s in self._operations.values()]

    def reset(self) -> None:
        self._operations.clear()


def _quoted(value: object) -> str:
    import json

    return json.dumps(value) if isinstance(value, str) else repr(value)
