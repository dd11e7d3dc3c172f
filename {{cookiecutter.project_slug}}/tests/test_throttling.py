"""Password guessing is slowed down: the token endpoints answer 429 past their rate.

The rates are the configured ones (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]); the counters start
empty in every test (conftest.py clears the cache).
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from {{ cookiecutter.project_slug }}.tokens.throttling import (
    LoginRateThrottle,
    LoginUsernameRateThrottle,
    TokenRateThrottle,
)

from .helpers import ALICE, PASSWORD, credentials, refresh_with

LOGIN_URL = reverse("token_obtain_pair")


def rate(throttle: type[SimpleRateThrottle]) -> tuple[int, int]:
    """(requests allowed, window in seconds) as configured for a throttle."""
    configured = throttle()
    requests, seconds = configured.parse_rate(configured.get_rate())
    assert requests is not None
    assert seconds is not None
    return requests, seconds


def guess(client, username: str = ALICE, password: str = "wrong-guess", **extra):
    return client.post(LOGIN_URL, credentials(username, password), **extra)


@pytest.fixture
def frozen_time():
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def test_guessing_one_password_is_throttled_then_recovers(api_client, user, frozen_time):
    allowed, window = rate(LoginUsernameRateThrottle)
    for _ in range(allowed):
        assert guess(api_client).status_code == 401

    throttled = guess(api_client, password=PASSWORD)

    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) == window
    assert "access" not in throttled.json()

    frozen_time.shift(window)
    assert guess(api_client, password=PASSWORD).status_code == 200


def test_username_limit_holds_across_client_addresses(api_client, user, frozen_time):
    allowed, _ = rate(LoginUsernameRateThrottle)
    for n in range(allowed):
        guess(api_client, REMOTE_ADDR=f"192.0.2.{n + 1}")

    assert guess(api_client, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_username_limit_ignores_letter_case(api_client, user, frozen_time):
    allowed, _ = rate(LoginUsernameRateThrottle)
    for n in range(allowed):
        guess(api_client, username=ALICE if n % 2 else ALICE.upper())

    assert guess(api_client).status_code == 429


def test_one_address_guessing_many_accounts_is_throttled(api_client, db, frozen_time):
    allowed, window = rate(LoginRateThrottle)
    for n in range(allowed):
        assert guess(api_client, username=f"user{n}").status_code == 401

    throttled = guess(api_client, username="someone-else")

    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) == window


def test_forwarded_for_header_does_not_dodge_the_address_limit(api_client, db, frozen_time):
    # With NUM_PROXIES = 0 the client's own X-Forwarded-For is ignored.
    allowed, _ = rate(LoginRateThrottle)
    for n in range(allowed):
        guess(api_client, username=f"user{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}")

    response = guess(api_client, username="someone-else", HTTP_X_FORWARDED_FOR="203.0.113.250")

    assert response.status_code == 429


def test_another_address_is_not_held_up_by_the_address_limit(api_client, user, frozen_time):
    allowed, _ = rate(LoginRateThrottle)
    for n in range(allowed):
        guess(api_client, username=f"user{n}")

    assert guess(api_client, password=PASSWORD, REMOTE_ADDR="192.0.2.99").status_code == 200


def test_refresh_is_throttled_per_address(api_client, db, frozen_time):
    allowed, _ = rate(TokenRateThrottle)
    for _ in range(allowed):
        assert refresh_with(api_client, "garbage").status_code == 401

    assert refresh_with(api_client, "garbage").status_code == 429


def test_the_api_itself_is_not_throttled(auth_client):
    allowed, _ = rate(TokenRateThrottle)

    statuses = {
        auth_client.get(reverse("subscriber-list")).status_code for _ in range(allowed + 1)
    }

    assert statuses == {200}
