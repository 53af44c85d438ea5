"""Shipping: one round trip per flush, bounded entries and stream, overflow counted, v2 decodable."""

from helpers import command_calls, monitor_on, read_stream, values_of, wait_until


def test_one_round_trip_per_flush_cut_into_entries_of_max_points_per_entry(redis_server, redis_client):
    with monitor_on(redis_server, max_points_per_entry=1000, batch_size=100_000) as perf:
        for i in range(10_000):
            perf.record_metric("seq", i, "count", {"symbol": "BTC"})
        redis_client.config_resetstat()
        assert perf.flush() == {"shipped": 10_000, "remaining": 0, "error": None}
        assert (command_calls(redis_client, "xadd"), command_calls(redis_client, "exec")) == (10, 1)
        assert perf.stats()["round_trips"] == 1
    assert redis_client.xlen("squeezeflow:ingest:metrics") == 10
    assert values_of(read_stream(redis_client), "seq") == list(range(10_000))


def test_max_points_per_flush_bounds_a_round_trip(redis_server, redis_client):
    with monitor_on(redis_server, max_points_per_entry=100, max_points_per_flush=400) as perf:
        for i in range(1000):
            perf.record_metric("seq", i, "count")
        perf.flush()
        assert perf.stats()["round_trips"] == 3
    assert len(values_of(read_stream(redis_client), "seq")) == 1000


def test_the_stream_is_trimmed_to_about_stream_max_len(redis_server, redis_client):
    with monitor_on(redis_server, max_points_per_entry=1, stream_max_len=100) as perf:
        for i in range(2000):
            perf.record_metric("seq", i, "count")
        perf.flush()
    assert redis_client.xlen("squeezeflow:ingest:metrics") < 500


def test_the_background_thread_ships_on_its_interval_and_at_batch_size(redis_server, redis_client):
    with monitor_on(redis_server, flush_interval_s=0.1) as perf:
        perf.record_metric("tick", 1, "count")
        assert wait_until(lambda: redis_client.xlen("squeezeflow:ingest:metrics") == 1)
    with monitor_on(redis_server, flush_interval_s=0, batch_size=50) as perf:
        for i in range(50):
            perf.record_metric("batch", i, "count")
        assert wait_until(lambda: len(values_of(read_stream(redis_client), "batch")) == 50)


def test_overflow_drops_the_oldest_counts_them_and_reports_them_once(own_redis):
    client = own_redis.client()
    perf = monitor_on(own_redis, buffer_capacity=100)
    own_redis.kill()
    for i in range(250):
        perf.record_metric("seq", i, "count")
    assert perf.flush()["error"] is not None
    stats = perf.stats()
    assert (stats["buffered"], stats["dropped"]) == (100, 150)
    own_redis.start(own_redis.port)
    client = own_redis.client()
    assert perf.flush()["shipped"] == 101
    perf.close()
    points = read_stream(client)
    assert values_of(points, "seq") == list(range(150, 250))
    assert values_of(points, "sdk_dropped_points_total") == [150]
