"""Security events: each token flow writes one record with its stable name, the account, the
client's address and the request's id, and never a password or a token."""

import logging
from typing import Any

from django.urls import reverse

from {{ cookiecutter.project_slug }} import events
from {{ cookiecutter.project_slug }}.request_id import HEADER

from .helpers import ALICE, PASSWORD, bearer, credentials, refresh_with


def of(records: list[logging.LogRecord], event: events.Event) -> list[Any]:
    """The records of `event`, whose fields the type checker cannot know."""
    return [record for record in records if getattr(record, "event", None) == event]


def test_login_is_log_records_with_the_user_the_client_and_the_request_id(
    api_client, user, log_records
):
    response = api_client.post(
        reverse("token_obtain_pair"), credentials(), HTTP_X_REQUEST_ID="login-1"
    )

    assert response.status_code == 200
    assert response[HEADER] == "login-1"
    [record] = of(log_records, events.Event.LOGIN_SUCCEEDED)
    assert record.levelno == logging.INFO
    assert record.user_id == str(user.pk)
    assert record.client == "127.0.0.1"
    assert record.request_id == "login-1"


def test_failed_login_names_the_login_and_never_the_password(api_client, user, log_records):
    api_client.post(reverse("token_obtain_pair"), credentials(password="not-" + PASSWORD))

    [record] = of(log_records, events.Event.LOGIN_FAILED)
    assert record.levelno == logging.WARNING
    assert record.login == ALICE
    assert not hasattr(record, "user_id")
    assert PASSWORD not in record.getMessage()
    assert all(PASSWORD not in str(value) for value in vars(record).values())


def test_failed_admin_login_is_log_records_too(client, user, log_records):
    client.post(reverse("admin:login"), {"username": ALICE, "password": "wrong-guess"})

    [record] = of(log_records, events.Event.LOGIN_FAILED)
    assert record.login == ALICE


def test_a_login_refused_by_the_rate_limit_is_log_records(api_client, user, log_records):
    for _ in range(30):
        response = api_client.post(reverse("token_obtain_pair"), credentials(password="guess"))
        if response.status_code == 429:
            break

    assert response.status_code == 429
    [record] = of(log_records, events.Event.LOGIN_LIMITED)
    assert record.levelno == logging.WARNING
    assert record.reason in {"login", "login_username"}


def test_refresh_is_log_records_without_the_token(api_client, user, tokens, log_records):
    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
    [record] = of(log_records, events.Event.TOKEN_REFRESHED)
    assert record.user_id == str(user.pk)
    assert all(tokens["refresh"] not in str(value) for value in vars(record).values())


def test_password_change_is_log_records(api_client, user, tokens, log_records):
    new_password = "a-new-and-longer-" + PASSWORD
    response = api_client.post(
        reverse("user_password"),
        {"current_password": PASSWORD, "new_password": new_password},
        **bearer(tokens["access"]),
    )

    assert response.status_code == 200, response.content
    [record] = of(log_records, events.Event.PASSWORD_CHANGED)
    assert record.user_id == str(user.pk)
    assert all(new_password not in str(value) for value in vars(record).values())


def test_an_event_outside_a_request_has_no_client(log_records):
    events.record(events.Event.LOGOUT, None, user=7)

    [record] = of(log_records, events.Event.LOGOUT)
    assert record.user_id == "7"
    assert record.request_id == "-"
    assert not hasattr(record, "client")


def test_a_login_name_with_a_line_break_cannot_forge_a_line(log_records):
    events.record(events.Event.LOGIN_FAILED, None, login="alice\n2026 INFO forged")

    [record] = of(log_records, events.Event.LOGIN_FAILED)
    assert "\n" not in record.getMessage()
