"""Sign-up, activation and password reset by email (users/registration/).

Mails stay in memory (pytest-django's locmem backend): `outbox` holds those a test sent.
"""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model, hashers
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from djoser.utils import encode_uid

from .helpers import ALICE, LOGIN_FIELD, PASSWORD, bearer, credentials, login_of, refresh_with
from .registration import LINK, MAIL_SENT, link_in

User = get_user_model()

SIGNUP_URL = reverse("user_signup")
ACTIVATION_URL = reverse("user_activation")
RESEND_URL = reverse("user_activation_resend")
RESET_URL = reverse("user_password_reset")
RESET_CONFIRM_URL = reverse("user_password_reset_confirm")
LOGIN_URL = reverse("token_obtain_pair")
BOB = "bob@example.com"
BOB_LOGIN = login_of("bob")
NEW_PASSWORD = "a-brand-new-passphrase"


def sign_up(client, email: str = BOB, password: str = PASSWORD, **extra: str):
    # Bob's login, then his address: one field where users log in by email.
    body = {LOGIN_FIELD: BOB_LOGIN, "email": email, "password": password, **extra}
    return client.post(SIGNUP_URL, body)


def login(client, password: str = PASSWORD, identifier: str = ALICE):
    return client.post(LOGIN_URL, credentials(identifier, password))


@pytest.fixture
def outbox(db, mailoutbox) -> list[mail.EmailMessage]:
    """pytest-django's `mailoutbox`, once the test database exists: the first set-up of the
    database replaces the outbox, and the mails would go to a list the test does not hold."""
    return mailoutbox


@pytest.fixture
def signed_up(api_client, outbox) -> dict[str, str]:
    """Bob signed up: his activation link's uid and token (the outbox is emptied)."""
    assert sign_up(api_client).status_code == 202
    link = link_in(outbox[0], "activate")
    outbox.clear()
    return link


# Sign-up and activation


def test_sign_up_opens_an_inactive_account_and_mails_its_activation_link(api_client, outbox):
    response = sign_up(api_client)

    assert (response.status_code, response.json()) == (202, MAIL_SENT)
    bob = User.objects.get(email=BOB)
    assert not bob.is_active
    assert bob.check_password(PASSWORD)
    [message] = outbox
    assert message.to == [BOB]
    assert message.subject == "Activate your account"
    link_in(message, "activate")
    # Plain text only.
    assert isinstance(message, mail.EmailMultiAlternatives)
    assert message.alternatives == []


def test_an_account_not_activated_cannot_log_in(api_client, signed_up):
    # simplejwt's login authenticates through Django's ModelBackend, which refuses inactive
    # users: the answer is the same as for a wrong password, so it tells nothing either.
    not_activated = login(api_client, identifier=BOB_LOGIN)
    wrong_password = login(api_client, "not-the-password", identifier=BOB_LOGIN)

    assert not_activated.status_code == 401
    assert not_activated.json() == wrong_password.json()


def test_the_activation_link_activates_the_account_and_login_works(api_client, signed_up):
    response = api_client.post(ACTIVATION_URL, signed_up)

    assert response.status_code == 204
    assert User.objects.get(email=BOB).is_active
    assert login(api_client, identifier=BOB_LOGIN).status_code == 200


def test_an_activation_link_used_again_is_refused(api_client, signed_up):
    assert api_client.post(ACTIVATION_URL, signed_up).status_code == 204

    response = api_client.post(ACTIVATION_URL, signed_up)

    assert response.status_code == 403


@pytest.mark.parametrize("part", ["uid", "token"])
def test_a_tampered_activation_link_is_refused(api_client, signed_up, part):
    value = signed_up[part]
    tampered = value[:-1] + ("A" if value[-1] != "A" else "B")

    response = api_client.post(ACTIVATION_URL, signed_up | {part: tampered})

    assert response.status_code == 400
    assert not User.objects.get(email=BOB).is_active


def test_an_account_an_admin_deactivated_cannot_activate_itself(api_client, user, outbox):
    user.is_active = False
    user.save()
    link = {"uid": encode_uid(user.pk), "token": default_token_generator.make_token(user)}

    api_client.post(RESEND_URL, {"email": "alice@example.com"})
    response = api_client.post(ACTIVATION_URL, link)

    # No new link is mailed, and even a valid one is refused.
    [message] = outbox
    assert not LINK.search(str(message.body))
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_active


def test_an_expired_activation_link_is_refused(api_client, signed_up):
    later = datetime.now(tz=UTC) + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    with time_machine.travel(later):
        response = api_client.post(ACTIVATION_URL, signed_up)

    assert response.status_code == 400
    assert not User.objects.get(email=BOB).is_active


def test_a_password_is_taken_as_typed(api_client, outbox, db):
    spaced = "  a passphrase with spaces around  "
    sign_up(api_client, password=spaced)
    api_client.post(ACTIVATION_URL, link_in(outbox[0], "activate"))

    assert login(api_client, spaced, identifier=BOB_LOGIN).status_code == 200
    assert login(api_client, spaced.strip(), identifier=BOB_LOGIN).status_code == 401


@pytest.mark.parametrize("weak", ["short", "password123", "12345678901"])
def test_a_password_the_validators_refuse_is_a_bad_request(api_client, outbox, db, weak):
    response = sign_up(api_client, password=weak)

    assert response.status_code == 400
    assert set(response.json()) == {"password"}
    assert not User.objects.filter(email=BOB).exists()
    assert outbox == []


@pytest.mark.parametrize("email", ["", "not-an-address", None])
def test_a_sign_up_without_a_valid_address_is_a_bad_request(api_client, db, email):
    response = sign_up(api_client, email=email)

    assert response.status_code == 400
    assert "email" in response.json()


# No enumeration: a taken address answers as a new one, and does the same work


def counting_password_hashes():
    """Patches the password hasher to count the hashes it makes (as a mock's `call_count`)."""
    hasher = type(hashers.get_hasher())
    return mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode)


def test_a_taken_address_answers_as_a_new_one_and_mails_its_owner(api_client, user, outbox):
    with counting_password_hashes() as new_hashes:
        new = sign_up(api_client, BOB)
    outbox.clear()
    with counting_password_hashes() as taken_hashes:
        taken = sign_up(api_client, "ALICE@example.com")

    assert (taken.status_code, taken.content) == (new.status_code, new.content)
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
    # The owner hears of it, in the one mail the new account would have had.
    [message] = outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Someone tried to sign up with your address"
    # And the password is hashed as an account's is, so that both answers take as long.
    assert taken_hashes.call_count == new_hashes.call_count == 1


# A new activation mail


def test_resend_mails_a_new_activation_link_to_an_account_not_activated(
    api_client, signed_up, outbox
):
    response = api_client.post(RESEND_URL, {"email": BOB.upper()})

    assert (response.status_code, response.json()) == (202, MAIL_SENT)
    [message] = outbox
    assert message.to == [BOB]
    assert api_client.post(ACTIVATION_URL, link_in(message, "activate")).status_code == 204


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


@pytest.mark.parametrize(
    ("url", "with_link", "email", "subject"),
    [
        (RESEND_URL, BOB, "alice@example.com", "About your activation mail"),
        (RESEND_URL, BOB, "nobody@example.com", "About your activation mail"),
        (RESET_URL, "alice@example.com", BOB, "About your password reset"),
        (RESET_URL, "alice@example.com", "nobody@example.com", "About your password reset"),
    ],
    ids=["resend-active", "resend-unknown", "reset-not-activated", "reset-unknown"],
)
def test_an_address_with_no_link_to_send_answers_as_one_with_a_link(
    api_client, user, signed_up, outbox, url, with_link, email, subject
):
    expected = api_client.post(url, {"email": with_link})
    assert LINK.search(str(outbox[0].body))
    outbox.clear()

    response = api_client.post(url, {"email": email})

    assert (response.status_code, response.content) == (expected.status_code, expected.content)
    # It gets a mail all the same (the same work, so the same time), saying why there is no link.
    [message] = outbox
    assert message.to == [email]
    assert message.subject == subject
    assert not LINK.search(str(message.body))


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

    assert response.status_code == 400
    assert login(api_client, "changed-another-way").status_code == 200


def test_an_expired_reset_link_is_refused(api_client, reset_link):
    later = datetime.now(tz=UTC) + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
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


# Limits: per client address, and per recipient (email bombing)


def test_mails_to_one_address_are_limited_whatever_the_client(api_client, db, outbox):
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["mail_recipient"].split("/")[0])
    urls = [SIGNUP_URL, RESEND_URL, RESET_URL]
    answers = [
        api_client.post(
            urls[n % 3],
            {"email": "victim@example.com", "password": PASSWORD, "username": f"v{n}"},
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
