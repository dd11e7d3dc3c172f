"""Logins the token endpoints do not see as security events: every failed login, through the API
or the admin's form (Django's `user_login_failed`, sent by `authenticate`), and the admin's
successful ones (`user_logged_in`, sent by `login`). Connected by apps.py."""

from typing import Any

from django.contrib.auth import get_user_model

from .. import events


def login_failed(
    sender: object, credentials: dict[str, Any], request: Any = None, **_: Any
) -> None:
    # Django has already replaced the password in `credentials` with stars; the login name is
    # what the form or the body named the account with.
    login = credentials.get(get_user_model().USERNAME_FIELD, credentials.get("username"))
    events.record(events.Event.LOGIN_FAILED, request, login=login)


def logged_in(sender: object, request: Any, user: Any, **_: Any) -> None:
    events.record(events.Event.LOGIN_SUCCEEDED, request, user=user, reason="session")
