"""While the database or the cache cannot be reached, requests answer a quick 503, not a 500.

Login needs the cache (its rate limits) and fails closed; the API and the other token endpoints
do not need it and keep working. See tokens/throttling.py for why.
"""

from django.urls import reverse

from .helpers import ALICE, PASSWORD, credentials, refresh_with

SUBSCRIBERS_URL = reverse("subscriber-list")
UNAVAILABLE = {
    "detail": "Service temporarily unavailable, try again later.",
    "code": "service_unavailable",
}


def test_api_answers_503_while_the_database_is_down(auth_client, database_down, caplog):
    response = auth_client.get(SUBSCRIBERS_URL)

    assert response.status_code == 503
    assert response.json() == UNAVAILABLE
    assert response["Retry-After"] == "5"
    assert b"5432" not in response.content
    # One line in the log, with the cause, instead of a traceback per request.
    (line,) = [r.getMessage() for r in caplog.records if "unreachable" in r.getMessage()]
    assert line.startswith("database unreachable, GET /api/subscribers/ answered 503: ")
    assert "\n" not in line
    assert "Is the server running" in line
    assert "Traceback" not in caplog.text


def test_login_answers_503_while_the_database_is_down(api_client, user, database_down):
    response = api_client.post(reverse("token_obtain_pair"), credentials())

    assert response.status_code == 503
    assert response.json() == UNAVAILABLE


def test_verify_answers_503_while_the_database_is_down(api_client, tokens, database_down):
    response = api_client.post(reverse("token_verify"), {"token": tokens["access"]})

    # It reads the user, as the API does, to refuse tokens a password change or a deactivation
    # ended.
    assert response.status_code == 503


def test_admin_answers_a_plain_503_while_the_database_is_down(admin_client, database_down):
    response = admin_client.get("/admin/subscribers/subscriber/")

    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_login_fails_closed_while_the_cache_is_unreachable(api_client, user, redis_unreachable):
    response = api_client.post(reverse("token_obtain_pair"), credentials())

    assert response.status_code == 503
    assert response.json() == UNAVAILABLE
    assert "access" not in response.json()


def test_admin_login_fails_closed_while_the_cache_is_unreachable(client, user, redis_unreachable):
    # The admin's form names the login field `username`, whatever the user model logs in with.
    form = {"username": ALICE, "password": PASSWORD}

    response = client.post(reverse("admin:login"), form)

    assert response.status_code == 503
    assert "_auth_user_id" not in client.session


def test_api_works_while_the_cache_is_unreachable(auth_client, redis_unreachable):
    assert auth_client.get(SUBSCRIBERS_URL).status_code == 200


def test_verify_works_unthrottled_while_the_cache_is_unreachable(
    api_client, tokens, redis_unreachable, caplog
):
    response = api_client.post(reverse("token_verify"), {"token": tokens["access"]})

    assert response.status_code == 200
    assert "cache unreachable, /api/token/verify/ not rate-limited" in caplog.text


def test_refresh_works_while_the_cache_is_unreachable(api_client, tokens, redis_unreachable):
    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
    assert "access" in response.json()
