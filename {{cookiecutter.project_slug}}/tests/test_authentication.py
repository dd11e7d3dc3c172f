"""How API calls authenticate: `Authorization: {{ cookiecutter.auth_header_type }} <access token>` and nothing else."""

import pytest
from django.urls import reverse

from .helpers import AUTH_HEADER_TYPE, bearer

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
