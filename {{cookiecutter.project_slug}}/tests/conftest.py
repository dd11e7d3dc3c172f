import logging
import socket
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse
from jwt.api_jws import PyJWS
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.request_id import RequestIdFilter
from {{ cookiecutter.project_slug }}.tokens.tokens import install_token_backend, token_backend
from {{ cookiecutter.project_slug }}.tokens.types import TypedTokenBackend

from .helpers import ALICE, PASSWORD, bearer, credentials, new_api_client, refresh_token_in


@pytest.fixture
def token_parses(monkeypatch) -> list[str | bytes]:
    """Every token PyJWT parses (splits, base64-decodes, reads as JSON) during the test, in order."""
    parses: list[str | bytes] = []
    load = PyJWS._load

    def counted(self: PyJWS, token: str | bytes) -> Any:
        parses.append(token)
        return load(self, token)

    monkeypatch.setattr(PyJWS, "_load", counted)
    return parses


class Records(logging.Handler):
    """Keeps every record it handles, with its request's id as the logging settings add it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.addFilter(RequestIdFilter())
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def log_records() -> Iterator[list[logging.LogRecord]]:
    """Every log record the test writes at INFO or above (the root logger's level)."""
    handler = Records()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler.records
    root.removeHandler(handler)


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Every test starts with no login attempts counted (they live in the cache)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _no_verified_tokens():
    """Every test starts with no access token kept as verified (tokens/verified.py)."""
    verified_tokens = token_backend().verified_tokens
    if verified_tokens is not None:
        verified_tokens.clear()


@pytest.fixture
def use_token_backend() -> Iterator[Callable[[TypedTokenBackend], object]]:
    """Sign and verify the test's tokens with the backend it passes (other keys, another issuer or
    audience) from then on; the project's own backend is back for the next test."""
    project_backend = token_backend()
    yield install_token_backend
    install_token_backend(project_backend)


@pytest.fixture
def api_client() -> APIClient:
    """A client as this project's clients call the API (see helpers.new_api_client)."""
    return new_api_client()


@pytest.fixture
def user(db):
    # The login field and password, and an email address in bakes that log in by username.
    return get_user_model().objects.create_user(**({"email": "alice@example.com"} | credentials()))


@pytest.fixture
def obtain_tokens(api_client):
    """Log in through the token endpoint and return the tokens: {"access": ..., "refresh": ...}."""

    def obtain(login: str = ALICE, password: str = PASSWORD) -> dict[str, str]:
        response = api_client.post(reverse("token_obtain_pair"), credentials(login, password))
        assert response.status_code == 200, response.content
        return {"access": response.json()["access"], "refresh": refresh_token_in(response)}

    return obtain


@pytest.fixture
def tokens(user, obtain_tokens) -> dict[str, str]:
    return obtain_tokens()


@pytest.fixture
def auth_client(tokens) -> APIClient:
    """A client that sends a valid access token with every request."""
    client = APIClient()
    client.credentials(**bearer(tokens["access"]))
    return client


def redis_cache(port: int, timeout: float) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }


@pytest.fixture(params=["down", "stalled"])
def redis_unreachable(request, settings):
    """The cache is a Redis that is down (nothing listens on its port) or stalled (its port
    accepts connections but never answers; a short timeout keeps the suite fast)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        if request.param == "stalled":
            listener.listen()
        settings.CACHES = redis_cache(port, timeout=0.2)
        yield request.param


@pytest.fixture
def database_down(db):
    """Every new database query fails as it does when the server is down or unreachable."""

    def refuse(self):
        # psycopg's own words, on two lines.
        raise OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
            "connections?"
        )

    # Not monkeypatch: the test database's own teardown, which runs after this, needs queries.
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse):
        yield
