"""PerformanceMonitor's tuning options, merged with their defaults (the Node SDK's) and checked once; a bad
value raises ValueError naming the option."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional


class Options(NamedTuple):
    raise_invalid: bool
    flush_interval_s: float
    batch_size: int
    buffer_capacity: int
    max_points_per_entry: int
    max_points_per_flush: int
    stream_max_len: int
    max_tag_sets_per_metric: int
    max_metrics: int
    error_rate_hold_ms: int
    ship_timeout_s: float


def _option(name: str, value: Any, low: float, high: float, integer: bool = True) -> Any:
    kind = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or not low <= value <= high:
        what = "an integer" if integer else "a number"
        raise ValueError(f"option {name} must be {what} from {low} to {high}, got {value!r}")
    return value


def resolve_options(
    *,
    on_invalid: str = "drop",
    flush_interval_s: float = 1.0,
    batch_size: Optional[int] = None,
    buffer_capacity: int = 100_000,
    max_points_per_entry: int = 1000,
    max_points_per_flush: int = 20_000,
    stream_max_len: int = 10_000,
    max_tag_sets_per_metric: int = 100,
    max_metrics: int = 1000,
    error_rate_hold_s: float = 300.0,
    ship_timeout_s: float = 5.0,
) -> Options:
    """``on_invalid``: ``"drop"`` (count it) or ``"raise"`` MetricValidationError. ``flush_interval_s``: flush and
    close the error-rate interval this often (0: only at ``batch_size`` and on ``flush()``). ``batch_size``: a
    flush starts once this many points wait (default min(1000, buffer_capacity)). ``buffer_capacity``: points
    kept while Redis is away. ``max_points_per_entry`` / ``max_points_per_flush``: points per stream entry / per
    round trip. ``stream_max_len``: ``XADD MAXLEN ~``. ``max_tag_sets_per_metric``, ``max_metrics``: cardinality
    limits. ``error_rate_hold_s``: how long after its last error an operation keeps emitting its rate.
    ``ship_timeout_s``: socket timeout of a round trip."""
    if on_invalid not in ("drop", "raise"):
        raise ValueError(f"option on_invalid must be 'drop' or 'raise', got {on_invalid!r}")
    capacity = _option("buffer_capacity", buffer_capacity, 1, 10_000_000)
    per_entry = _option("max_points_per_entry", max_points_per_entry, 1, 100_000)
    return Options(
        raise_invalid=on_invalid == "raise",
        flush_interval_s=_option("flush_interval_s", flush_interval_s, 0, 3600, integer=False),
        batch_size=_option("batch_size", min(1000, capacity) if batch_size is None else batch_size, 1, capacity),
        buffer_capacity=capacity,
        max_points_per_entry=per_entry,
        max_points_per_flush=_option("max_points_per_flush", max_points_per_flush, per_entry, 10_000_000),
        stream_max_len=_option("stream_max_len", stream_max_len, 1, 100_000_000),
        max_tag_sets_per_metric=_option("max_tag_sets_per_metric", max_tag_sets_per_metric, 1, 100_000),
        max_metrics=_option("max_metrics", max_metrics, 1, 100_000),
        error_rate_hold_ms=int(_option("error_rate_hold_s", error_rate_hold_s, 0, 86_400, integer=False) * 1000),
        ship_timeout_s=_option("ship_timeout_s", ship_timeout_s, 0.001, 600, integer=False),
    )
