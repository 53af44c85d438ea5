"""The README's Python example, run as a script against a real redis-server and the real performance-monitor."""

import json
import os
import re
import subprocess
import sys
import urllib.request
from datetime import datetime, timedelta

import pytest

from conftest import REPO
from helpers import read_stream, values_of, wait_until
from redis_server import RedisServer, free_port
from squeezeflow_monitoring import HealthMonitor, PerformanceAlert, PerformanceMonitor

MAIN = os.path.join(REPO, "apps", "performance-monitor", "dist", "bundle", "main.mjs")


def readme_example() -> str:
    readme = open(os.path.join(REPO, "README.md"), encoding="utf-8").read()
    section = readme.split("\n## Python client\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def get_json(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


def later_iso(iso: str, seconds: float) -> str:
    """An ISO-8601 UTC time (as the monitors write it, ending in Z) plus seconds, in the same form."""
    moved = datetime.fromisoformat(iso.replace("Z", "+00:00")) + timedelta(seconds=seconds)
    return moved.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def exact_p95(values):
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


@pytest.fixture
def stack(tmp_path):
    """redis-server and performance-monitor (built from this checkout), each on a free port."""
    # turbo rebuilds only what changed, so this is quick when ./scripts/test.sh has just built everything.
    subprocess.run(
        ["pnpm", "exec", "turbo", "run", "build", "--filter=@squeezeflow/performance-monitor...", "--output-logs=errors-only"],
        cwd=REPO, check=True, stdout=subprocess.DEVNULL,
    )
    redis_server = RedisServer().start()
    port = free_port()
    env = {
        **os.environ,
        "REDIS_HOST": redis_server.host,
        "REDIS_PORT": str(redis_server.port),
        "PERFORMANCE_MONITOR_PORT": str(port),
        "DASHBOARD_UPDATE_INTERVAL": "1",
        "COLLECTION_INTERVAL_SECONDS": "0.5",
        "INGEST_BLOCK_MS": "200",
        "LOG_LEVEL": "WARNING",
    }
    log = open(tmp_path / "performance-monitor.log", "wb")
    monitor = subprocess.Popen(["node", MAIN], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: get_json(f"{url}/livez") is not None, timeout=30), "performance-monitor did not answer"
        yield redis_server, url
    finally:
        monitor.terminate()
        try:
            monitor.wait(15)
        except subprocess.TimeoutExpired:
            monitor.kill()
            monitor.wait()
        log.close()
        redis_server.stop()


def test_readme_example_reaches_the_summary_and_the_dashboard(stack, tmp_path):
    redis_server, url = stack
    script = tmp_path / "strategy_runner.py"
    script.write_text(readme_example())
    env = {
        **os.environ,
        "PYTHONPATH": os.path.join(REPO, "clients", "python", "src"),
        "REDIS_HOST": redis_server.host,
        "REDIS_PORT": str(redis_server.port),
        "SERVICE_NAME": "strategy-runner",
    }
    run = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr

    client = redis_server.client()
    shipped = read_stream(client)
    generated = values_of(shipped, "signals_generated")
    timings = values_of(shipped, "signal_generation_time_ms")
    assert (len(generated), len(timings)) == (90, 100)
    assert sum(values_of(shipped, "signal_generation_error_count")) == 30

    def summary():
        body = get_json(f"{url}/metrics/summary") or {}
        metrics = body.get("metrics", {})
        ready = metrics.get("signals_generated", {}).get("count") == 90 and "signal_generation_error_rate_percent" in metrics
        return metrics if ready else None

    metrics = wait_until(summary, timeout=30)
    assert metrics, get_json(f"{url}/metrics/summary")
    assert metrics["signal_generation_time_ms"]["count"] == 100
    assert metrics["signals_generated"]["p95"] == pytest.approx(exact_p95(generated), rel=0.01)
    assert metrics["signal_generation_time_ms"]["p95"] == pytest.approx(exact_p95(timings), rel=0.01)
    assert metrics["signals_generated"]["service"] == "strategy-runner"
    assert max(values_of(shipped, "signal_generation_error_rate_percent")) > 0

    def dashboard():
        raw = client.get("squeezeflow:dashboard:performance")
        body = json.loads(raw) if raw else {}
        metrics = body.get("metrics", {})
        return metrics if metrics.get("signals_generated", {}).get("count") == 90 else None

    board = wait_until(dashboard, timeout=30)
    assert board, "the dashboard never showed the 90 signals_generated points"
    assert board["signals_generated"]["p95"] == pytest.approx(exact_p95(generated), rel=0.01)
    assert board["signal_generation_time_ms"]["count"] == 100
    assert "signal_generation_error_rate_percent" in board

    rule = json.loads(client.hget("squeezeflow:alert_rules", "signal_backlog_gt"))
    assert (rule["threshold_value"], rule["comparison"], rule["added_by"]) == (100, "gt", "strategy-runner")
    client.close()

    # The timed block that raised keeps signal_generation_error_rate_percent above the default rule's 5 %;
    # once that has held for the rule's 60 s, the default error-rate alert fires for the strategy runner.
    def error_rate_alert():
        firing = (get_json(f"{url}/alerts") or {}).get("firing", [])
        return [a for a in firing if a["rule"].startswith("error_rate_high") and a["service"] == "strategy-runner"]

    alerts = wait_until(error_rate_alert, timeout=150, step=1)
    assert alerts, get_json(f"{url}/alerts")
    assert alerts[0]["severity"] == "critical"
    assert "signal_generation_error_rate_percent" in alerts[0]["message"]


def test_alert_rule_from_python_fires_and_resolves_once_in_performance_monitor(stack):
    """HealthMonitor.add_performance_alert writes the rule; the running performance-monitor picks it up within a
    cycle and announces one firing and one resolved message as the recorded values cross the threshold."""
    redis_server, url = stack
    client = redis_server.client()
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe("squeezeflow:performance_alerts")
    received = []

    def messages_of(rule):
        while True:
            message = pubsub.get_message(timeout=0.05)
            if message is None:
                break
            received.append(json.loads(message["data"]))
        return [m for m in received if m["rule"] == rule]

    with pytest.raises(ValueError, match="^performance alert threshold_value must be"):
        PerformanceAlert(metric_name="signal_backlog", threshold_value="high", comparison="gt", duration_seconds=2,
                         severity="warning", message_template="Signal backlog high: {value} signals")
    with HealthMonitor(service="strategy-runner", host=redis_server.host, port=redis_server.port) as health:
        rule = health.add_performance_alert(PerformanceAlert(
            metric_name="signal_backlog", threshold_value=100, comparison="gt", duration_seconds=2,
            severity="warning", message_template="Signal backlog high: {value} signals"))
    assert rule["name"] == "signal_backlog_gt"

    def listed():
        body = get_json(f"{url}/alerts") or {}
        return [r for r in body.get("rules", []) if r["name"] == "signal_backlog_gt" and r["origin"] == "redis"]

    assert wait_until(listed, timeout=15), get_json(f"{url}/alerts")

    perf = PerformanceMonitor(service="strategy-runner", host=redis_server.host, port=redis_server.port,
                              flush_interval_s=0)
    try:
        perf.record_metric("signal_backlog", 150, "count")
        perf.flush()
        firing = wait_until(lambda: messages_of("signal_backlog_gt"), timeout=30)
        assert [m["state"] for m in firing] == ["firing"], firing
        assert firing[0]["source"] == "performance-monitor" and firing[0]["service"] == "strategy-runner"
        assert (firing[0]["value"], firing[0]["threshold"], firing[0]["duration_seconds"]) == (150, 100, 2)
        assert firing[0]["message"] == "Signal backlog high: 150 signals"

        perf.record_metric("signal_backlog", 50, "count")
        perf.flush()
        assert wait_until(lambda: len(messages_of("signal_backlog_gt")) >= 2, timeout=30), received
        # Cycles go on for another second after the resolution: still one message of each.
        resolved_at = messages_of("signal_backlog_gt")[1]["timestamp"]
        assert wait_until(lambda: ((get_json(f"{url}/health") or {}).get("collection", {}).get("last_cycle_at") or "")
                          > later_iso(resolved_at, 1.0), timeout=15)
        both = messages_of("signal_backlog_gt")
        assert [(m["state"], m["repeat"]) for m in both] == [("firing", False), ("resolved", False)], both
        assert both[1]["fingerprint"] == firing[0]["fingerprint"]
    finally:
        perf.close()
        pubsub.close()
        client.close()
