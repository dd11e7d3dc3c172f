"""Sign-up and password reset with real mail: a bake with registration, under gunicorn and
production settings, mails through an SMTP server this test runs in its own process (aiosmtpd).

`pytest -s` shows the transcript: each request, its answer, and each mail received.
"""

import queue
import re
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from bakery import option_set
from harness.client import Answer, call
from harness.deployment import FROM_PROXY, MAIL_VARIABLES, PASSWORD
from harness.mail import Mailbox, smtp_server

FRONTEND_URL = MAIL_VARIABLES["DJANGO_FRONTEND_URL"]
NEW_PASSWORD = "another-long-password-after-the-reset"
# How long a mail may take to arrive once its request has answered.
MAIL_WAIT = 10


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as mailbox:
        yield mailbox


@pytest.fixture
def production_variables(mailbox) -> dict[str, str]:
    return {"EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}"}


def next_mail(mailbox: Mailbox) -> EmailMessage:
    try:
        return mailbox.next(timeout=MAIL_WAIT)
    except queue.Empty:
        pytest.fail(f"no mail arrived within {MAIL_WAIT} s")


def say(line: str) -> None:
    print(f"  {line}")


def short(body: object) -> object:
    """`body` for the transcript: tokens cut to their first characters."""
    if not isinstance(body, dict):
        return body
    return {
        key: value[:12] + "..." if isinstance(value, str) and len(value) > 60 else value
        for key, value in body.items()
    }


def post(api: str, path: str, body: dict) -> Answer:
    answer = call("POST", f"{api}{path}", body, headers=FROM_PROXY)
    say(f"POST {path} {short(body)} -> {answer.status} {short(answer.body)}")
    return answer


def link_in(message: EmailMessage, page: str) -> dict[str, str]:
    """The uid and token of the front-end link to `page` in a plain-text `message`."""
    assert message.get_content_type() == "text/plain", message
    body = message.get_content()
    say(f"mail to {message['To']}: {message['Subject']!r}")
    found = re.search(rf"{re.escape(FRONTEND_URL)}/{page}/([^/\s]+)/([^/\s]+)", body)
    assert found is not None, body
    say(f"  link {found[0]}")
    return {"uid": found[1], "token": found[2]}


@pytest.mark.parametrize(
    "answers", [option_set("HS512-JWT-keyword-long-lifetimes")], indirect=True
)
def test_sign_up_activate_log_in_and_reset_the_password_by_real_mail(production_server, mailbox):
    api = f"{production_server}/api"
    print()

    signed_up = post(api, "/users/signup/", {
        "username": "bob", "email": "bob@example.com", "password": PASSWORD,
    })  # fmt: skip
    assert signed_up.status == 202
    activation = next_mail(mailbox)
    assert activation["To"] == "bob@example.com"
    assert activation["From"] == MAIL_VARIABLES["DJANGO_DEFAULT_FROM_EMAIL"]
    assert post(api, "/users/activation/", link_in(activation, "activate")).status == 204

    login = post(api, "/token/", {"username": "bob", "password": PASSWORD})
    assert login.status == 200
    old_refresh = login.body["refresh"]

    assert post(api, "/users/password-reset/", {"email": "bob@example.com"}).status == 202
    link = link_in(next_mail(mailbox), "reset-password")
    reset = post(api, "/users/password-reset/confirm/", link | {"new_password": NEW_PASSWORD})
    assert reset.status == 204

    assert post(api, "/token/", {"username": "bob", "password": NEW_PASSWORD}).status == 200
    assert post(api, "/token/", {"username": "bob", "password": PASSWORD}).status == 401
    refused = post(api, "/token/refresh/", {"refresh": old_refresh})
    assert refused.status == 401
    assert mailbox.received.empty()
