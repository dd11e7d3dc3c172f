"""How API calls authenticate: `Authorization: {{ cookiecutter.auth_header_type }} <access token>` and nothing else."""

import sys

import pytest
from django.urls import reverse

from .helpers import AUTH_HEADER_TYPE, bearer, refresh_with

OTHER_KEYWORD = "{{ 'JWT' if cookiecutter.auth_header_type == 'Bearer' else 'Bearer' }}"
URL = reverse("subscriber-list")


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


def test_every_token_is_signed_and_checked_by_the_projects_backend(api_client, tokens):
    """Login, refresh, verify and API calls all take the project's token classes
    (tokens/tokens.py): simplejwt's own backend, a module global built from the settings without
    the project's checks, is never even built."""
    assert api_client.get(URL, **bearer(tokens["access"])).status_code == 200
    assert api_client.post(reverse("token_verify"), {"token": tokens["access"]}).status_code == 200
    assert refresh_with(api_client, tokens["refresh"]).status_code == 200

    assert "rest_framework_simplejwt.state" not in sys.modules
