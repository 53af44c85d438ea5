"""record_metric throughput against a same-run baseline, and Redis round trips per 10 000 points.

    python3 clients/python/bench/bench_record.py      (starts its own redis-server on a free port)

Not a test: it prints ratios, which stay meaningful on a noisy, shared machine where absolute rates do not.
"""

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, "..", "src"), os.path.join(HERE, "..", "tests")]

from redis_server import RedisServer  # noqa: E402
from squeezeflow_monitoring import PerformanceMonitor, PerformanceTimer  # noqa: E402

CALLS = int(os.environ.get("BENCH_CALLS", "200000"))
TAGS = [{"symbol": s} for s in ("BTC", "ETH", "SOL", "XRP")]


def rate(run) -> float:
    """Calls per second of the best of three runs (the least disturbed by other processes)."""
    best = min(_timed(run) for _ in range(3))
    return CALLS / best


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def commandstats(client):
    stats = client.info("commandstats")
    return {name: int(stats.get(f"cmdstat_{name}", {}).get("calls", 0)) for name in ("xadd", "multi", "exec")}


def main() -> None:
    server = RedisServer().start()
    try:
        client = server.client()
        # A buffer large enough that no point is dropped, and no background flush: this measures the caller.
        perf = PerformanceMonitor(service="bench", host=server.host, port=server.port, flush_interval_s=0,
                                  buffer_capacity=10_000_000, batch_size=10_000_000)

        def baseline():
            sink = []
            for i in range(CALLS):
                sink.append(("signals_generated", i, "count", TAGS[i & 3]))

        def record():
            for i in range(CALLS):
                perf.record_metric("signals_generated", i, "count", TAGS[i & 3])
            perf._recorder.buffer.clear()  # keep runs independent; the buffer is not what is measured

        def timed_block():
            for _ in range(CALLS):
                with PerformanceTimer(perf, "signal_generation"):
                    pass
            perf._recorder.buffer.clear()

        base, recorded, timed = rate(baseline), rate(record), rate(timed_block)
        print(f"list.append (baseline)          {base:>12,.0f} calls/s")
        print(f"record_metric                   {recorded:>12,.0f} calls/s   {base / recorded:5.1f}x the baseline's cost")
        print(f"with PerformanceTimer(...)      {timed:>12,.0f} calls/s   {base / timed:5.1f}x the baseline's cost")

        perf.close()
        for label, options in (("defaults", {}), ("max_points_per_entry=100", {"max_points_per_entry": 100})):
            client.config_resetstat()
            perf = PerformanceMonitor(service="bench", host=server.host, port=server.port, flush_interval_s=0,
                                      batch_size=100_000, **options)
            for i in range(10_000):
                perf.record_metric("signals_generated", i, "count", TAGS[i & 3])
            perf.flush()
            trips = perf.stats()["round_trips"]
            perf.close()
            calls = commandstats(client)
            entries = client.xlen("squeezeflow:ingest:metrics")
            size = sum(len(fields["c"]) for _, fields in client.xrange("squeezeflow:ingest:metrics", count=entries))
            print(f"10 000 points, {label:<24} {trips} round trip(s) (client count), Redis saw "
                  f"{calls['xadd']} XADD in {calls['exec']} MULTI/EXEC; {size / 10_000:.1f} bytes a point")
            client.delete("squeezeflow:ingest:metrics")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
