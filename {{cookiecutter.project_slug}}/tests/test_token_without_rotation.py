"""Without rotation, a refresh token is reused for its whole lifetime; refresh answers access only."""

from .helpers import refresh_with


def test_refresh_answers_only_an_access_token(api_client, tokens):
    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
    assert set(response.json()) == {"access"}


def test_refresh_token_can_be_used_again(api_client, tokens):
    refresh_with(api_client, tokens["refresh"])

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
