"""Redis hung (SIGSTOP) then killed and restarted: the caller never waits, and the points arrive afterwards."""

import time

from helpers import monitor_on, read_stream, values_of, wait_until
from squeezeflow_monitoring import PerformanceTimer


def test_recording_never_waits_on_a_hung_redis_and_points_arrive_after_it_returns(own_redis):
    perf = monitor_on(own_redis, flush_interval_s=0.2, batch_size=500, ship_timeout_s=2)
    perf.record_metric("before", 1, "count")
    assert wait_until(lambda: perf.stats()["shipped"] == 1)
    own_redis.pause()
    paused_at = time.monotonic()
    time.sleep(0.3)  # let the thread start a round trip that will hang
    started = time.monotonic()
    for i in range(10_000):
        perf.record_metric("during", i, "count", {"symbol": "BTC"})
    with PerformanceTimer(perf, "signal_generation"):
        pass
    elapsed = time.monotonic() - started
    # A correctness bound, not a speed claim: a single wait on the hung server would take the 2 s timeout.
    assert elapsed < 2.0, f"recording took {elapsed:.2f} s while Redis hung"
    # Redis stays hung for 10 s in all, several ship timeouts long, before it is stopped.
    time.sleep(max(0.0, 10.0 - (time.monotonic() - paused_at)))
    own_redis.kill()
    # A batch in flight is not counted as buffered until its failed round trip puts it back.
    assert wait_until(lambda: perf.stats()["buffered"] == 10_001)
    assert perf.stats()["last_error"] is not None
    own_redis.start(own_redis.port)
    client = own_redis.client()
    assert wait_until(lambda: perf.stats()["buffered"] == 0, timeout=15)
    perf.close()
    points = read_stream(client)
    assert values_of(points, "during") == list(range(10_000))
    assert len(values_of(points, "signal_generation_time_ms")) == 1
    assert perf.stats()["dropped"] == 0
