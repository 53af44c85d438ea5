"""Recording semantics against a real redis-server: the Node SDK's point names, error rates and limits."""

import asyncio

import pytest

from helpers import monitor_on, read_stream, values_of
from squeezeflow_monitoring import MetricValidationError, PerformanceMonitor, PerformanceTimer


class Ticks:
    """A monotonic clock the test moves by hand (seconds)."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_record_metric_ships_a_v2_point_with_service_unit_tags_and_clock_time(redis_server, redis_client):
    with monitor_on(redis_server, service="strategy-runner", clock=lambda: 1_764_484_800_123) as perf:
        assert perf.record_metric(metric_name="signals_generated", value=3, unit="count", tags={"symbol": "BTC"})
        assert perf.flush() == {"shipped": 1, "remaining": 0, "error": None}
    [(_, fields)] = redis_client.xrange("squeezeflow:ingest:metrics")
    assert list(fields) == ["c"]
    assert read_stream(redis_client) == [
        {"metric_name": "signals_generated", "value": 3, "unit": "count", "service": "strategy-runner",
         "tags": {"symbol": "BTC"}, "timestamp": 1_764_484_800_123}
    ]


def test_timer_as_context_manager_records_time_ms_with_the_monotonic_clock(redis_server, redis_client):
    ticks = Ticks()
    with monitor_on(redis_server, monotonic=ticks) as perf:
        with PerformanceTimer(perf, "signal_generation", tags={"symbol": "BTC"}) as timer:
            ticks.now += 0.0125
        assert timer.elapsed_ms == pytest.approx(12.5)
        perf.flush()
        assert perf.operations() == [{"operation": "signal_generation", "operations": 1, "errors": 0}]
    points = read_stream(redis_client)
    assert [(p["metric_name"], p["unit"], p["tags"]) for p in points] == [("signal_generation_time_ms", "ms", {"symbol": "BTC"})]
    assert points[0]["value"] == pytest.approx(12.5)


def test_timer_records_the_error_and_reraises_then_flush_emits_the_error_rate(redis_server, redis_client):
    with monitor_on(redis_server) as perf:
        for attempt in range(4):
            try:
                with PerformanceTimer(perf, "signal_generation"):
                    if attempt == 0:
                        raise RuntimeError("order book missing")
            except RuntimeError as error:
                assert str(error) == "order book missing"
        perf.flush()
        assert perf.recent_errors()[0]["error_message"] == "order book missing"
    points = read_stream(redis_client)
    assert len(values_of(points, "signal_generation_time_ms")) == 4
    # close() closes one more interval, clean: the rate falls to 0 while the error is held.
    assert values_of(points, "signal_generation_error_rate_percent") == [25.0, 0.0]
    assert values_of(points, "signal_generation_error_count") == [1]


def test_record_error_counts_toward_the_rate_and_errors_without_operations_count_100(redis_server, redis_client):
    with monitor_on(redis_server) as perf:
        perf.record_error(operation_name="publish", error_message="ECONNRESET")
        perf.flush()
        perf.flush()  # the next interval is clean: 0 while the error is held (and once more at close)
    points = read_stream(redis_client)
    assert values_of(points, "publish_error_rate_percent") == [100.0, 0.0, 0.0]
    assert values_of(points, "publish_error_count") == [1]


def test_decorator_times_each_call_of_a_plain_function(redis_server, redis_client):
    with monitor_on(redis_server) as perf:

        @PerformanceTimer(perf, "compute")
        def compute(x):
            if x < 0:
                raise ValueError("negative")
            return x * 2

        assert compute(2) == 4
        assert compute.__name__ == "compute"
        with pytest.raises(ValueError):
            compute(-1)
        perf.flush()
        assert perf.operations() == [{"operation": "compute", "operations": 2, "errors": 1}]
    assert len(values_of(read_stream(redis_client), "compute_time_ms")) == 2


def test_decorator_and_async_with_time_coroutines_across_their_awaits(redis_server, redis_client):
    ticks = Ticks()
    with monitor_on(redis_server, monotonic=ticks) as perf:

        @PerformanceTimer(perf, "fetch")
        async def fetch():
            await asyncio.sleep(0)
            ticks.now += 0.5
            return "ok"

        async def main():
            assert asyncio.iscoroutinefunction(fetch)
            results = await asyncio.gather(fetch(), fetch())
            async with PerformanceTimer(perf, "block"):
                await asyncio.sleep(0)
                ticks.now += 0.25
            return results

        assert asyncio.run(main()) == ["ok", "ok"]
        perf.flush()
    points = read_stream(redis_client)
    assert len(values_of(points, "fetch_time_ms")) == 2
    assert all(v >= 500 for v in values_of(points, "fetch_time_ms"))
    assert values_of(points, "block_time_ms") == [pytest.approx(250)]


def test_invalid_input_is_dropped_and_counted_by_default(redis_server, redis_client):
    with monitor_on(redis_server) as perf:
        assert perf.record_metric("bad name", 1, "ms") is False
        assert perf.record_metric("m", float("nan"), "ms") is False
        assert perf.record_metric("m", True, "ms") is False
        assert perf.record_metric("m", 1, "u" * 33) is False
        assert perf.record_metric("m", 1, "ms", {"k": "v" * 129}) is False
        assert perf.record_metric("m", 1, "ms", {f"k{i}": "v" for i in range(9)}) is False
        assert perf.record_metric("m", 1, "ms", {"k": 1}) is False
        with PerformanceTimer(perf, "has space"):
            pass
        stats = perf.stats()
        assert stats["rejected"] == 8
        assert stats["last_rejection"].startswith('operation name "has space"')
        perf.flush()
    assert values_of(read_stream(redis_client), "sdk_rejected_points_total") == [8]


def test_invalid_input_raises_with_on_invalid_raise_but_limits_never_do(redis_server):
    with monitor_on(redis_server, on_invalid="raise", max_metrics=1, max_tag_sets_per_metric=1) as perf:
        with pytest.raises(MetricValidationError, match="must match"):
            perf.record_metric("bad name", 1, "ms")
        assert perf.record_metric("m", 1, "ms", {"s": "a"})
        assert perf.record_metric("m", 1, "ms", {"s": "b"}) is False
        assert perf.record_metric("other", 1, "ms") is False
        assert perf.stats()["rejected"] == 3


def test_other_real_numbers_are_shipped_as_plain_json_numbers(redis_server, redis_client):
    from decimal import Decimal
    from fractions import Fraction

    with monitor_on(redis_server) as perf:
        assert perf.record_metric("m", Fraction(1, 4), "ms")
        assert perf.record_metric("m", Decimal("2.5"), "ms") is False  # Decimal is not a numbers.Real
        perf.flush()
    assert values_of(read_stream(redis_client), "m") == [0.25]


def test_a_clock_with_fractional_ms_still_ships_whole_ms(redis_server, redis_client):
    with monitor_on(redis_server, clock=lambda: 1_764_484_800_000.6) as perf:
        perf.record_metric("m", 1, "ms")
        perf.flush()
    assert [p["timestamp"] for p in read_stream(redis_client)] == [1_764_484_800_001]


def test_tag_sets_are_copied_when_recorded(redis_server, redis_client):
    tags = {"symbol": "BTC"}
    with monitor_on(redis_server) as perf:
        perf.record_metric("m", 1, "ms", tags)
        tags["symbol"] = "ETH"
        perf.flush()
    assert read_stream(redis_client)[0]["tags"] == {"symbol": "BTC"}


def test_bad_options_and_environment_name_the_field(monkeypatch):
    with pytest.raises(ValueError, match="option buffer_capacity"):
        PerformanceMonitor(service="s", host="127.0.0.1", port=1, buffer_capacity=0)
    with pytest.raises(ValueError, match="REDIS_PORT"):
        PerformanceMonitor(service="s", env={"REDIS_PORT": "abc"})
    with pytest.raises(ValueError, match="SERVICE_NAME"):
        PerformanceMonitor(env={"SERVICE_NAME": "has space"})


def test_reads_the_environment_and_names_the_service_after_the_program(redis_server, redis_client, monkeypatch):
    env = {"REDIS_HOST": redis_server.host, "REDIS_PORT": str(redis_server.port), "REDIS_PREFIX": "other"}
    monkeypatch.setattr("sys.argv", ["/opt/runner/strategy_runner.py"])
    with PerformanceMonitor(env=env, flush_interval_s=0) as perf:
        assert perf.service == "strategy_runner"
        perf.record_metric("m", 1, "ms")
        perf.flush()
    assert [p["service"] for p in read_stream(redis_client, "other:ingest:metrics")] == ["strategy_runner"]
    with PerformanceMonitor(env={**env, "SERVICE_NAME": "strategy-runner"}, flush_interval_s=0) as perf:
        assert perf.service == "strategy-runner"


def test_after_close_nothing_is_recorded_and_it_is_counted(redis_server):
    perf = monitor_on(redis_server)
    perf.close()
    perf.close()
    assert perf.record_metric("m", 1, "ms") is False
    assert perf.stats()["dropped"] == 1


def test_connects_with_a_redis_url(redis_server, redis_client):
    url = f"redis://{redis_server.host}:{redis_server.port}/0"
    with PerformanceMonitor(service="by-url", redis_url=url, flush_interval_s=0) as perf:
        perf.record_metric("m", 1, "ms")
        assert perf.flush()["error"] is None
    assert [p["service"] for p in read_stream(redis_client)] == ["by-url"]
