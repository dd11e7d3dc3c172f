"""Without rotation, a refresh token is reused for its whole lifetime; refresh answers access only."""

from django.urls import reverse

URL = reverse("token_refresh")


def test_refresh_answers_only_an_access_token(api_client, tokens):
    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 200
    assert set(response.json()) == {"access"}


def test_refresh_token_can_be_used_again(api_client, tokens):
    api_client.post(URL, {"refresh": tokens["refresh"]})

    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 200
