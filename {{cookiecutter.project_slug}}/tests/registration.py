"""What the sign-up and password reset tests share: the links the mails carry, a sign-up, an
activation and a reset."""

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from .helpers import LOGIN_FIELD, PASSWORD

MAIL_SENT = {"detail": "A mail is on its way to that address."}
INVALID_LINK = {
    "token": ["This link is not valid: it may have expired or been used. Ask for a new one."]
}
SIGNUP_URL = reverse("user_signup")
ACTIVATION_URL = reverse("user_activation")
RESET_URL = reverse("user_password_reset")
RESET_CONFIRM_URL = reverse("user_password_reset_confirm")
LINK = re.compile(r"/(?P<page>activate|reset-password)/(?P<rest>\S+)")


def link_in(message: mail.EmailMessage, page: str) -> dict[str, str]:
    """The token of the front-end link to `page` in `message`, as the endpoints take it."""
    body = str(message.body)
    found = LINK.search(body)
    assert found is not None, body
    assert found[0] == f"/{page}/{found['rest']}", body
    assert f"{settings.FRONTEND_URL}/{page}/" in body
    return {"token": found["rest"]}


def sign_up(client: APIClient, login: str, email: str, password: str = PASSWORD):
    """Sign up `email` (and the username `login`, where users log in by username). The password
    is sent too, as a client that has not read the docs would: it is ignored."""
    body = {LOGIN_FIELD: login, "email": email, "password": password}
    return client.post(SIGNUP_URL, body)


def activate(client: APIClient, link: dict[str, str], password: str = PASSWORD):
    """Follow an activation link, choosing `password`."""
    return client.post(ACTIVATION_URL, link | {"password": password})


def reset_password(client: APIClient, outbox: list[mail.EmailMessage], new_password: str) -> None:
    """Alice resets her password to `new_password` through the link mailed to her."""
    client.post(RESET_URL, {"email": "alice@example.com"})
    link = link_in(outbox[-1], "reset-password")
    confirmed = client.post(RESET_CONFIRM_URL, link | {"new_password": new_password})
    assert confirmed.status_code == 204, confirmed.content
