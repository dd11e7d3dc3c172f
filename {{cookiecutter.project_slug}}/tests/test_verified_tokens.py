"""Access tokens a worker has verified are kept until they expire (tokens/verified.py): the same
token again skips parsing and the signature check, and nothing else. A token that differs by one
character, has expired or fails any check is never answered from the cache."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from jwt.api_jws import PyJWS
from rest_framework_simplejwt.settings import api_settings

from {{ cookiecutter.project_slug }}.tokens.tokens import token_backend
from {{ cookiecutter.project_slug }}.tokens.types import backend_options
from {{ cookiecutter.project_slug }}.tokens.verified import MAX_AGE, VerifiedTokens

from .helpers import bearer, claims_of, sign

SUBSCRIBERS = reverse("subscriber-list")
ACCESS_TOKEN_LIFETIME = api_settings.ACCESS_TOKEN_LIFETIME


@pytest.fixture
def parses(monkeypatch) -> list[str | bytes]:
    """Every token PyJWT parses from now on: each verification parses its token."""
    parsed: list[str | bytes] = []
    load = PyJWS._load

    def counted(self: PyJWS, token: str | bytes) -> Any:
        parsed.append(token)
        return load(self, token)

    monkeypatch.setattr(PyJWS, "_load", counted)
    return parsed


def access_claims(expires_in: float = 600, **claims: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"token_type": "access", "exp": int(now + expires_in), "iat": now, **claims}


def tampered(token: str) -> list[str]:
    """`token` with its payload or its signature changed, each keeping the rest."""
    header, payload, signature = token.split(".")
    other = "A" if signature[0] != "A" else "B"
    forged = sign(claims_of(token) | {"sub": "999999"}).split(".")[1]
    return [f"{header}.{forged}.{signature}", f"{header}.{payload}.{other}{signature[1:]}"]


def test_a_repeated_access_token_is_verified_once(api_client, tokens, parses):
    for _ in range(3):
        assert api_client.get(SUBSCRIBERS, **bearer(tokens["access"])).status_code == 200

    assert set(parses) == {tokens["access"].encode()}
    assert 1 <= len(parses) <= 2  # twice where the first parse finds the key its `kid` names


def test_a_tampered_copy_of_a_cached_token_is_refused(api_client, tokens):
    assert api_client.get(SUBSCRIBERS, **bearer(tokens["access"])).status_code == 200

    for forged in tampered(tokens["access"]):
        response = api_client.get(SUBSCRIBERS, **bearer(forged))

        assert response.status_code == 401, forged
        assert response.json()["code"] == "token_not_valid"


def test_a_cached_token_is_refused_from_the_moment_it_expires(api_client, user, obtain_tokens):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]
        assert api_client.get(SUBSCRIBERS, **bearer(access)).status_code == 200
        traveller.shift(ACCESS_TOKEN_LIFETIME)

        response = api_client.get(SUBSCRIBERS, **bearer(access))

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


@pytest.mark.parametrize("claims", [{"aud": "another-service"}, {"iss": "another-issuer"}])
def test_a_token_that_fails_a_check_is_checked_again_every_time(
    api_client, tokens, parses, claims
):
    token = sign(claims_of(tokens["access"]) | claims)
    parses.clear()  # claims_of parsed one

    assert api_client.get(SUBSCRIBERS, **bearer(token)).status_code == 401
    first = len(parses)
    assert api_client.get(SUBSCRIBERS, **bearer(token)).status_code == 401

    # Nothing was kept: the second request parsed it again, as the first did.
    assert first >= 1
    assert len(parses) == 2 * first


def test_only_access_tokens_that_expire_are_kept():
    verified = VerifiedTokens(size=8)
    kept = {
        "access": access_claims(),
        "refresh": access_claims(token_type="refresh"),
        "no exp": {"token_type": "access"},
        "expired": access_claims(expires_in=-1),
    }

    for name, claims in kept.items():
        verified.add(name, claims)

    assert {name for name in kept if verified.get(name) is not None} == {"access"}


def test_each_hit_returns_claims_of_its_own():
    verified = VerifiedTokens(size=8)
    verified.add("token", access_claims(sub="1"))

    first = verified.get("token")
    assert first is not None
    first["sub"] = "2"

    assert verified.get("token") == first | {"sub": "1"}


def test_an_entry_is_dropped_at_exp():
    verified = VerifiedTokens(size=8)
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        verified.add("token", access_claims(expires_in=60))
        traveller.shift(timedelta(seconds=59))
        assert verified.get("token") is not None
        traveller.shift(timedelta(seconds=1))

        assert verified.get("token") is None


@pytest.mark.parametrize("max_age", [MAX_AGE, 30])
def test_an_entry_is_checked_again_after_max_age_however_long_the_token_lives(max_age):
    """So a key its issuer withdrew (a verifier-only service learns of it when its copy of the
    JWKS expires, and keeps entries as long as that copy) stops opening the API within as long."""
    verified = VerifiedTokens(size=8, max_age=max_age)
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        verified.add("token", access_claims(expires_in=24 * 3600))
        traveller.shift(timedelta(seconds=max_age - 1))
        assert verified.get("token") is not None
        traveller.shift(timedelta(seconds=1))

        assert verified.get("token") is None


def test_the_cache_never_holds_more_than_its_size():
    verified = VerifiedTokens(size=10)
    tokens = [f"token-{number}" for number in range(100)]

    for token in tokens:
        verified.add(token, access_claims())

    held = [token for token in tokens if verified.get(token) is not None]
    assert 0 < len(held) <= 10
    assert tokens[-1] in held


def test_threads_share_the_cache_within_its_bound():
    verified = VerifiedTokens(size=64)
    claims = access_claims()
    start = threading.Barrier(8)

    def work(thread: int) -> None:
        start.wait()
        for number in range(500):
            token = f"token-{(thread * 500 + number) % 1000}"
            verified.add(token, claims)
            found = verified.get(token)
            assert found is None or found == claims

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(8)))

    assert sum(verified.get(f"token-{number}") is not None for number in range(1000)) <= 64


def test_the_project_keeps_verified_tokens_unless_the_setting_is_zero(settings):
    assert isinstance(token_backend().verified_tokens, VerifiedTokens)

    settings.TOKENS = {**settings.TOKENS, "VERIFIED_TOKEN_CACHE_SIZE": 0}

    assert backend_options()["verified_tokens"] is None
