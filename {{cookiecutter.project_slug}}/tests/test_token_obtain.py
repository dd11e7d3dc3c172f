import pytest
from django.urls import reverse

from .helpers import LOGIN_FIELD, PASSWORD, TOKEN_FIELDS, credentials, refresh_token_in

URL = reverse("token_obtain_pair")


def test_valid_credentials_hand_out_an_access_and_a_refresh_token(api_client, user):
    response = api_client.post(URL, credentials())

    assert response.status_code == 200
    assert set(response.json()) == TOKEN_FIELDS
    assert refresh_token_in(response)


def test_wrong_password_is_rejected(api_client, user):
    response = api_client.post(URL, credentials(password="not-the-password"))

    assert response.status_code == 401
    assert "access" not in response.json()


@pytest.mark.parametrize("password", [f" {PASSWORD}", f"{PASSWORD} ", f"\t{PASSWORD}\u3000"])
def test_password_reaches_authentication_unchanged(api_client, user, password):
    # A password is whatever the user typed, spaces included, as Django's login form takes it.
    user.set_password(password)
    user.save()

    assert api_client.post(URL, credentials(password=password)).status_code == 200
    assert api_client.post(URL, credentials()).status_code == 401


def test_unknown_user_is_rejected(api_client, db):
    response = api_client.post(URL, credentials("nobody"))

    assert response.status_code == 401


def test_inactive_user_gets_no_tokens(api_client, user):
    user.is_active = False
    user.save()

    response = api_client.post(URL, credentials())

    assert response.status_code == 401


def test_missing_fields_are_reported(api_client, db):
    response = api_client.post(URL, {})

    assert response.status_code == 400
    assert set(response.json()) == {LOGIN_FIELD, "password"}


@pytest.mark.parametrize("body", ["{not json", "[]", "null", '"text"'])
def test_body_that_is_not_a_json_object_is_a_bad_request(api_client, db, body):
    response = api_client.post(URL, body, content_type="application/json")

    assert response.status_code == 400


@pytest.mark.parametrize("field", [LOGIN_FIELD, "password"])
def test_credentials_that_are_not_strings_are_a_bad_request(api_client, user, field):
    body = credentials() | {field: {"$ne": ""}}

    response = api_client.post(URL, body)

    assert response.status_code == 400
