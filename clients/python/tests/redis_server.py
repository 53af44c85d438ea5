"""A real redis-server on a free port in a temp dir, for the tests: started, paused, killed and restarted."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from typing import Optional

import redis


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="sqf-py-redis-")
        self.host = "127.0.0.1"
        self.port = 0
        self.process: Optional[subprocess.Popen] = None

    def start(self, port: Optional[int] = None) -> "RedisServer":
        """Starts on ``port``, or on a free one (retrying if another process takes it first)."""
        for _ in range(5):
            self.port = port or free_port()
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", self.host, "--dir", self.dir,
                 "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", os.path.join(self.dir, "redis.log")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            if self._wait_ready():
                return self
            self.process.kill()
            self.process.wait()
            if port:  # the old process may still hold the port for a moment
                time.sleep(0.2)
        raise RuntimeError(f"redis-server did not start; see {self.dir}/redis.log")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if redis.Redis(host=self.host, port=self.port, socket_timeout=1).ping():
                    return True
            except redis.RedisError:
                time.sleep(0.05)
        return False

    def client(self) -> redis.Redis:
        return redis.Redis(host=self.host, port=self.port, socket_timeout=5, decode_responses=True)

    def pause(self) -> None:
        """Hangs the server: connections are accepted by the kernel but nothing answers."""
        self.process.send_signal(signal.SIGSTOP)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
