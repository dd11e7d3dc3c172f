"""Refresh token reuse detection (OAuth 2.0 Security BCP): a refresh token presented again after
it was spent is taken for stolen, and every refresh token of the login it came from is revoked.
Other logins of the same user are not touched."""

import logging

from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.tokens.tokens import RefreshToken

from .helpers import claims_of, refresh_token_in, refresh_with

REUSED = {
    "detail": "Refresh token already used: every refresh token of its login is now revoked. "
    "Log in again.",
    "code": "token_reused",
}


def rotate(client: APIClient, token: str) -> str:
    """Refresh with `token`, which must work; return the refresh token that replaces it."""
    response = refresh_with(client, token)
    assert response.status_code == 200, response.content
    return refresh_token_in(response)


def test_replayed_refresh_token_is_refused_after_rotation(api_client, tokens):
    refresh_with(api_client, tokens["refresh"])

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 401


def test_reused_refresh_token_is_refused_as_reused(api_client, tokens):
    rotate(api_client, tokens["refresh"])

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 401
    assert response.json() == REUSED


def test_reuse_revokes_the_newest_refresh_token_of_the_login(api_client, tokens):
    newest = rotate(api_client, rotate(api_client, tokens["refresh"]))
    refresh_with(api_client, tokens["refresh"])  # a thief (or the user) replays a spent token

    response = refresh_with(api_client, newest)

    assert response.status_code == 401
    assert response.json() == REUSED


def test_reuse_of_any_spent_token_of_the_login_revokes_it_all(api_client, tokens):
    middle = rotate(api_client, tokens["refresh"])
    newest = rotate(api_client, middle)
    refresh_with(api_client, middle)

    assert refresh_with(api_client, newest).status_code == 401


def test_reuse_leaves_other_logins_of_the_user_working(api_client, tokens, obtain_tokens):
    other_login = obtain_tokens()
    rotate(api_client, tokens["refresh"])
    refresh_with(api_client, tokens["refresh"])

    response = refresh_with(api_client, other_login["refresh"])

    assert response.status_code == 200


def test_a_reused_token_stays_refused(api_client, tokens):
    rotate(api_client, tokens["refresh"])
    refresh_with(api_client, tokens["refresh"])

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 401
    assert response.json() == REUSED


def test_rotated_refresh_tokens_carry_the_family_of_their_login(api_client, tokens):
    login = claims_of(tokens["refresh"])

    rotated = claims_of(rotate(api_client, rotate(api_client, tokens["refresh"])))

    assert rotated["family"] == login["jti"]


def test_each_login_starts_a_family_of_its_own(api_client, tokens, obtain_tokens):
    other_login = obtain_tokens()

    first = claims_of(rotate(api_client, tokens["refresh"]))
    second = claims_of(rotate(api_client, other_login["refresh"]))

    assert first["family"] != second["family"]


def test_access_tokens_do_not_carry_the_family(api_client, tokens):
    response = refresh_with(api_client, rotate(api_client, tokens["refresh"]))

    assert "family" not in claims_of(response.json()["access"])


def test_a_refresh_token_issued_outside_login_is_guarded_too(api_client, user):
    # What a management command or another app issues: RefreshToken.for_user, no login.
    issued = str(RefreshToken.for_user(user))
    newest = rotate(api_client, issued)
    refresh_with(api_client, issued)

    assert refresh_with(api_client, newest).status_code == 401


def test_reuse_is_recorded_as_a_warning_naming_the_user(api_client, user, tokens, log_records):
    rotate(api_client, tokens["refresh"])
    refresh_with(api_client, tokens["refresh"])

    [record] = [r for r in log_records if getattr(r, "event", None) == "token.reuse_detected"]
    assert record.levelno == logging.WARNING
    assert record.user_id == str(user.pk)
