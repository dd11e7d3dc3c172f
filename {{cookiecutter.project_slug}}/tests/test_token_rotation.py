"""Refresh token rotation: every refresh answers a new refresh token along with the access token."""

from .helpers import refresh_token_in, refresh_with


def test_refresh_answers_a_new_refresh_token(api_client, tokens):
    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
{%- if cookiecutter.token_transport == "cookie" %}
    assert set(response.json()) == {"access"}
{%- else %}
    assert set(response.json()) == {"access", "refresh"}
{%- endif %}
    assert refresh_token_in(response) != tokens["refresh"]


def test_rotated_refresh_token_can_refresh_again(api_client, tokens):
    rotated = refresh_token_in(refresh_with(api_client, tokens["refresh"]))

    response = refresh_with(api_client, rotated)

    assert response.status_code == 200
{% if cookiecutter.blacklist_after_rotation %}

def test_replayed_refresh_token_is_refused_after_rotation(api_client, tokens):
    refresh_with(api_client, tokens["refresh"])

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 401
{%- else %}

def test_replayed_refresh_token_still_works_without_a_blacklist(api_client, tokens):
    # Without the blacklist, rotation does not retire the old token: it stays valid until it
    # expires. Bake with blacklist_after_rotation to refuse replays.
    refresh_with(api_client, tokens["refresh"])

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
{%- endif %}
