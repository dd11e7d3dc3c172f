"""The refresh token lives in an httpOnly cookie that scripts never see (tokens/views/cookie.py)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.settings import api_settings

from {{ cookiecutter.project_slug }}.tokens.transport import COOKIE_NAME

from .helpers import bearer, credentials, refresh_with

LOGIN_URL = reverse("token_obtain_pair")
REFRESH_URL = reverse("token_refresh")
LOGOUT_URL = reverse("token_logout")
FRONT_END = "https://app.example.com"
CREDENTIALS = credentials()


def test_login_sets_a_host_bound_refresh_cookie_with_strict_flags(api_client, user):
    response = api_client.post(LOGIN_URL, CREDENTIALS)

    assert response.status_code == 200
    cookie = response.cookies[COOKIE_NAME]
    # The __Host- prefix: browsers keep such a cookie only if it is Secure, for Path=/ and
    # without a Domain, so no other host of the site can set one in its place.
    assert COOKIE_NAME.startswith("__Host-")
    assert cookie["secure"] is True
    assert cookie["path"] == "/"
    assert cookie["domain"] == ""
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert int(cookie["max-age"]) == api_settings.REFRESH_TOKEN_LIFETIME.total_seconds()


def test_refresh_token_never_appears_in_a_response_body(api_client, user):
    login = api_client.post(LOGIN_URL, CREDENTIALS)
    first = login.cookies[COOKIE_NAME].value
    refreshed = api_client.post(REFRESH_URL)

    assert refreshed.status_code == 200
    for response in (login, refreshed):
        assert set(response.json()) == {"access"}
        assert first.encode() not in response.content
        if COOKIE_NAME in response.cookies:
            assert response.cookies[COOKIE_NAME].value.encode() not in response.content


def test_full_flow_with_a_cookie_jar(api_client, user):
    access = api_client.post(LOGIN_URL, CREDENTIALS).json()["access"]
    assert api_client.get(reverse("subscriber-list"), **bearer(access)).status_code == 200

    # The client holds the cookie: refresh needs no body at all.
    refreshed = api_client.post(REFRESH_URL)
    assert refreshed.status_code == 200
    new_access = refreshed.json()["access"]
    assert api_client.get(reverse("subscriber-list"), **bearer(new_access)).status_code == 200

    logout = api_client.post(LOGOUT_URL)
    assert logout.status_code == 204
    assert logout.cookies[COOKIE_NAME].value == ""
    assert int(logout.cookies[COOKIE_NAME]["max-age"]) == 0
    assert api_client.post(REFRESH_URL).status_code == 401


def test_refresh_without_the_cookie_is_refused(api_client, db):
    response = api_client.post(REFRESH_URL)

    assert response.status_code == 401


def test_missing_refresh_cookie_is_refused_with_a_reason(api_client, db):
    response = api_client.post(REFRESH_URL)

    assert response.status_code == 401
    assert response.json() == {"detail": "No refresh token cookie: log in first."}


def test_two_refresh_cookies_are_refused(api_client, user, obtain_tokens):
    # Browsers never send two cookies of a __Host- name; another client may: whichever Django
    # kept, the request could end up in the other session.
    ours = obtain_tokens()["refresh"]
    theirs = obtain_tokens()["refresh"]
    api_client.cookies.clear()

    for order in [(ours, theirs), (theirs, ours)]:
        cookie = "; ".join(f"{COOKIE_NAME}={token}" for token in order)
        response = api_client.post(REFRESH_URL, HTTP_COOKIE=cookie)

        assert response.status_code == 401
        assert "more than one" in response.json()["detail"]
        assert COOKIE_NAME not in response.cookies


def test_tampered_cookie_is_refused(api_client, tokens):
    header, payload, signature = tokens["refresh"].split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"

    assert refresh_with(api_client, tampered).status_code == 401


def test_a_refresh_token_in_the_body_is_ignored(api_client, tokens):
    api_client.cookies.clear()

    response = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401


def test_logout_without_a_cookie_still_answers_logged_out(api_client, db):
    assert api_client.post(LOGOUT_URL).status_code == 204


@pytest.mark.parametrize("url", [LOGIN_URL, REFRESH_URL, LOGOUT_URL])
def test_cross_site_request_without_the_script_header_is_refused(user, tokens, url):
    # What a form or <img> on another site can send: the browser may attach the cookie, but it
    # cannot add a custom header without a CORS preflight.
    forger = APIClient()
    forger.cookies[COOKIE_NAME] = tokens["refresh"]

    response = forger.post(
        url, CREDENTIALS, format="multipart", HTTP_ORIGIN="https://evil.example"
    )

    assert response.status_code == 403
    assert COOKIE_NAME not in response.cookies


def test_allowed_front_end_may_send_credentials(api_client, db, settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONT_END]

    preflight = api_client.options(
        REFRESH_URL,
        HTTP_ORIGIN=FRONT_END,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-requested-with",
    )

    assert preflight["Access-Control-Allow-Origin"] == FRONT_END
    assert preflight["Access-Control-Allow-Credentials"] == "true"
    assert "x-requested-with" in preflight["Access-Control-Allow-Headers"]


def test_other_origins_get_no_cors_permission(api_client, db, settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONT_END]

    preflight = api_client.options(
        REFRESH_URL,
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-requested-with",
    )

    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Credentials" not in preflight


@pytest.mark.parametrize("path", ["/admin/login/", "/api/schema/", "/api/docs/"])
def test_allowed_front_end_gets_no_cors_permission_outside_the_api(client, db, settings, path):
    # The admin answers with a staff member's session cookie: an allowed origin must not read it.
    settings.CORS_ALLOWED_ORIGINS = [FRONT_END]

    response = client.get(path, HTTP_ORIGIN=FRONT_END)

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Credentials" not in response


def test_logout_works_while_the_cache_is_unreachable(api_client, tokens, redis_unreachable):
    # The login left the refresh token cookie in the client.
    response = api_client.post(LOGOUT_URL)

    assert response.status_code == 204


def test_logout_is_recorded(api_client, tokens, log_records):
    api_client.post(LOGOUT_URL)

    assert [r for r in log_records if getattr(r, "event", None) == "logout"]
