"""Refresh token rotation: every refresh answers a new refresh token along with the access token."""

from django.urls import reverse

URL = reverse("token_refresh")


def test_refresh_answers_a_new_refresh_token(api_client, tokens):
    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    assert response.json()["refresh"] != tokens["refresh"]


def test_rotated_refresh_token_can_refresh_again(api_client, tokens):
    rotated = api_client.post(URL, {"refresh": tokens["refresh"]}).json()["refresh"]

    response = api_client.post(URL, {"refresh": rotated})

    assert response.status_code == 200
{% if cookiecutter.blacklist_after_rotation %}

def test_replayed_refresh_token_is_refused_after_rotation(api_client, tokens):
    api_client.post(URL, {"refresh": tokens["refresh"]})

    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401
{%- else %}

def test_replayed_refresh_token_still_works_without_a_blacklist(api_client, tokens):
    # Without the blacklist, rotation does not retire the old token: it stays valid until it
    # expires. Bake with blacklist_after_rotation to refuse replays.
    api_client.post(URL, {"refresh": tokens["refresh"]})

    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 200
{%- endif %}
