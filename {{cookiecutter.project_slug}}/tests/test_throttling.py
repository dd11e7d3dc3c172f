"""Password guessing is slowed down: the token endpoints answer 429 past their rate.

The rates are the configured ones (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]); the counters start
empty in every test (conftest.py clears the cache).
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import SimpleRateThrottle

from {{ cookiecutter.project_slug }}.tokens.throttling import (
    LoginAddressRateThrottle,
    LoginUsernameRateThrottle,
    TokenRateThrottle,
    client_address_key,
    login_identity,
)

from .helpers import ALICE, LOGIN_FIELD, PASSWORD, credentials, refresh_with

LOGIN_URL = reverse("token_obtain_pair")
ADMIN_LOGIN_URL = reverse("admin:login")


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


@pytest.mark.parametrize(
    "variant",
    [f"{ALICE}\u3000", f" {ALICE}", f"{ALICE}\t", f"{ALICE.upper()} ", f"\uff41{ALICE[1:]}"],
    ids=["ideographic-space", "leading-space", "tab", "case-and-space", "fullwidth-a"],
)
def test_username_limit_counts_every_spelling_that_logs_in_as_one(
    api_client, user, frozen_time, variant
):
    # The serializer strips whitespace (Unicode's too) before authenticating: a variant that
    # reaches the same account must count against the same limit.
    allowed, _ = rate(LoginUsernameRateThrottle)
    for _ in range(allowed):
        assert guess(api_client).status_code == 401

    response = guess(api_client, username=variant, password=PASSWORD)

    assert response.status_code == 429


def test_rotating_whitespace_does_not_dodge_the_username_limit(api_client, user, frozen_time):
    allowed, _ = rate(LoginUsernameRateThrottle)
    spellings = [ALICE, f" {ALICE}", f"{ALICE} ", f"\t{ALICE}", f"{ALICE}\u3000", f"\u2003{ALICE}"]
    statuses = [
        guess(api_client, username=spelling, REMOTE_ADDR=f"192.0.2.{n + 1}").status_code
        for n, spelling in enumerate((spellings * allowed)[: allowed + 2])
    ]

    assert statuses == [401] * allowed + [429, 429]


def test_a_number_as_username_is_limited_like_its_text(api_client, django_user_model, frozen_time):
    # Saved as it is: where the login is an address, create_user refuses this one.
    account = django_user_model(**{LOGIN_FIELD: "31337"})
    account.set_password(PASSWORD)
    account.save()
    allowed, _ = rate(LoginUsernameRateThrottle)
    for _ in range(allowed):
        response = api_client.post(LOGIN_URL, {LOGIN_FIELD: 31337, "password": "wrong-guess"})
        assert response.status_code == 401

    assert guess(api_client, username="31337", password=PASSWORD).status_code == 429


@pytest.mark.parametrize(
    ("value", "identity"),
    [
        ("alice", "alice"),
        (" Alice\u3000", "alice"),
        (31337, "31337"),
        (1.5, "1.5"),
        ("Sam@XN--BCHER-KVA.example", "sam@b\u00fccher.example"),
        ("sam@B\u00dcCHER.example", "sam@b\u00fccher.example"),
    ],
)
def test_login_identity_is_the_text_authentication_looks_up(value, identity):
    assert login_identity(value) == identity


@pytest.mark.parametrize("value", [None, True, ["alice"], {"username": "alice"}])
def test_values_the_serializer_refuses_have_no_login_identity(value):
    assert login_identity(value) is None


def test_one_address_guessing_many_accounts_is_throttled(api_client, db, frozen_time):
    allowed, window = rate(LoginAddressRateThrottle)
    for n in range(allowed):
        assert guess(api_client, username=f"user{n}").status_code == 401

    throttled = guess(api_client, username="someone-else")

    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) == window


def test_forwarded_for_header_does_not_dodge_the_address_limit(api_client, db, frozen_time):
    # With NUM_PROXIES = 0 the client's own X-Forwarded-For is ignored.
    allowed, _ = rate(LoginAddressRateThrottle)
    for n in range(allowed):
        guess(api_client, username=f"user{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n + 1}")

    response = guess(api_client, username="someone-else", HTTP_X_FORWARDED_FOR="203.0.113.250")

    assert response.status_code == 429


def test_another_address_is_not_held_up_by_the_address_limit(api_client, user, frozen_time):
    allowed, _ = rate(LoginAddressRateThrottle)
    for n in range(allowed):
        guess(api_client, username=f"user{n}")

    assert guess(api_client, password=PASSWORD, REMOTE_ADDR="192.0.2.99").status_code == 200


def test_the_address_limit_refuses_before_the_body_is_read(api_client, db, frozen_time):
    allowed, _ = rate(LoginAddressRateThrottle)
    nested = "[" * 10_000 + "]" * 10_000

    statuses = [
        api_client.post(LOGIN_URL, nested, content_type="application/json").status_code
        for _ in range(allowed + 10)
    ]

    assert statuses == [400] * allowed + [429] * 10


def test_ipv6_clients_are_counted_per_64_bit_network(api_client, db, frozen_time):
    # Whoever holds a /64 (the smallest block a site gets) holds every address in it.
    allowed, _ = rate(LoginAddressRateThrottle)
    for n in range(allowed):
        guess(api_client, username=f"user{n}", REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}")

    same_network = guess(api_client, username="other", REMOTE_ADDR="2001:db8:1:2:ffff::1")
    next_network = guess(api_client, username="other", REMOTE_ADDR="2001:db8:1:3::1")

    assert same_network.status_code == 429
    assert next_network.status_code == 401


@pytest.mark.parametrize(
    ("remote_addr", "key"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
    ],
)
def test_client_address_key(remote_addr, key):
    request = Request(APIRequestFactory().get("/", REMOTE_ADDR=remote_addr))

    assert client_address_key(request) == key


@pytest.fixture
def staff_user(user):
    user.is_staff = True
    user.save()
    return user


def admin_login(client, password: str = "wrong-guess", **extra):
    # The admin's form names the login field `username`, whatever the user model logs in with.
    form = {"username": ALICE, "password": password, "next": "/admin/"}
    return client.post(ADMIN_LOGIN_URL, form, **extra)


def test_admin_login_is_throttled_like_the_api_login(client, staff_user, frozen_time):
    allowed, window = rate(LoginUsernameRateThrottle)
    for n in range(allowed):
        # Each from its own address: the per-username limit holds across addresses here too.
        assert admin_login(client, REMOTE_ADDR=f"192.0.2.{n + 1}").status_code == 200

    throttled = admin_login(client, password=PASSWORD)

    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) == window
    assert "_auth_user_id" not in client.session

    frozen_time.shift(window)
    assert admin_login(client, password=PASSWORD).status_code == 302


def test_admin_login_is_throttled_per_address(client, db, frozen_time):
    allowed, _ = rate(LoginAddressRateThrottle)
    for n in range(allowed):
        client.post(ADMIN_LOGIN_URL, {"username": f"user{n}", "password": "wrong-guess"})

    assert admin_login(client).status_code == 429
    # Only attempts count: the form itself still shows.
    assert client.get(ADMIN_LOGIN_URL).status_code == 200


def test_admin_and_api_logins_share_one_count(client, api_client, staff_user, frozen_time):
    allowed, _ = rate(LoginUsernameRateThrottle)
    for n in range(allowed):
        if n % 2:
            admin_login(client)
        else:
            guess(api_client)

    assert guess(api_client, password=PASSWORD).status_code == 429
    assert admin_login(client, password=PASSWORD).status_code == 429


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
