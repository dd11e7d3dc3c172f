from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

URL = reverse("token_verify")


def test_valid_access_token_verifies(api_client, tokens):
    response = api_client.post(URL, {"token": tokens["access"]})

    assert response.status_code == 200


def test_valid_refresh_token_verifies(api_client, tokens):
    response = api_client.post(URL, {"token": tokens["refresh"]})

    assert response.status_code == 200


def test_garbage_token_fails_verification(api_client, db):
    response = api_client.post(URL, {"token": "garbage"})

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_expired_token_fails_verification(api_client, user, obtain_tokens):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]
        traveller.shift(timedelta(days=365))

        response = api_client.post(URL, {"token": access})

    assert response.status_code == 401


@pytest.mark.parametrize("kind", ["access", "refresh"])
def test_verify_refuses_a_token_revoked_by_a_password_change(api_client, user, tokens, kind):
    user.set_password("another-long-passphrase")
    user.save()

    response = api_client.post(URL, {"token": tokens[kind]})

    assert response.status_code == 401
    assert response.json()["code"] == "password_changed"


@pytest.mark.parametrize("kind", ["access", "refresh"])
def test_verify_refuses_the_tokens_of_a_deactivated_user(api_client, user, tokens, kind):
    user.is_active = False
    user.save()

    response = api_client.post(URL, {"token": tokens[kind]})

    assert response.status_code == 401
    assert response.json()["code"] == "user_inactive"


def test_verify_refuses_the_tokens_of_a_deleted_user(api_client, user, tokens):
    user.delete()

    response = api_client.post(URL, {"token": tokens["refresh"]})

    assert response.status_code == 401
