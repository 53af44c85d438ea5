"""Where to connect and who is recording: arguments first, then the environment the services read
(REDIS_HOST, REDIS_PORT, REDIS_DB, REDIS_PASSWORD, REDIS_PREFIX; SERVICE_NAME), then their defaults."""

from __future__ import annotations

import os
import re
import sys
from typing import Any, Dict, Mapping, Optional, Tuple

from ._validation import SERVICE_PATTERN

DEFAULT_PREFIX = "squeezeflow"
PREFIX_PATTERN = re.compile(r"[A-Za-z0-9_.-]+")


def resolve_service(service: Optional[str], env: Mapping[str, str]) -> str:
    if service is not None:
        if not isinstance(service, str) or SERVICE_PATTERN.fullmatch(service) is None:
            raise ValueError(f"service must match [A-Za-z0-9_.:-]{{1,64}}, got {service!r}")
        return service
    from_env = env.get("SERVICE_NAME")
    if from_env:
        if SERVICE_PATTERN.fullmatch(from_env) is None:
            raise ValueError(f"invalid SERVICE_NAME={from_env!r}: expected [A-Za-z0-9_.:-]{{1,64}}")
        return from_env
    return program_name()


def program_name() -> str:
    """The running script's name without extension, made a valid service name; ``python`` if there is none."""
    base = os.path.splitext(os.path.basename(sys.argv[0] if sys.argv and sys.argv[0] else ""))[0]
    cleaned = re.sub(r"[^A-Za-z0-9_.:-]+", "-", base).strip("-")[:64]
    return cleaned or "python"


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise ValueError(f"invalid {name}={raw!r}: expected an integer from {low} to {high}")
    return value


def resolve_redis(
    *,
    redis_url: Optional[str],
    host: Optional[str],
    port: Optional[int],
    db: Optional[int],
    password: Optional[str],
    prefix: Optional[str],
    env: Mapping[str, str],
) -> Dict[str, Any]:
    """Connection keyword arguments for redis-py (or ``url``) and the key prefix, each checked once."""
    resolved_prefix = prefix if prefix is not None else env.get("REDIS_PREFIX") or DEFAULT_PREFIX
    if not isinstance(resolved_prefix, str) or PREFIX_PATTERN.fullmatch(resolved_prefix) is None:
        name = "prefix" if prefix is not None else "REDIS_PREFIX"
        raise ValueError(f"invalid {name}={resolved_prefix!r}: expected letters, digits, _ . or -")
    if redis_url is not None:
        return {"url": redis_url, "prefix": resolved_prefix}
    resolved_port = port if port is not None else _int(env, "REDIS_PORT", 6379, 1, 65535)
    if not isinstance(resolved_port, int) or not 1 <= resolved_port <= 65535:
        raise ValueError(f"port must be an integer from 1 to 65535, got {resolved_port!r}")
    return {
        "host": host if host is not None else env.get("REDIS_HOST") or "redis",
        "port": resolved_port,
        "db": db if db is not None else _int(env, "REDIS_DB", 0, 0, 15),
        "password": password if password is not None else env.get("REDIS_PASSWORD") or None,
        "prefix": resolved_prefix,
    }


def resolve(service: Optional[str], env: Optional[Mapping[str, str]], **redis: Any) -> Tuple[str, Dict[str, Any]]:
    """The service name and the Redis address, from the arguments or else ``env`` (default ``os.environ``)."""
    environment = os.environ if env is None else env
    return resolve_service(service, environment), resolve_redis(env=environment, **redis)


def connect(address: Mapping[str, Any], timeout_s: float, client_name: str) -> Any:
    """A redis-py client that never retries and never waits longer than ``timeout_s`` on a socket."""
    import redis

    options = {
        "socket_timeout": timeout_s,
        "socket_connect_timeout": timeout_s,
        "retry_on_timeout": False,
        "client_name": client_name,
    }
    if "url" in address:
        return redis.Redis.from_url(address["url"], **options)
    return redis.Redis(
        host=address["host"], port=address["port"], db=address["db"], password=address["password"], **options
    )
