"""HealthMonitor writes alert rules to the hash the monitors load."""

import json

import pytest

from squeezeflow_monitoring import HealthMonitor, PerformanceAlert


def backlog_alert(**changes):
    fields = dict(metric_name="signal_backlog", threshold_value=100, comparison="gt", duration_seconds=60,
                  severity="warning", message_template="Signal backlog high: {value} signals")
    fields.update(changes)
    return PerformanceAlert(**fields)


def test_adds_and_removes_a_rule_in_the_alert_rules_hash(redis_server, redis_client):
    with HealthMonitor(service="strategy-runner", host=redis_server.host, port=redis_server.port) as monitor:
        stored = monitor.add_performance_alert(backlog_alert())
        assert stored["name"] == "signal_backlog_gt"
        raw = json.loads(redis_client.hget("squeezeflow:alert_rules", "signal_backlog_gt"))
        assert raw == stored
        assert raw["added_by"] == "strategy-runner" and raw["updated_at"].endswith("Z")
        assert {k: raw[k] for k in ("match", "scope", "enabled", "threshold_value")} == {
            "match": "exact", "scope": "metric", "enabled": True, "threshold_value": 100}
        monitor.add_performance_alert(backlog_alert(name="runner.redis_slow", metric_name="redis.response_time_ms",
                                                    scope="health", threshold_value=500))
        assert sorted(redis_client.hkeys("squeezeflow:alert_rules")) == ["runner.redis_slow", "signal_backlog_gt"]
        assert monitor.remove_performance_alert("signal_backlog_gt") is True
        assert monitor.remove_performance_alert("signal_backlog_gt") is False
        assert redis_client.hkeys("squeezeflow:alert_rules") == ["runner.redis_slow"]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"comparison": ">"}, "comparison"),
        ({"severity": "fatal"}, "severity"),
        ({"threshold_value": float("inf")}, "threshold_value"),
        ({"duration_seconds": -5}, "duration_seconds"),
        ({"message_template": ""}, "message_template"),
        ({"scope": "health"}, "metric_name"),
    ],
)
def test_performance_alert_refuses_a_bad_field_naming_it(changes, field):
    with pytest.raises(ValueError, match=rf"^performance alert {field} must be"):
        backlog_alert(**changes)
