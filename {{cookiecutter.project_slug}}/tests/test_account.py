"""The signed-in user's account: /api/users/me/ and the change of password."""

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.serializers import UserSerializer

from .helpers import ALICE, LOGIN_FIELD, PASSWORD, bearer, refresh_token_in, refresh_with

ME_URL = reverse("user_me")
PASSWORD_URL = reverse("user_password")
API_URL = reverse("subscriber-list")
NEW_PASSWORD = "a-brand-new-passphrase"


def test_me_answers_the_signed_in_users_account(auth_client, user):
    response = auth_client.get(ME_URL)

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        # The username, or the address alone where users log in by it (LOGIN_FIELD is "email").
        LOGIN_FIELD: ALICE,
        "email": "alice@example.com",
        "first_name": "",
        "last_name": "",
        "date_joined": user.date_joined.isoformat().replace("+00:00", "Z"),
        "is_staff": False,
    }


def test_each_account_serializer_has_the_fields_model_serializer_builds_of_its_own():
    # UserSerializer works its fields out from the model once, not for every request: each
    # serializer still gets copies of its own, the fields ModelSerializer builds.
    class Built(serializers.ModelSerializer[User]):
        class Meta(UserSerializer.Meta):
            pass

    first, second = UserSerializer(), UserSerializer()

    assert {name: repr(field) for name, field in first.fields.items()} == {
        name: repr(field) for name, field in Built().fields.items()
    }
    for name, field in first.fields.items():
        assert field is not second.fields[name]
        assert field.parent is first


@pytest.mark.parametrize("url", [ME_URL, PASSWORD_URL])
def test_account_endpoints_need_an_access_token(api_client, user, url):
    response = api_client.generic("GET" if url == ME_URL else "POST", url)

    assert response.status_code == 401


def test_a_deactivated_user_cannot_reach_their_account(auth_client, user):
    user.is_active = False
    user.save()

    assert auth_client.get(ME_URL).status_code == 401
    assert auth_client.post(PASSWORD_URL, {}).status_code == 401


def test_patch_changes_the_names(auth_client, user):
    response = auth_client.patch(ME_URL, {"first_name": "Alice", "last_name": "Liddell"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Alice", "Liddell")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (LOGIN_FIELD, "mallory@example.com"),
        ("is_staff", True),
        ("id", 999),
        ("date_joined", ""),
    ],
)
def test_patch_leaves_the_read_only_fields_alone(auth_client, user, field, value):
    before = auth_client.get(ME_URL).json()

    response = auth_client.patch(ME_URL, {field: value})

    assert response.status_code == 200
    assert response.json() == before
    user.refresh_from_db()
    assert (user.get_username(), user.is_staff) == (ALICE, False)


@pytest.mark.parametrize(
    "body",
    [
        {"first_name": "x" * 151},
        {"last_name": None},
    ],
)
def test_invalid_fields_are_a_bad_request(auth_client, user, body):
    response = auth_client.patch(ME_URL, body)

    assert response.status_code == 400
    assert list(response.json()) == list(body)


def test_put_is_not_allowed(auth_client, user):
    assert auth_client.put(ME_URL, {"first_name": "Alice"}).status_code == 405


def change_password(client: APIClient, current: str = PASSWORD, new: str = NEW_PASSWORD):
    return client.post(PASSWORD_URL, {"current_password": current, "new_password": new})


def test_password_change_answers_new_tokens_that_work(auth_client, api_client, user):
    response = change_password(auth_client)

    assert response.status_code == 200
    fresh_access, fresh_refresh = response.json()["access"], refresh_token_in(response)
    assert api_client.get(API_URL, **bearer(fresh_access)).status_code == 200
    assert refresh_with(api_client, fresh_refresh).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_ends_the_refresh_tokens_issued_before(auth_client, api_client, tokens):
    change_password(auth_client)

    assert refresh_with(api_client, tokens["refresh"]).status_code == 401


def test_only_the_new_password_logs_in(auth_client, api_client, user):
    change_password(auth_client)

    def login(password: str) -> int:
        body = {LOGIN_FIELD: ALICE, "password": password}
        return api_client.post(reverse("token_obtain_pair"), body).status_code

    assert (login(PASSWORD), login(NEW_PASSWORD)) == (401, 200)


def test_a_wrong_current_password_is_refused_and_changes_nothing(auth_client, user):
    response = change_password(auth_client, current="not-the-password")

    assert response.status_code == 400
    assert response.json() == {"current_password": ["The current password is not correct."]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("weak", ["short", "12345678901", "password123", "alice@example.com"])
def test_a_new_password_the_validators_refuse_is_a_bad_request(auth_client, user, weak):
    response = change_password(auth_client, new=weak)

    assert response.status_code == 400
    assert list(response.json()) == ["new_password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"current_password": PASSWORD},
        {"new_password": NEW_PASSWORD},
        {"current_password": {"$ne": ""}, "new_password": NEW_PASSWORD},
    ],
)
def test_an_incomplete_password_change_is_a_bad_request(auth_client, user, body):
    assert auth_client.post(PASSWORD_URL, body).status_code == 400


def test_passwords_are_taken_as_typed(auth_client, api_client, user):
    response = change_password(auth_client, new=f" {NEW_PASSWORD} ")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(f" {NEW_PASSWORD} ")
    assert not user.check_password(NEW_PASSWORD)


def test_wrong_current_passwords_are_limited_per_account(auth_client, user):
    # With a stolen access token, from as many addresses as the thief likes.
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["password_change"].split("/")[0])
    answers = [
        auth_client.post(
            PASSWORD_URL,
            {"current_password": f"guess-{n}", "new_password": "a-brand-new-passphrase"},
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        ).status_code
        for n in range(rate + 1)
    ]

    assert answers == [400] * rate + [429]


@pytest.mark.parametrize(("method", "url"), [("PATCH", ME_URL), ("POST", PASSWORD_URL)])
@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
)
def test_account_endpoints_read_json_only(auth_client, user, method, url, content_type):
    # What an HTML form, on any site, posts without a CORS preflight.
    body = f"first_name=Mallory&current_password={PASSWORD}&new_password=a-brand-new-passphrase"

    response = auth_client.generic(method, url, body, content_type=content_type)

    assert response.status_code == 415
    user.refresh_from_db()
    assert user.first_name != "Mallory"
    assert user.check_password(PASSWORD)
