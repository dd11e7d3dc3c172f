"""Sign-up, activation and password reset by email (users/registration/).

Mails stay in memory (pytest-django's locmem backend): `outbox` holds those a test sent. Their
tasks run as they are enqueued (the test settings' immediate backend); the last tests here keep
them in the database, as the worker finds them.
"""

import json
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from {{ cookiecutter.project_slug }} import events
from {{ cookiecutter.project_slug }}.users.registration import emails
from {{ cookiecutter.project_slug }}.users.registration.models import Mail, PasswordReset, SignUp

from .addresses import CANONICAL_FORMS, account
from .helpers import ALICE, LOGIN_FIELD, PASSWORD, bearer, credentials, login_of, refresh_with
from .registration import (
    INVALID_LINK,
    LINK,
    MAIL_SENT,
    RESET_CONFIRM_URL,
    RESET_URL,
    SIGNUP_URL,
    activate,
    link_in,
    sign_up,
)

User = get_user_model()

LOGIN_URL = reverse("token_obtain_pair")
BOB = "bob@example.com"
BOB_LOGIN = login_of("bob")
NEW_PASSWORD = "a-brand-new-passphrase"


def login(client, password: str = PASSWORD, identifier: str = ALICE):
    return client.post(LOGIN_URL, credentials(identifier, password))


@pytest.fixture
def outbox(db, mailoutbox) -> list[mail.EmailMessage]:
    """pytest-django's `mailoutbox`, once the test database exists: the first set-up of the
    database replaces the outbox, and the mails would go to a list the test does not hold."""
    return mailoutbox


@pytest.fixture
def signed_up(api_client, outbox) -> dict[str, str]:
    """Bob signed up: his activation link's token (the outbox is emptied)."""
    assert sign_up(api_client, BOB_LOGIN, BOB).status_code == 202
    link = link_in(outbox[0], "activate")
    outbox.clear()
    return link


# Sign-up and activation


def test_sign_up_mails_an_activation_link_and_opens_no_account_yet(api_client, outbox):
    response = sign_up(api_client, BOB_LOGIN, BOB)

    assert (response.status_code, response.json()) == (202, MAIL_SENT)
    assert not User.objects.exists()
    [message] = outbox
    assert message.to == [BOB]
    assert message.subject == "Activate your account"
    link_in(message, "activate")
    # Plain text only.
    assert not isinstance(message, mail.EmailMultiAlternatives) or message.alternatives == []


def test_an_address_not_activated_cannot_log_in(api_client, signed_up):
    # There is no account yet: the answer is the one for a wrong password.
    not_activated = login(api_client, identifier=BOB_LOGIN)
    wrong_password = login(api_client, "not-the-password", identifier=BOB_LOGIN)

    assert not_activated.status_code == 401
    assert not_activated.json() == wrong_password.json()


def test_the_activation_link_opens_the_account_with_the_password_chosen(api_client, signed_up):
    response = activate(api_client, signed_up, NEW_PASSWORD)

    assert response.status_code == 204
    bob = User.objects.get(email=BOB)
    assert bob.is_active
    assert getattr(bob, LOGIN_FIELD) == BOB_LOGIN
    assert login(api_client, NEW_PASSWORD, identifier=BOB_LOGIN).status_code == 200


def test_an_activation_link_used_again_is_refused(api_client, signed_up):
    assert activate(api_client, signed_up).status_code == 204

    response = activate(api_client, signed_up, NEW_PASSWORD)

    assert (response.status_code, response.json()) == (400, INVALID_LINK)
    assert login(api_client, NEW_PASSWORD, identifier=BOB_LOGIN).status_code == 401


def test_an_expired_sign_up_is_deleted_as_new_ones_are_made(api_client, signed_up):
    later = datetime.now(tz=UTC) + timedelta(seconds=settings.ACCOUNT_LINK_TIMEOUT + 1)
    with time_machine.travel(later):
        sign_up(api_client, login_of("carol"), "carol@example.com")

    assert list(SignUp.objects.values_list("email", flat=True)) == ["carol@example.com"]


def test_a_tampered_activation_link_is_refused(api_client, signed_up):
    token = signed_up["token"]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    response = activate(api_client, {"token": tampered})

    assert (response.status_code, response.json()) == (400, INVALID_LINK)
    assert not User.objects.exists()


def test_an_account_an_admin_deactivated_gets_no_activation_link(api_client, user, outbox):
    user.is_active = False
    user.save()

    sign_up(api_client, login_of("alice2"), "alice@example.com")

    assert [message.subject for message in outbox] == [
        "Someone tried to sign up with your address",
    ]
    assert not any(LINK.search(str(message.body)) for message in outbox)


def test_an_expired_activation_link_is_refused(api_client, signed_up):
    later = datetime.now(tz=UTC) + timedelta(seconds=settings.ACCOUNT_LINK_TIMEOUT + 1)
    with time_machine.travel(later):
        response = activate(api_client, signed_up)

    assert (response.status_code, response.json()) == (400, INVALID_LINK)
    assert not User.objects.exists()


def test_a_password_is_taken_as_typed(api_client, signed_up):
    spaced = "  a passphrase with spaces around  "
    activate(api_client, signed_up, spaced)

    assert login(api_client, spaced, identifier=BOB_LOGIN).status_code == 200
    assert login(api_client, spaced.strip(), identifier=BOB_LOGIN).status_code == 401


@pytest.mark.parametrize("weak", ["short", "password123", "12345678901", "bob@example.com"])
def test_a_password_the_validators_refuse_is_a_bad_request_and_keeps_the_link(
    api_client, signed_up, weak
):
    response = activate(api_client, signed_up, weak)

    assert response.status_code == 400
    assert set(response.json()) == {"password"}
    assert not User.objects.exists()
    assert activate(api_client, signed_up).status_code == 204


@pytest.mark.parametrize("email", ["", "not-an-address", None, 42])
def test_a_sign_up_without_a_valid_address_is_a_bad_request(api_client, outbox, email):
    response = sign_up(api_client, BOB_LOGIN, email)

    assert response.status_code == 400
    assert "email" in response.json()
    assert outbox == []


def test_an_address_is_kept_in_one_form_whatever_its_letter_case(api_client, outbox):
    sign_up(api_client, BOB_LOGIN, "Bob@EXAMPLE.com")
    activate(api_client, link_in(outbox[0], "activate"))

    assert User.objects.get().email == BOB
    assert outbox[0].to == [BOB]


# No enumeration: a taken address answers as a new one


def test_a_taken_address_answers_as_a_new_one_and_mails_its_owner(api_client, user, outbox):
    new = sign_up(api_client, BOB_LOGIN, BOB)
    outbox.clear()

    taken = sign_up(api_client, BOB_LOGIN, "ALICE@example.com")

    assert (taken.status_code, taken.content) == (new.status_code, new.content)
    assert User.objects.count() == 1
    # The sign-up is recorded all the same (its link never mailed), so both take as long.
    assert SignUp.objects.filter(email="alice@example.com").exists()
    # The owner hears of it, in the one mail the new account would have had.
    [message] = outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Someone tried to sign up with your address"
    assert not LINK.search(str(message.body))


def test_a_later_sign_up_replaces_an_earlier_one(api_client, signed_up, outbox):
    sign_up(api_client, BOB_LOGIN, BOB)
    later = link_in(outbox[0], "activate")

    assert activate(api_client, signed_up).status_code == 400
    assert activate(api_client, later).status_code == 204


# A new activation mail: a new sign-up


def test_signing_up_again_mails_a_new_link_and_the_earlier_one_dies(api_client, signed_up, outbox):
    response = sign_up(api_client, BOB_LOGIN, BOB.upper())

    assert (response.status_code, response.json()) == (202, MAIL_SENT)
    [message] = outbox
    assert message.to == [BOB]
    assert activate(api_client, signed_up).status_code == 400
    assert activate(api_client, link_in(message, "activate")).status_code == 204


# Password reset


def test_reset_mails_a_link_that_sets_the_new_password(api_client, user, outbox):
    response = api_client.post(RESET_URL, {"email": "Alice@Example.com"})

    assert (response.status_code, response.json()) == (202, MAIL_SENT)
    [message] = outbox
    assert message.to == ["alice@example.com"]
    link = link_in(message, "reset-password")
    confirmed = api_client.post(RESET_CONFIRM_URL, link | {"new_password": NEW_PASSWORD})
    assert confirmed.status_code == 204
    assert login(api_client, NEW_PASSWORD).status_code == 200
    assert login(api_client, PASSWORD).status_code == 401


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_reset_by_the_address_finds_an_account_made_with_another_spelling_of_it(
    api_client, outbox, address, canonical
):
    # An admin's shell, a data migration: create_user keeps the address in its one form.
    User.objects.create_user(**account(address), password=PASSWORD)

    api_client.post(RESET_URL, {"email": canonical})

    [message] = outbox
    assert message.to == [canonical]
    assert link_in(message, "reset-password")


@pytest.mark.parametrize(
    "email",
    [BOB, "nobody@example.com", "deactivated@example.com"],
    ids=["not-activated", "unknown", "deactivated"],
)
def test_an_address_with_no_link_to_send_answers_as_one_with_a_link(
    api_client, user, signed_up, outbox, email
):
    User.objects.create_user(
        **{LOGIN_FIELD: login_of("deactivated"), "email": "deactivated@example.com"},
        password=PASSWORD,
        is_active=False,
    )
    expected = api_client.post(RESET_URL, {"email": "alice@example.com"})
    assert LINK.search(str(outbox[0].body))
    outbox.clear()

    response = api_client.post(RESET_URL, {"email": email})

    assert (response.status_code, response.content) == (expected.status_code, expected.content)
    # It gets a mail all the same, saying why there is no link; and a link is made all the
    # same (never mailed), so that both answers take as long.
    [message] = outbox
    assert message.to == [email]
    assert message.subject == "About your password reset"
    assert not LINK.search(str(message.body))
    assert PasswordReset.objects.filter(email=email).count() == 1


@pytest.fixture
def reset_link(api_client, user, outbox) -> dict[str, str]:
    api_client.post(RESET_URL, {"email": "alice@example.com"})
    return link_in(outbox[0], "reset-password")


def test_a_reset_link_dies_once_used(api_client, reset_link):
    first = api_client.post(RESET_CONFIRM_URL, reset_link | {"new_password": NEW_PASSWORD})
    again = api_client.post(RESET_CONFIRM_URL, reset_link | {"new_password": "yet-another-pass"})

    assert (first.status_code, again.status_code) == (204, 400)
    assert login(api_client, NEW_PASSWORD).status_code == 200


def test_a_reset_link_dies_once_the_password_changed(api_client, user, reset_link):
    user.set_password("changed-another-way")
    user.save()

    response = api_client.post(RESET_CONFIRM_URL, reset_link | {"new_password": NEW_PASSWORD})

    assert (response.status_code, response.json()) == (400, INVALID_LINK)
    assert login(api_client, "changed-another-way").status_code == 200


def test_a_reset_link_dies_once_the_address_changed(api_client, user, reset_link):
    user.email = "alice@elsewhere.example"
    user.save()

    response = api_client.post(RESET_CONFIRM_URL, reset_link | {"new_password": NEW_PASSWORD})

    assert (response.status_code, response.json()) == (400, INVALID_LINK)


def test_a_reset_link_dies_once_another_is_used(api_client, user, outbox, reset_link):
    api_client.post(RESET_URL, {"email": "alice@example.com"})
    second = link_in(outbox[-1], "reset-password")
    assert (
        api_client.post(RESET_CONFIRM_URL, second | {"new_password": NEW_PASSWORD}).status_code
        == 204
    )

    response = api_client.post(
        RESET_CONFIRM_URL, reset_link | {"new_password": "yet-another-pass"}
    )

    assert (response.status_code, response.json()) == (400, INVALID_LINK)


def test_an_expired_reset_link_is_refused(api_client, reset_link):
    later = datetime.now(tz=UTC) + timedelta(seconds=settings.ACCOUNT_LINK_TIMEOUT + 1)
    with time_machine.travel(later):
        response = api_client.post(RESET_CONFIRM_URL, reset_link | {"new_password": NEW_PASSWORD})

    assert response.status_code == 400
    assert login(api_client, PASSWORD).status_code == 200


def test_a_reset_to_a_weak_password_is_refused(api_client, reset_link):
    response = api_client.post(RESET_CONFIRM_URL, reset_link | {"new_password": "password"})

    assert response.status_code == 400
    assert set(response.json()) == {"new_password"}
    assert login(api_client, PASSWORD).status_code == 200


def test_a_reset_ends_every_refresh_token_issued_before(api_client, tokens, reset_link):
    api_client.post(RESET_CONFIRM_URL, reset_link | {"new_password": NEW_PASSWORD})

    assert refresh_with(api_client, tokens["refresh"]).status_code == 401


def test_the_public_endpoints_ignore_a_stale_access_token(api_client, user, outbox):
    api_client.credentials(**bearer("not-a-token"))

    assert api_client.post(RESET_URL, {"email": "alice@example.com"}).status_code == 202


# Security events


def test_each_step_is_a_security_event_without_its_link_or_password(
    api_client, user, outbox, log_records
):
    sign_up(api_client, BOB_LOGIN, BOB)
    link = link_in(outbox[-1], "activate")
    activate(api_client, link, NEW_PASSWORD)
    sign_up(api_client, BOB_LOGIN, "alice@example.com")
    api_client.post(RESET_URL, {"email": "alice@example.com"})
    reset = link_in(outbox[-1], "reset-password")
    api_client.post(RESET_CONFIRM_URL, reset | {"new_password": NEW_PASSWORD})
    api_client.post(RESET_URL, {"email": "nobody@example.com"})

    bob = User.objects.get(email=BOB)
    recorded = [
        (record.event, getattr(record, "user_id", None), getattr(record, "reason", None))
        for record in log_records
        if hasattr(record, "event")
    ]
    assert recorded == [
        (events.Event.SIGNUP, None, None),
        (events.Event.ACCOUNT_ACTIVATED, str(bob.pk), None),
        (events.Event.SIGNUP, str(user.pk), "taken"),
        (events.Event.PASSWORD_RESET_REQUESTED, str(user.pk), None),
        (events.Event.PASSWORD_RESET_COMPLETED, str(user.pk), None),
        (events.Event.PASSWORD_RESET_REQUESTED, None, "no_account"),
    ]
    secrets = [link["token"], reset["token"], NEW_PASSWORD]
    assert not any(
        secret in str(value)
        for record in log_records
        for value in vars(record).values()
        for secret in secrets
    )


# Limits: per client address, and per recipient (email bombing)


def test_mails_to_one_address_are_limited_whatever_the_client(api_client, db, outbox):
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["mail_recipient"].split("/")[0])
    urls = [SIGNUP_URL, RESET_URL]
    # One mailbox, spelt another way each time.
    spellings = ["victim@example.com", "Victim@Example.COM", "VICTIM@EXAMPLE.com"]
    answers = [
        api_client.post(
            urls[n % 2],
            {"email": spellings[n % 3], "username": f"v{n}"},
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        ).status_code
        for n in range(rate + 1)
    ]

    assert answers == [202] * rate + [429]
    assert len(outbox) == rate


def test_mails_from_one_client_are_limited_whatever_the_address(api_client, db, outbox):
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["mail"].split("/")[0])
    answers = [
        api_client.post(RESET_URL, {"email": f"user{n}@example.com"}).status_code
        for n in range(rate + 1)
    ]

    assert answers == [202] * rate + [429]
    assert len(outbox) == rate


def test_mail_endpoints_fail_closed_while_the_cache_is_unreachable(
    api_client, db, outbox, redis_unreachable
):
    response = api_client.post(RESET_URL, {"email": "alice@example.com"})

    assert response.status_code == 503
    assert outbox == []


@pytest.fixture
def queued(settings):
    """Mail tasks kept in the database, as in production, for a test to run by hand."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAIL_ATTEMPTS = 2


def test_a_sent_mail_leaves_nothing_behind(api_client, outbox):
    sign_up(api_client, "bob", BOB)
    assert len(outbox) == 1
    assert not Mail.objects.exists()


def test_the_task_table_never_holds_the_link(queued, outbox):
    emails.send("password_reset", BOB, link=emails.reset_link("the-secret-token"))
    (mail_row,) = Mail.objects.all()
    (task_row,) = DBTaskResult.objects.all()
    assert task_row.args_kwargs == {"args": [mail_row.pk], "kwargs": {}}
    assert "the-secret-token" in mail_row.context["link"]
    emails.deliver.call(mail_row.pk)
    assert "/reset-password/the-secret-token" in outbox[0].body
    assert not Mail.objects.exists()


def test_a_mail_the_server_refuses_is_tried_again_later_and_then_sent(queued, outbox, caplog):
    emails.send("no_account", BOB)
    mail_row = Mail.objects.get()
    refused = ConnectionRefusedError(111, "Connection refused")
    with (
        mock.patch.object(mail.EmailMessage, "send", side_effect=refused),
        pytest.raises(ConnectionRefusedError),
    ):
        emails.deliver.call(mail_row.pk)
    retry = DBTaskResult.objects.order_by("enqueued_at").last()
    assert retry is not None
    assert retry.args_kwargs["args"] == [mail_row.pk]
    expected = timezone.now() + timedelta(seconds=settings.MAIL_RETRY_DELAY)
    assert retry.run_after is not None
    assert abs(retry.run_after - expected) < timedelta(seconds=5)
    mail_row.refresh_from_db()
    assert (mail_row.attempts, mail_row.failed) == (1, None)
    assert "ConnectionRefusedError" in mail_row.error
    assert [r.event for r in caplog.records if hasattr(r, "event")] == ["mail.failed"]
    emails.deliver.call(mail_row.pk)
    assert outbox[0].to == [BOB]
    assert not Mail.objects.exists()


def test_a_mail_that_fails_every_attempt_is_kept_without_its_link(queued, outbox, caplog):
    emails.send("activation", BOB, link=emails.activation_link("the-secret-token"))
    mail_row = Mail.objects.get()
    refused = ConnectionRefusedError(111, "Connection refused")
    with mock.patch.object(mail.EmailMessage, "send", side_effect=refused):
        for _attempt in range(settings.MAIL_ATTEMPTS):
            with pytest.raises(ConnectionRefusedError):
                emails.deliver.call(mail_row.pk)
    # One task per attempt, none after the last.
    assert DBTaskResult.objects.count() == settings.MAIL_ATTEMPTS
    mail_row.refresh_from_db()
    assert mail_row.attempts == settings.MAIL_ATTEMPTS
    assert mail_row.failed is not None
    assert mail_row.context == {}
    assert "the-secret-token" not in json.dumps(list(DBTaskResult.objects.values()), default=str)
    reasons = [r.reason for r in caplog.records if getattr(r, "event", None) == "mail.failed"]
    assert reasons == ["retrying", "given_up"]
    emails.deliver.call(mail_row.pk)  # a task run again sends no mail given up on
    assert outbox == []


def test_a_mail_whose_worker_died_is_enqueued_again_once_overdue(queued, outbox):
    start = datetime(2030, 1, 1, tzinfo=UTC)
    late = timedelta(seconds=settings.MAIL_REQUEUE_AFTER)
    with time_machine.travel(start, tick=False) as traveller:
        emails.send("no_account", BOB)
        mail_row = Mail.objects.get()
        # Its task is taken and the worker killed mid-send: the task stays RUNNING for good.
        DBTaskResult.objects.update(status="RUNNING")
        traveller.shift(late)
        assert emails.requeue_overdue() == 0  # a send may still be under way
        traveller.shift(timedelta(seconds=1))
        assert emails.requeue_overdue() == 1
        assert emails.requeue_overdue() == 0  # enqueued again just now
        (_dead, again) = DBTaskResult.objects.order_by("enqueued_at")
        assert (again.status, again.args_kwargs["args"]) == ("READY", [mail_row.pk])
        emails.deliver.call(mail_row.pk)
    assert [sent.to for sent in outbox] == [[BOB]]
    assert not Mail.objects.exists()


def test_a_mail_waiting_for_its_retry_or_given_up_is_not_enqueued_again(queued, outbox):
    refused = ConnectionRefusedError(111, "Connection refused")
    late = timedelta(seconds=settings.MAIL_REQUEUE_AFTER + 1)
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        emails.send("no_account", BOB)
        mail_row = Mail.objects.get()
        with (
            mock.patch.object(mail.EmailMessage, "send", side_effect=refused),
            pytest.raises(ConnectionRefusedError),
        ):
            emails.deliver.call(mail_row.pk)
        # Overdue counts from the retry's time, not from the mail's first task.
        traveller.shift(late)
        assert emails.requeue_overdue() == 0
        traveller.shift(timedelta(seconds=settings.MAIL_RETRY_DELAY))
        assert emails.requeue_overdue() == 1
        with (
            mock.patch.object(mail.EmailMessage, "send", side_effect=refused),
            pytest.raises(ConnectionRefusedError),
        ):
            emails.deliver.call(mail_row.pk)  # the last of MAIL_ATTEMPTS (2): given up
        traveller.shift(timedelta(days=1))
        assert emails.requeue_overdue() == 0
    assert outbox == []


def test_the_requeue_command_reports_what_it_enqueued(queued, db, capsys):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        emails.send("no_account", BOB)
        traveller.shift(timedelta(seconds=settings.MAIL_REQUEUE_AFTER + 1))
        call_command("requeue_mail")
    assert capsys.readouterr().out == "Enqueued 1 overdue mail(s) again.\n"
