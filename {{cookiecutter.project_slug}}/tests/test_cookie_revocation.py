"""With the blacklist, logging out of a cookie session revokes its refresh token, not only the
cookie, and logging out everywhere clears the cookie too."""

from django.urls import reverse

from {{ cookiecutter.project_slug }}.tokens.transport import COOKIE_NAME

from .helpers import bearer, refresh_with

LOGOUT_URL = reverse("token_logout")


def test_logged_out_refresh_token_is_refused_even_if_kept(api_client, tokens):
    api_client.post(LOGOUT_URL)

    assert refresh_with(api_client, tokens["refresh"]).status_code == 401


def test_logout_revokes_every_refresh_cookie_sent(api_client, user, obtain_tokens):
    first = obtain_tokens()["refresh"]
    second = obtain_tokens()["refresh"]
    api_client.cookies.clear()

    api_client.post(LOGOUT_URL, HTTP_COOKIE=f"{COOKIE_NAME}={first}; {COOKIE_NAME}={second}")

    assert refresh_with(api_client, first).status_code == 401
    assert refresh_with(api_client, second).status_code == 401


def test_logging_out_everywhere_clears_the_refresh_cookie(api_client, tokens):
    response = api_client.post(reverse("user_logout_everywhere"), **bearer(tokens["access"]))

    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["path"] == "/"
