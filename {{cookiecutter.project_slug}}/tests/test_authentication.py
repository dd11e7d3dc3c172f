"""How API calls authenticate: `Authorization: {{ cookiecutter.auth_header_type }} <access token>` and nothing else."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from .helpers import AUTH_HEADER_TYPE, bearer

ACCESS_TOKEN_LIFETIME = timedelta(minutes={{ cookiecutter.access_token_lifetime_minutes | int }})
OTHER_KEYWORD = "{{ 'JWT' if cookiecutter.auth_header_type == 'Bearer' else 'Bearer' }}"
URL = reverse("subscriber-list")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_access_token_opens_the_api(api_client, tokens):
    response = api_client.get(URL, **bearer(tokens["access"]))

    assert response.status_code == 200


def test_request_without_a_token_is_refused_with_a_challenge(api_client, db):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith(AUTH_HEADER_TYPE)


@pytest.mark.parametrize("keyword", [OTHER_KEYWORD, "Token", AUTH_HEADER_TYPE.lower(), ""])
def test_token_with_the_wrong_keyword_is_refused(api_client, tokens, keyword):
    response = api_client.get(URL, **bearer(tokens["access"], keyword=keyword))

    assert response.status_code == 401


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "", "x" * 300])
def test_garbage_token_is_refused(api_client, db, token):
    response = api_client.get(URL, **bearer(token))

    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_token_with_a_tampered_payload_is_refused(api_client, tokens):
    header, payload, signature = tokens["access"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["user_id"] = "999"
    tampered = ".".join([header, b64url(json.dumps(claims).encode()), signature])

    response = api_client.get(URL, **bearer(tampered))

    assert response.status_code == 401


def test_unsigned_token_is_refused(api_client, tokens):
    _, payload, _ = tokens["access"].split(".")
    unsigned = ".".join([b64url(b'{"alg":"none","typ":"JWT"}'), payload, ""])

    response = api_client.get(URL, **bearer(unsigned))

    assert response.status_code == 401


def test_refresh_token_cannot_be_used_as_an_access_token(api_client, tokens):
    response = api_client.get(URL, **bearer(tokens["refresh"]))

    assert response.status_code == 401


def test_access_token_expires_after_exactly_its_lifetime(api_client, user, obtain_tokens):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]

        traveller.shift(ACCESS_TOKEN_LIFETIME - timedelta(seconds=1))
        assert api_client.get(URL, **bearer(access)).status_code == 200

        traveller.shift(timedelta(seconds=1))
        response = api_client.get(URL, **bearer(access))

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_token_of_a_deactivated_user_is_refused(api_client, user, tokens):
    user.is_active = False
    user.save()

    response = api_client.get(URL, **bearer(tokens["access"]))

    assert response.status_code == 401
