"""What every token says about itself: where it comes from and whom it is for (`iss`, `aud`), and
what kind of token it is (the `typ` header), written by login and refresh and required on every
verification (RFC 8725 sections 3.8, 3.9 and 3.11; RFC 9068 section 2.1); and the claims about
the user that tokens/claims.py adds."""

import io
from collections.abc import Callable
from typing import Any

import jwt
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from rest_framework_simplejwt.tokens import Token

from {{ cookiecutter.project_slug }}.tokens import claims as user_claims
from {{ cookiecutter.project_slug }}.tokens.conf import token_settings
from {{ cookiecutter.project_slug }}.tokens.tokens import AccessToken, token_backend

from .helpers import bearer, claims_of, refresh_with, sign

SUBSCRIBERS = reverse("subscriber-list")


@pytest.fixture
def token_from(monkeypatch, user) -> Callable[..., str]:
    """An access token for `user`, signed with the project's key by a backend that writes
    another issuer or audience (None: no such claim at all)."""

    def token_from(**backend: object) -> str:
        with monkeypatch.context() as patch:
            for name, value in backend.items():
                patch.setattr(token_backend(), name, value)
            return str(AccessToken.for_user(user))

    return token_from


def test_tokens_name_their_issuer_and_audience(tokens):
    for token in tokens.values():
        claims = claims_of(token)

        assert claims["iss"] == token_settings.ISSUER
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
    token = token_from(audience=["another-service", *token_settings.AUDIENCE])

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


@pytest.fixture
def tenant(monkeypatch) -> dict[str, str]:
    """tokens/claims.py extended as a developer would: the user's tenant, read at every call."""
    current = {"tenant": "acme"}
    add_user_claims = user_claims.add_user_claims

    def with_tenant(token: Token, user: Any) -> Token:
        token["tenant"] = current["tenant"]
        return add_user_claims(token, user)

    monkeypatch.setattr(user_claims, "add_user_claims", with_tenant)
    return current


def test_login_refresh_and_issue_token_write_the_custom_claims(
    api_client, user, obtain_tokens, tenant
):
    tokens = obtain_tokens()
    assert claims_of(tokens["access"])["tenant"] == "acme"
    assert claims_of(tokens["refresh"])["tenant"] == "acme"

    # Refresh writes the user's current claims, not the login's.
    tenant["tenant"] = "globex"
    refreshed = refresh_with(api_client, tokens["refresh"])
    issued = io.StringIO()
    call_command("issue_token", user.get_username(), stdout=issued)

    assert claims_of(refreshed.json()["access"])["tenant"] == "globex"
    assert claims_of(issued.getvalue().strip())["tenant"] == "globex"
