"""Logging out blacklists the refresh token: it can never be used again."""

from django.urls import reverse

from {{ cookiecutter.project_slug }}.tokens.conf import token_settings

from .helpers import bearer

LOGOUT_URL = reverse("token_blacklist")
REFRESH_URL = reverse("token_refresh")


def test_logout_answers_success(api_client, tokens):
    response = api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 200


def test_refresh_token_is_refused_after_logout(api_client, tokens):
    api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    response = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401


def test_refresh_token_fails_verification_after_logout(api_client, tokens):
    api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    response = api_client.post(reverse("token_verify"), {"token": tokens["refresh"]})

    # simplejwt answers a blacklisted token with 400, where an invalid one gets 401.
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Token is blacklisted"]}


def test_logging_out_twice_is_refused(api_client, tokens):
    api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    response = api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401


def test_logout_with_a_garbage_token_is_refused(api_client, db):
    response = api_client.post(LOGOUT_URL, {"refresh": "garbage"})

    assert response.status_code == 401


def test_access_token_keeps_working_until_it_expires(api_client, tokens):
    # Access tokens are checked without a database lookup of the blacklist: logout ends the
    # session at the next refresh. Keep access tokens short-lived.
    api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    response = api_client.get(reverse("subscriber-list"), **bearer(tokens["access"]))

    assert response.status_code == 200


def test_oversized_refresh_token_to_log_out_is_a_bad_request(api_client, db):
    oversized = "A" * (token_settings.MAX_TOKEN_LENGTH + 1)

    response = api_client.post(LOGOUT_URL, {"refresh": oversized})

    assert response.status_code == 400
    assert "refresh" in response.json()


def test_logout_works_while_the_cache_is_unreachable(api_client, tokens, redis_unreachable):
    response = api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 200


def test_logout_is_recorded_with_the_tokens_user(api_client, user, tokens, log_records):
    api_client.post(LOGOUT_URL, {"refresh": tokens["refresh"]})

    [record] = [r for r in log_records if getattr(r, "event", None) == "logout"]
    assert record.user_id == str(user.pk)
    assert all(tokens["refresh"] not in str(value) for value in vars(record).values())
