from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from .helpers import bearer

REFRESH_TOKEN_LIFETIME = timedelta(days={{ cookiecutter.refresh_token_lifetime_days | int }})
URL = reverse("token_refresh")


def test_refresh_token_buys_a_new_working_access_token(api_client, tokens):
    response = api_client.post(URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 200
    access = response.json()["access"]
    assert api_client.get(reverse("subscriber-list"), **bearer(access)).status_code == 200


def test_garbage_refresh_token_is_refused(api_client, db):
    response = api_client.post(URL, {"refresh": "garbage"})

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_missing_refresh_token_is_a_bad_request(api_client, db):
    response = api_client.post(URL, {})

    assert response.status_code == 400
    assert "refresh" in response.json()


def test_refresh_token_expires_after_exactly_its_lifetime(api_client, user, obtain_tokens):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        refresh = obtain_tokens()["refresh"]

        traveller.shift(REFRESH_TOKEN_LIFETIME - timedelta(seconds=1))
        assert api_client.post(URL, {"refresh": refresh}).status_code == 200

        traveller.shift(timedelta(seconds=1))
        response = api_client.post(URL, {"refresh": refresh})

    assert response.status_code == 401
