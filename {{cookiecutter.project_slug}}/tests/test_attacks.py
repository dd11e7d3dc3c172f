"""Forged, altered and misused tokens are refused (RFC 8725, the OWASP JWT cheat sheet).

Each test signs or alters a token the way an attacker would and expects 401: the API opens
only for a token we issued, unaltered, of the right type, within its lifetime.
"""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
import time_machine
from django.urls import reverse

from {{ cookiecutter.project_slug }}.tokens.conf import token_settings

from .helpers import assert_refused, bearer, claims_of, refresh_with, sign

# The lifetime chosen when the project was generated, not read from the settings: these tests are
# where the answer is held to.
ACCESS_TOKEN_LIFETIME = timedelta(minutes={{ cookiecutter.access_token_lifetime_minutes | int }})
URL = reverse("subscriber-list")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_a_token_signed_like_ours_is_accepted(api_client, tokens):
    # The control for every forgery below: re-signing our own claims with our key works.
    forged_but_faithful = sign(claims_of(tokens["access"]))

    assert api_client.get(URL, **bearer(forged_but_faithful)).status_code == 200


def test_alg_none_is_refused(api_client, tokens):
    unsigned = jwt.encode(claims_of(tokens["access"]), key="", algorithm="none")

    assert_refused(api_client.get(URL, **bearer(unsigned)))


def test_alg_none_with_our_payload_and_an_empty_signature_is_refused(api_client, tokens):
    _, payload, _ = tokens["access"].split(".")
    unsigned = ".".join([b64url(b'{"alg":"none","typ":"JWT"}'), payload, ""])

    assert_refused(api_client.get(URL, **bearer(unsigned)))


def test_stripped_signature_is_refused(api_client, tokens):
    header, payload, _ = tokens["access"].split(".")

    assert_refused(api_client.get(URL, **bearer(f"{header}.{payload}.")))


def test_tampered_payload_with_the_old_signature_is_refused(api_client, user, tokens):
    header, _, signature = tokens["access"].split(".")
    claims = claims_of(tokens["access"])
    claims["sub"] = str(user.pk + 1)
    tampered = ".".join([header, b64url(json.dumps(claims).encode()), signature])

    assert_refused(api_client.get(URL, **bearer(tampered)))


def test_refresh_token_used_as_an_access_token_is_refused(api_client, tokens):
    assert_refused(api_client.get(URL, **bearer(tokens["refresh"])))


def test_access_token_posted_to_refresh_is_refused(api_client, tokens):
    response = refresh_with(api_client, tokens["access"])

    assert response.status_code == 401


@pytest.mark.parametrize("claim", ["token_type", "exp", "jti", "sub"])
def test_token_missing_a_required_claim_is_refused(api_client, tokens, claim):
    claims = claims_of(tokens["access"])
    del claims[claim]

    assert_refused(api_client.get(URL, **bearer(sign(claims))))


def test_token_with_an_unknown_type_is_refused(api_client, tokens):
    claims = claims_of(tokens["access"]) | {"token_type": "admin"}

    assert_refused(api_client.get(URL, **bearer(sign(claims))))


def test_token_not_valid_before_a_future_time_is_refused(api_client, tokens):
    claims = claims_of(tokens["access"])
    claims["nbf"] = claims["iat"] + 60

    assert_refused(api_client.get(URL, **bearer(sign(claims))))


def test_access_token_works_until_its_last_second(api_client, user, obtain_tokens):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]
        traveller.shift(ACCESS_TOKEN_LIFETIME - timedelta(seconds=1))

        assert api_client.get(URL, **bearer(access)).status_code == 200


@pytest.mark.parametrize("late", [timedelta(0), timedelta(seconds=1)])
def test_access_token_is_refused_from_the_moment_it_expires(api_client, user, obtain_tokens, late):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]
        traveller.shift(ACCESS_TOKEN_LIFETIME + late)
        response = api_client.get(URL, **bearer(access))

    assert_refused(response)
    assert response.json()["code"] == "token_not_valid"


def test_oversized_authorization_header_is_refused_unread(api_client, tokens):
    padding = "A" * token_settings.MAX_TOKEN_LENGTH
    oversized = tokens["access"] + padding

    response = api_client.get(URL, **bearer(oversized))

    assert_refused(response)
    assert response.json()["code"] == "token_too_long"


def test_oversized_refresh_token_is_a_bad_request(api_client, db):
    oversized = "A" * (token_settings.MAX_TOKEN_LENGTH + 1)

    response = refresh_with(api_client, oversized)

    assert response.status_code == 400
    assert "refresh" in response.json()


def test_oversized_token_to_verify_is_a_bad_request(api_client, db):
    oversized = "A" * (token_settings.MAX_TOKEN_LENGTH + 1)

    response = api_client.post(reverse("token_verify"), {"token": oversized})

    assert response.status_code == 400
    assert "token" in response.json()
