"""Sign-up and password reset with real mail: a bake with registration, under gunicorn and
production settings, its mail worker (`manage.py db_worker`) sending through an SMTP server this
test runs in its own process (aiosmtpd).

`pytest -s` shows the transcript: each request, its answer, and each mail received.
"""

import queue
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from bakery import option_sets
from harness.answers import is_asymmetric
from harness.client import Answer, call
from harness.commands import run
from harness.deployment import (
    FROM_PROXY,
    GUNICORN,
    MAIL_VARIABLES,
    MAIL_WORKER,
    PASSWORD,
    production_environment,
)
from harness.mail import Mailbox, smtp_server
from harness.project_code import signing_key_pem
from harness.serving import LOOPBACK, reserved_port, running, serving, stop

FRONTEND_URL = MAIL_VARIABLES["DJANGO_FRONTEND_URL"]
NEW_PASSWORD = "another-long-password-after-the-reset"
# How long a mail may take to arrive once its request has answered.
MAIL_WAIT = 10

# The bakes with sign-up: username login on SQLite, email login on PostgreSQL.
with_registration = pytest.mark.parametrize(
    "answers",
    option_sets(["HS512-JWT-keyword-long-lifetimes", "EdDSA-cookie-stateless-postgresql"]),
    indirect=True,
)
# The one with SQLite, whose file the API's processes and the mail worker share.
on_sqlite = pytest.mark.parametrize(
    "answers", option_sets(["HS512-JWT-keyword-long-lifetimes"]), indirect=True
)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as mailbox:
        yield mailbox


@pytest.fixture
def smtp_port(request) -> int:
    """Where the bake sends its mail: the mailbox's, or for a test that starts its SMTP server
    late, a free port."""
    if "mailbox" in request.fixturenames:
        return request.getfixturevalue("mailbox").port
    return reserved_port()


@pytest.fixture
def production_variables(smtp_port, answers) -> dict[str, str]:
    # A failed mail is tried again after 1 s, 2 s, 4 s, ...: a test waits seconds, not minutes.
    variables = {"EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}", "DJANGO_MAIL_RETRY_DELAY": "1"}
    if is_asymmetric(answers):
        variables["JWT_SIGNING_KEY"] = signing_key_pem(answers["jwt_algorithm"])
    return variables


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


def link_in(message: EmailMessage, page: str) -> dict[str, str]:
    """The token of the front-end link to `page` in a plain-text `message`."""
    assert message.get_content_type() == "text/plain", message
    body = message.get_content()
    say(f"mail to {message['To']}: {message['Subject']!r}")
    found = re.search(rf"{re.escape(FRONTEND_URL)}/{page}/([A-Za-z0-9_-]+)\s", body)
    assert found is not None, body
    say(f"  link {found[0].strip()}")
    return {"token": found[1]}


class Client:
    """A client of the bake's token endpoints in its transport: the refresh token in the body
    (header bakes) or in the cookie, sent with the header the cookie endpoints require."""

    def __init__(self, api: str, answers: dict) -> None:
        self.api = api
        self.cookie = answers.get("token_transport") == "cookie"
        self.login_field = answers.get("login_field", "username")

    def log_in(self, login: str, password: str) -> Answer:
        return self.post("/token/", {self.login_field: login, "password": password})

    def refresh_token(self, login: Answer) -> str:
        if not self.cookie:
            return login.body["refresh"]
        # "name=value": sent back as it came.
        return login.headers["Set-Cookie"].split(";")[0]

    def refresh(self, refresh: str) -> Answer:
        if self.cookie:
            return self.post("/token/refresh/", {}, {"Cookie": refresh})
        return self.post("/token/refresh/", {"refresh": refresh})

    def post(self, path: str, body: dict, headers: dict[str, str] | None = None) -> Answer:
        script = {"X-Requested-With": "test"} if self.cookie else {}
        answer = call(
            "POST", f"{self.api}{path}", body, headers=FROM_PROXY | script | (headers or {})
        )
        say(f"POST {path} {short(body)} -> {answer.status} {short(answer.body)}")
        return answer


@with_registration
def test_sign_up_activate_log_in_and_reset_the_password_by_real_mail(
    production_server, mailbox, answers
):
    client = Client(f"{production_server}/api", answers)
    email = "bob@example.com"
    login_name = email if client.login_field == "email" else "bob"
    signup = {"email": email} | ({} if client.login_field == "email" else {"username": "bob"})
    print()

    # Someone signs Bob's address up before him; then Bob signs up: only his link works, and
    # he chooses the password.
    assert client.post("/users/signup/", signup).status == 202
    early = link_in(next_mail(mailbox), "activate")
    assert client.post("/users/signup/", signup).status == 202
    activation = next_mail(mailbox)
    assert activation["To"] == email
    assert activation["From"] == MAIL_VARIABLES["DJANGO_DEFAULT_FROM_EMAIL"]
    link = link_in(activation, "activate")
    refused = client.post("/users/activation/", early | {"password": "the-early-signers-pass"})
    assert refused.status == 400
    assert client.post("/users/activation/", link | {"password": PASSWORD}).status == 204
    # Used once; and an activation link is no reset link.
    assert client.post("/users/activation/", link | {"password": PASSWORD}).body == refused.body
    as_reset = client.post("/users/password-reset/confirm/", link | {"new_password": NEW_PASSWORD})
    assert as_reset.status == 400

    login = client.log_in(login_name, PASSWORD)
    assert login.status == 200
    # The refresh token works (and rotates) before the reset.
    refreshed = client.refresh(client.refresh_token(login))
    assert refreshed.status == 200
    old_refresh = client.refresh_token(refreshed)
    old_access = login.body["access"]

    # A variant of the address that reaches the same mailbox gets no mail.
    variant = client.post("/users/password-reset/", {"email": "bob@exam\u00adple.com"})
    assert variant.status == 400
    assert client.post("/users/password-reset/", {"email": "Bob@Example.com"}).status == 202
    reset_link = link_in(next_mail(mailbox), "reset-password")
    reset = client.post(
        "/users/password-reset/confirm/", reset_link | {"new_password": NEW_PASSWORD}
    )
    assert reset.status == 204

    assert client.log_in(login_name, NEW_PASSWORD).status == 200
    assert client.log_in(login_name, PASSWORD).status == 401
    assert client.refresh(old_refresh).status == 401
    assert client.post("/token/verify/", {"token": old_access}).status == 401
    assert mailbox.received.empty()


@with_registration
def test_a_mail_sent_while_the_mail_server_is_down_arrives_once_it_is_up(
    production_server, smtp_port, answers
):
    client = Client(f"{production_server}/api", answers)
    print()
    # No SMTP server: the request answers all the same; the worker's attempt fails.
    assert client.post("/users/password-reset/", {"email": "nobody@example.com"}).status == 202
    time.sleep(2)  # the first attempt and a retry fail (1 s, then 2 s later)
    with smtp_server(port=smtp_port) as mailbox:
        note = next_mail(mailbox)
        say(f"mail to {note['To']}: {note['Subject']!r}")
        assert note["To"] == "nobody@example.com"
        assert mailbox.received.empty()


@with_registration
def test_a_mail_whose_worker_is_killed_mid_send_arrives_once_requeued(
    migrated_project, production_variables, smtp_port, answers, tmp_path
):
    """At least once: a worker killed after the mail server took the mail, before the row was
    deleted, would have it sent twice; here it dies before, and the mail arrives exactly once."""
    project, migrated = migrated_project
    environment = production_environment(
        answers, DATABASE_URL=migrated["DATABASE_URL"], **production_variables
    )
    print()
    # A mail server that takes the connection and never answers: the worker waits in the send.
    with socket.create_server((LOOPBACK, smtp_port)) as hanging:
        hanging.settimeout(MAIL_WAIT)
        with serving(GUNICORN, project, environment, tmp_path / "gunicorn.log") as server:
            client = Client(f"{server.url}/api", answers)
            reset = client.post("/users/password-reset/", {"email": "nobody@example.com"})
            assert reset.status == 202
        with (tmp_path / "worker.log").open("w") as log:
            worker = subprocess.Popen(
                MAIL_WORKER, cwd=project, env=environment, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        try:
            connection, _address = hanging.accept()
            worker.send_signal(signal.SIGKILL)
            assert worker.wait(timeout=MAIL_WAIT) == -signal.SIGKILL
            say(f"worker {worker.pid} killed mid-send")
        finally:
            stop(worker)
        connection.close()
    with smtp_server(port=smtp_port) as mailbox:
        # Its task stays taken by the dead worker; once overdue (1 s here), the sweep enqueues
        # the mail again, and the next worker sends it.
        time.sleep(1.5)
        requeue = [sys.executable, "manage.py", "requeue_mail"]
        swept = run(requeue, project, environment | {"DJANGO_MAIL_REQUEUE_AFTER": "1"})
        say(swept.stdout.strip())
        assert swept.stdout == "Enqueued 1 overdue mail(s) again.\n"
        with running(MAIL_WORKER, project, environment, tmp_path / "worker2.log"):
            note = next_mail(mailbox)
            say(f"mail to {note['To']}: {note['Subject']!r}")
            assert note["To"] == "nobody@example.com"
            again = run(requeue, project, environment | {"DJANGO_MAIL_REQUEUE_AFTER": "1"})
            assert again.stdout == "Enqueued 0 overdue mail(s) again.\n"
        assert mailbox.received.empty()


@on_sqlite
def test_a_long_read_of_the_sqlite_database_holds_up_no_sign_up(
    production_server, migrated_project, mailbox, answers
):
    """A backup, a report or the admin reading the database while users sign up; under load, any
    request or the worker's poll. In SQLite's default journal mode a reader holds up every write
    until it ends: the sign-up failed with 503, "database is locked", after 5 s alone and after
    over 10 s beside the mail worker (whose own write waited first); in one of two runs of 300
    concurrent sign-ups and resets from 12 clients, 2 failed so. In WAL mode neither waits."""
    _project, migrated = migrated_project
    client = Client(f"{production_server}/api", answers)
    print()
    reader = sqlite3.connect(migrated["DATABASE_URL"].removeprefix("sqlite:///"))
    reader.isolation_level = None  # the transaction is this test's: BEGIN ... ROLLBACK
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM registration_mail").fetchone()
        say("a read transaction begun beside the server and its worker")
        signup = client.post("/users/signup/", {"username": "bob", "email": "bob@example.com"})
        assert signup.status == 202
        # The worker writes too: it marks the attempt begun, then deletes the mail once sent.
        link_in(next_mail(mailbox), "activate")
    finally:
        reader.execute("ROLLBACK")
        reader.close()
