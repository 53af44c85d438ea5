from typing import Any, Dict, List

from squeezeflow_monitoring import PerformanceMonitor, decode_entry

STREAM = "squeezeflow:ingest:metrics"


def read_stream(client, key: str = STREAM) -> List[Dict[str, Any]]:
    """Every point in the ingest stream, oldest first, decoded as performance-monitor decodes it."""
    points: List[Dict[str, Any]] = []
    for _id, fields in client.xrange(key):
        decoded = decode_entry(fields)
        assert decoded.rejected is None and decoded.skipped == []
        points.extend(decoded.points)
    return points


def command_calls(client, command: str) -> int:
    """Calls of one command since the last CONFIG RESETSTAT, from INFO commandstats."""
    stats = client.info("commandstats")
    return int(stats.get(f"cmdstat_{command}", {}).get("calls", 0))


def monitor_on(server, **options: Any) -> PerformanceMonitor:
    options.setdefault("service", "py-test")
    options.setdefault("flush_interval_s", 0)
    return PerformanceMonitor(host=server.host, port=server.port, **options)


def values_of(points, name: str):
    return [p["value"] for p in points if p["metric_name"] == name]


def wait_until(predicate, timeout: float = 10.0, step: float = 0.05):
    import time

    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(step)
