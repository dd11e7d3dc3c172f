"""What every token says about itself: where it comes from and whom it is for (`iss`, `aud`), and
what kind of token it is (the `typ` header), written by login and refresh and required on every
verification (RFC 8725 sections 3.8, 3.9 and 3.11; RFC 9068 section 2.1)."""

from collections.abc import Callable

import jwt
import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework_simplejwt import state
from rest_framework_simplejwt.tokens import AccessToken

from .helpers import bearer, claims_of, refresh_with, sign

SUBSCRIBERS = reverse("subscriber-list")


@pytest.fixture
def token_from(monkeypatch, user) -> Callable[..., str]:
    """An access token for `user`, signed with the project's key by a backend that writes
    another issuer or audience (None: no such claim at all)."""

    def token_from(**backend: object) -> str:
        with monkeypatch.context() as patch:
            for name, value in backend.items():
                patch.setattr(state.token_backend, name, value)
            return str(AccessToken.for_user(user))

    return token_from


def test_tokens_name_their_issuer_and_audience(tokens):
    for token in tokens.values():
        claims = claims_of(token)

        assert claims["iss"] == settings.JWT_ISSUER
        assert claims["aud"] == settings.SIMPLE_JWT["AUDIENCE"]


def test_token_of_the_issuer_for_this_audience_is_accepted(api_client, token_from):
    response = api_client.get(SUBSCRIBERS, **bearer(token_from()))

    assert response.status_code == 200


@pytest.mark.parametrize(
    "backend",
    [
        {"audience": "another-service"},
        {"issuer": "another-issuer"},
        {"audience": None},
        {"issuer": None},
    ],
    ids=["other audience", "other issuer", "no audience", "no issuer"],
)
def test_token_from_elsewhere_or_for_another_service_is_refused(api_client, token_from, backend):
    token = token_from(**backend)

    response = api_client.get(SUBSCRIBERS, **bearer(token))
    verified = api_client.post(reverse("token_verify"), {"token": token})

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
    assert verified.status_code == 401


def test_token_for_several_audiences_is_accepted_by_each(api_client, token_from):
    token = token_from(audience=["another-service", *settings.JWT_AUDIENCE])

    response = api_client.get(SUBSCRIBERS, **bearer(token))

    assert response.status_code == 200


def test_access_and_refresh_tokens_are_typed_in_their_header(tokens):
    assert jwt.get_unverified_header(tokens["access"])["typ"] == "at+jwt"
    assert jwt.get_unverified_header(tokens["refresh"])["typ"] == "refresh+jwt"


@pytest.mark.parametrize("typ", ["refresh+jwt", "JWT", None])
def test_access_token_not_typed_as_one_is_refused(api_client, tokens, typ):
    token = sign(claims_of(tokens["access"]), headers={"typ": typ})

    response = api_client.get(SUBSCRIBERS, **bearer(token))
    verified = api_client.post(reverse("token_verify"), {"token": token})

    assert response.status_code == 401
    assert verified.status_code == 401


def test_refresh_token_with_a_forged_access_type_claim_is_refused(api_client, tokens):
    claims = claims_of(tokens["refresh"]) | {"token_type": "access"}
    token = sign(claims, headers={"typ": "refresh+jwt"})

    response = api_client.get(SUBSCRIBERS, **bearer(token))

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_access_token_with_a_forged_refresh_type_claim_is_refused(api_client, tokens):
    claims = claims_of(tokens["access"]) | {"token_type": "refresh"}
    token = sign(claims, headers={"typ": "at+jwt"})

    response = refresh_with(api_client, token)

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
