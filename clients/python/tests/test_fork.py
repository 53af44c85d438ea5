"""fork(): the child gets a fresh buffer, lock and thread, and ships its own points."""

import os

from helpers import monitor_on, read_stream, wait_until


def test_a_forked_child_records_and_ships_its_own_points(redis_server, redis_client):
    perf = monitor_on(redis_server, flush_interval_s=0.1)
    for i in range(5):
        perf.record_metric("parent", i, "count")
    pid = os.fork()
    if pid == 0:  # the child: its own points only, shipped by its own thread
        code = 1
        try:
            assert perf.stats()["buffered"] == 0
            perf.record_metric("child", os.getpid(), "count")
            ok = wait_until(lambda: perf.stats()["shipped"] >= 1, timeout=10)
            perf.close()
            code = 0 if ok else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    perf.close()
    points = read_stream(redis_client)
    assert [p["value"] for p in points if p["metric_name"] == "child"] == [pid]
    assert [p["value"] for p in points if p["metric_name"] == "parent"] == [0, 1, 2, 3, 4]


def record_in_child(perf):
    perf.record_metric("mp_child", 1, "count")  # no flush, no close: the child ends with os._exit


def test_a_multiprocessing_child_flushes_at_its_exit(redis_server, redis_client):
    import multiprocessing

    perf = monitor_on(redis_server, flush_interval_s=60)
    child = multiprocessing.get_context("fork").Process(target=record_in_child, args=(perf,))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    perf.close()
    assert [p["value"] for p in read_stream(redis_client) if p["metric_name"] == "mp_child"] == [1]
