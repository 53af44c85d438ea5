"""Alert rules in ``<prefix>:alert_rules`` (a hash: field = rule name, value = JSON), validated with the rules of
core's validateStoredAlertRule so that a rule Python accepts is one the monitors accept."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, Mapping, Optional

from ._config import connect, resolve
from ._validation import SERVICE_PATTERN, is_metric_name

COMPARISONS = ("gt", "gte", "lt", "lte", "eq")
SEVERITIES = ("info", "warning", "critical")
MATCHES = ("exact", "suffix")
SCOPES = ("metric", "health")
RULE_NAME_PATTERN = re.compile(r"[a-zA-Z_][a-zA-Z0-9_.-]{0,127}")
HEALTH_METRIC_PATTERN = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\.[a-zA-Z_][a-zA-Z0-9_.]*")
ISO_8601 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
_JS_WHITESPACE = " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


def _fail(field: str, expected: str, got: Any) -> None:
    try:
        shown = json.dumps(got)
    except (TypeError, ValueError):
        shown = repr(got)
    raise ValueError(f"performance alert {field} must be {expected}, got {shown}")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _one_of(field: str, allowed: tuple, value: Any) -> str:
    if not isinstance(value, str) or value not in allowed:
        _fail(field, f"one of {', '.join(allowed)}", value)
    return value


def validate_alert_rule(rule: Mapping[str, Any]) -> Dict[str, Any]:
    """The rule with its defaults filled in (``name``, ``enabled``, ``match``, ``scope``), or ValueError
    ``performance alert <field> must be …`` naming the first bad field, in core's order."""
    if not isinstance(rule, Mapping):
        _fail("definition", "an object", rule)
    metric_name = rule.get("metric_name")
    if not is_metric_name(metric_name):
        _fail("metric_name", "a name matching /^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$/", metric_name)
    threshold = rule.get("threshold_value")
    if not _number(threshold):
        _fail("threshold_value", "a finite number", threshold)
    comparison = _one_of("comparison", COMPARISONS, rule.get("comparison"))
    duration = rule.get("duration_seconds")
    if not _number(duration) or duration < 0:
        _fail("duration_seconds", "a number >= 0", duration)
    severity = _one_of("severity", SEVERITIES, rule.get("severity"))
    template = rule.get("message_template")
    if not isinstance(template, str) or template.strip(_JS_WHITESPACE) == "":
        _fail("message_template", "a non-empty string", template)
    enabled = rule.get("enabled", True)
    if not isinstance(enabled, bool):
        _fail("enabled", "a boolean", enabled)
    name = rule.get("name")
    name = f"{metric_name}_{comparison}" if name is None else name
    if not isinstance(name, str) or RULE_NAME_PATTERN.fullmatch(name) is None:
        _fail("name", "a name matching /^[a-zA-Z_][a-zA-Z0-9_.-]{0,127}$/", name)
    match = _one_of("match", MATCHES, rule.get("match", "exact"))
    scope = _one_of("scope", SCOPES, rule.get("scope", "metric"))
    if scope == "health" and HEALTH_METRIC_PATTERN.fullmatch(metric_name) is None:
        _fail("metric_name", "<service>.<field> for a health rule", metric_name)
    stored: Dict[str, Any] = {
        "name": name,
        "metric_name": metric_name,
        "threshold_value": threshold,
        "comparison": comparison,
        "duration_seconds": duration,
        "severity": severity,
        "message_template": template,
        "enabled": enabled,
        "match": match,
        "scope": scope,
    }
    added_by = rule.get("added_by")
    if added_by is not None:
        if not isinstance(added_by, str) or SERVICE_PATTERN.fullmatch(added_by) is None:
            _fail("added_by", "a service name matching /^[A-Za-z0-9_.:-]{1,64}$/", added_by)
        stored["added_by"] = added_by
    updated_at = rule.get("updated_at")
    if updated_at is not None:
        if not isinstance(updated_at, str) or ISO_8601.fullmatch(updated_at) is None or not _parses(updated_at):
            _fail("updated_at", "an ISO-8601 date-time", updated_at)
        stored["updated_at"] = updated_at
    return stored


def _parses(text: str) -> bool:
    try:
        datetime.fromisoformat(re.sub(r"\.(\d+)", lambda m: "." + m.group(1)[:6].ljust(6, "0"), text).replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


@dataclass(frozen=True)
class PerformanceAlert:
    """A threshold rule: ``metric_name`` compared (``gt``, ``gte``, ``lt``, ``lte``, ``eq``) with
    ``threshold_value`` must hold ``duration_seconds`` before it fires. ``message_template`` may use ``{value}``,
    ``{threshold}`` and ``{duration}``. ``name`` defaults to ``<metric_name>_<comparison>``; ``match="suffix"``
    also matches ``<anything>_<metric_name>``; ``scope="health"`` rules name ``<service>.<field>`` and are
    evaluated by health-monitor. Invalid fields raise ValueError naming the field."""

    metric_name: str
    threshold_value: float
    comparison: str
    duration_seconds: float
    severity: str
    message_template: str
    enabled: bool = True
    name: Optional[str] = None
    match: str = "exact"
    scope: str = "metric"

    def __post_init__(self) -> None:
        validate_alert_rule(self.__dict__)

    def to_rule(self) -> Dict[str, Any]:
        """The rule as stored, defaults filled in."""
        return validate_alert_rule(self.__dict__)


class HealthMonitor:
    """Writes alert rules for the monitors to load. These are configuration calls: unlike recording they talk
    to Redis at once and raise redis-py's errors when it cannot be reached."""

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
        timeout_s: float = 5.0,
        env: Optional[Mapping[str, str]] = None,
    ) -> None:
        self.service, address = resolve(
            service, env, redis_url=redis_url, host=host, port=port, db=db, password=password, prefix=prefix
        )
        self.alert_rules_key = f"{address['prefix']}:alert_rules"
        self._client = connect(address, timeout_s, f"squeezeflow-monitoring:{self.service}")

    def add_performance_alert(self, alert: PerformanceAlert) -> Dict[str, Any]:
        """Adds or replaces (by name) the rule; returns it as stored, with ``added_by`` and ``updated_at``."""
        if not isinstance(alert, PerformanceAlert):
            raise TypeError("add_performance_alert needs a PerformanceAlert")
        now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        rule = validate_alert_rule({**alert.to_rule(), "added_by": self.service, "updated_at": now})
        self._client.hset(self.alert_rules_key, rule["name"], json.dumps(rule, separators=(",", ":")))
        return rule

    def remove_performance_alert(self, name: str) -> bool:
        """Removes the rule called ``name``; True if it existed."""
        return self._client.hdel(self.alert_rules_key, name) == 1

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "HealthMonitor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
