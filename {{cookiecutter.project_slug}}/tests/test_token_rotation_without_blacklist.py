"""Rotation without the blacklist: refresh answers a new refresh token, and the old one stays
valid until it expires. Bake with blacklist_after_rotation to refuse replays."""

from .helpers import refresh_with


def test_replayed_refresh_token_still_works_without_a_blacklist(api_client, tokens):
    refresh_with(api_client, tokens["refresh"])

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
