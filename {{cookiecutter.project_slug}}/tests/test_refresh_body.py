"""Clients that keep their tokens send the refresh token in the JSON body of a refresh."""

from django.urls import reverse


def test_missing_refresh_token_is_a_bad_request(api_client, db):
    response = api_client.post(reverse("token_refresh"), {})

    assert response.status_code == 400
    assert "refresh" in response.json()
