from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from .helpers import bearer, refresh_with

# The lifetime chosen when the project was generated, not read from the settings: this test is
# where the answer is held to.
REFRESH_TOKEN_LIFETIME = timedelta(days={{ cookiecutter.refresh_token_lifetime_days | int }})


def test_refresh_token_buys_a_new_working_access_token(api_client, tokens):
    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
    access = response.json()["access"]
    assert api_client.get(reverse("subscriber-list"), **bearer(access)).status_code == 200


def test_garbage_refresh_token_is_refused(api_client, db):
    response = refresh_with(api_client, "garbage")

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_refresh_token_expires_after_exactly_its_lifetime(api_client, user, obtain_tokens):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        refresh = obtain_tokens()["refresh"]

        traveller.shift(REFRESH_TOKEN_LIFETIME - timedelta(seconds=1))
        assert refresh_with(api_client, refresh).status_code == 200

        traveller.shift(timedelta(seconds=1))
        response = refresh_with(api_client, refresh)

    assert response.status_code == 401
