"""What a test needs of the machine (PostgreSQL, Redis, a browser, ...): without it the test
skips, saying how to get it; under CI=true it fails instead."""

import os
import socket

IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_HOST, POSTGRES_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def require(condition: bool, reason: str) -> None:
    """Skip with `reason` where a machine lacks what a test needs; under CI=true, fail instead."""
    if condition:
        return
    # Here, not at the top: the benchmarks import this module's `reachable` without pytest.
    import pytest

    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)")
    pytest.skip(reason)


def reachable(host: str, port: int) -> bool:
    """Whether something accepts connections at `host`:`port` within a second."""
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def require_postgres() -> None:
    require(
        reachable(POSTGRES_HOST, POSTGRES_PORT),
        f"PostgreSQL is not reachable at {POSTGRES_HOST}:{POSTGRES_PORT}: start one that lets the "
        "user 'postgres' in without a password (trust auth), e.g. "
        "`docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17`",
    )


def require_redis() -> None:
    require(
        reachable(REDIS_HOST, REDIS_PORT),
        f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}: start one without a password, "
        "e.g. `redis-server --port 6379 --save ''` or `docker run -p 6379:6379 redis:7`",
    )
