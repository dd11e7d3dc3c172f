"""Sign-up where users log in by username: a taken username gives nothing away, and the email
address, where password resets are mailed, is out of an access token's reach."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.urls import reverse

from .helpers import PASSWORD
from .registration import INVALID_LINK, MAIL_SENT, activate, link_in, sign_up

User = get_user_model()

ME_URL = reverse("user_me")


def test_a_taken_username_answers_as_a_new_one_and_mails_the_address_given(
    api_client, user, mailoutbox
):
    response = api_client.post(
        reverse("user_signup"),
        {"username": "alice", "email": "carol@example.com", "password": PASSWORD},
    )

    assert (response.status_code, response.json()) == (202, MAIL_SENT)
    assert not User.objects.filter(email="carol@example.com").exists()
    [message] = mailoutbox
    assert message.to == ["carol@example.com"]
    assert message.subject == "That username is taken"


def test_the_username_taken_mail_carries_no_text_of_the_senders(api_client, db, mailoutbox):
    # A username may look like an address or a host: sign-up with a taken one must not turn
    # this site's mail into a carrier of someone's message.
    User.objects.create_user("win-at.evil.example", "owner@example.com", PASSWORD)
    api_client.post(
        reverse("user_signup"),
        {"username": "win-at.evil.example", "email": "carol@example.com"},
    )

    [message] = mailoutbox
    assert message.to == ["carol@example.com"]
    assert "evil" not in f"{message.subject}{message.body}"


def test_the_database_holds_one_account_per_address_whatever_its_case(db):
    # Two sign-ups of one address racing to their activation links: the second is refused by
    # the database, whatever the checks before it saw.
    User.objects.create_user("carol", "carol@example.com", PASSWORD)

    with pytest.raises(IntegrityError):
        User.objects.create_user("dave", "Carol@example.com", PASSWORD)


def test_accounts_without_an_address_may_be_many(db):
    User.objects.create_user("carol", "", PASSWORD)
    User.objects.create_user("dave", "", PASSWORD)


def test_two_sign_ups_of_one_address_open_one_account(api_client, db, mailoutbox):
    # Made before either is replaced: two links for one address (as two sign-ups racing).
    sign_up(api_client, "carol", "carol@example.com")
    first = link_in(mailoutbox[-1], "activate")
    User.objects.create_user("dave", "carol@example.com", PASSWORD)

    response = activate(api_client, first)

    assert (response.status_code, response.json()) == (400, INVALID_LINK)
    assert User.objects.filter(email="carol@example.com").count() == 1


def test_patch_leaves_the_email_address_alone(auth_client, user):
    # A stolen access token could move the address, then reset the password (account takeover).
    before = auth_client.get(ME_URL).json()

    response = auth_client.patch(ME_URL, {"email": "mallory@example.com"})

    assert response.status_code == 200
    assert response.json() == before
    user.refresh_from_db()
    assert (user.email, user.is_staff) == ("alice@example.com", False)
