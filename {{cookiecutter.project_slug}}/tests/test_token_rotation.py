"""Refresh token rotation: every refresh answers a new refresh token along with the access token."""

from .helpers import TOKEN_FIELDS, refresh_token_in, refresh_with


def test_refresh_answers_a_new_refresh_token(api_client, tokens):
    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
    assert set(response.json()) == TOKEN_FIELDS
    assert refresh_token_in(response) != tokens["refresh"]


def test_rotated_refresh_token_can_refresh_again(api_client, tokens):
    rotated = refresh_token_in(refresh_with(api_client, tokens["refresh"]))

    response = refresh_with(api_client, rotated)

    assert response.status_code == 200
