"""Records timings, metrics and errors of a Python service for SqueezeFlow's performance-monitor (through the
Redis stream ``<prefix>:ingest:metrics``, v2 entries) and adds alert rules to ``<prefix>:alert_rules``.
The contract is docs/contracts/README.md in the SqueezeFlow monitoring repository."""

from ._codec import decode_entry, encode_columnar_batch
from ._validation import MetricValidationError
from .alerts import HealthMonitor, PerformanceAlert, validate_alert_rule
from .monitor import PerformanceMonitor
from .timer import PerformanceTimer

__all__ = [
    "HealthMonitor",
    "MetricValidationError",
    "PerformanceAlert",
    "PerformanceMonitor",
    "PerformanceTimer",
    "decode_entry",
    "encode_columnar_batch",
    "validate_alert_rule",
]
