"""What every token says about where it comes from and whom it is for: `iss` and `aud`, written
by login and refresh and required on every verification (RFC 8725 sections 3.8 and 3.9)."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework_simplejwt import state
from rest_framework_simplejwt.tokens import AccessToken

from .helpers import bearer, claims_of

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


def test_issuer_and_audience_default_to_the_project():
    assert settings.JWT_ISSUER == "{{ cookiecutter.project_slug }}"
    assert settings.JWT_AUDIENCE == ["{{ cookiecutter.project_slug }}"]


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
    token = token_from(audience=["another-service", "{{ cookiecutter.project_slug }}"])

    response = api_client.get(SUBSCRIBERS, **bearer(token))

    assert response.status_code == 200
