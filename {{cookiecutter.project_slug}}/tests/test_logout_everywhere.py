"""Logging out everywhere blacklists every refresh token of the signed-in user, and no one else's."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APIClient

from .helpers import bearer, credentials, refresh_with

URL = reverse("user_logout_everywhere")
API_URL = reverse("subscriber-list")


def test_every_session_of_the_user_ends(api_client, user, obtain_tokens):
    sessions = [obtain_tokens() for _ in range(3)]

    response = api_client.post(URL, **bearer(sessions[0]["access"]))

    assert response.status_code == 204
    for session in sessions:
        assert refresh_with(api_client, session["refresh"]).status_code == 401


def test_other_users_sessions_go_on(api_client, user, obtain_tokens):
    get_user_model().objects.create_user(**credentials("bob@example.com"))
    bobs = obtain_tokens("bob@example.com")
    alices = obtain_tokens()

    api_client.post(URL, **bearer(alices["access"]))

    assert refresh_with(api_client, bobs["refresh"]).status_code == 200


def test_logging_in_again_starts_a_new_session(api_client, tokens, obtain_tokens):
    api_client.post(URL, **bearer(tokens["access"]))

    fresh = obtain_tokens()

    assert refresh_with(api_client, fresh["refresh"]).status_code == 200


def test_access_tokens_work_until_they_expire(api_client, tokens):
    # Access tokens are not looked up in the blacklist: keep their lifetime short.
    api_client.post(URL, **bearer(tokens["access"]))

    assert api_client.get(API_URL, **bearer(tokens["access"])).status_code == 200


def test_logging_out_everywhere_twice_answers_the_same(api_client, tokens):
    first = api_client.post(URL, **bearer(tokens["access"]))
    second = api_client.post(URL, **bearer(tokens["access"]))

    assert (first.status_code, second.status_code) == (204, 204)


def test_it_needs_an_access_token(user):
    assert APIClient().post(URL).status_code == 401


def test_logging_out_everywhere_is_recorded(api_client, user, tokens, log_records):
    api_client.post(URL, **bearer(tokens["access"]))

    [record] = [r for r in log_records if getattr(r, "event", None) == "logout.everywhere"]
    assert record.user_id == str(user.pk)
