"""The account flows as an attacker uses them (docs/security.md, "Accounts: the attacker's view"):
each test is one abuse, and the answer that stops it.

Mails stay in memory: `outbox` holds those a test sent.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from .helpers import PASSWORD, credentials, login_of
from .registration import (
    ACTIVATION_URL,
    LINK,
    RESET_CONFIRM_URL,
    RESET_URL,
    SIGNUP_URL,
    activate,
    link_in,
    sign_up,
)

User = get_user_model()

LOGIN_URL = reverse("token_obtain_pair")
VICTIM = "victim@example.com"
VICTIM_LOGIN = login_of("victim")
ATTACKER_PASSWORD = "the-attackers-own-passphrase"


@pytest.fixture
def outbox(db, mailoutbox):
    """pytest-django's `mailoutbox`, once the test database exists (its set-up replaces it)."""
    return mailoutbox


def log_in(client, identifier: str, password: str) -> int:
    return client.post(LOGIN_URL, credentials(identifier, password)).status_code


# Enumeration: no answer, link or id tells whether an address has an account


def test_unknown_tampered_and_used_links_get_one_answer(api_client, outbox):
    sign_up(api_client, VICTIM_LOGIN, VICTIM)
    link = link_in(outbox[-1], "activate")
    tampered = {key: value[:-2] + "xx" for key, value in link.items()}
    unknown = {key: "A" + value[1:] for key, value in link.items()}
    first = [api_client.post(ACTIVATION_URL, body) for body in (tampered, unknown)]
    assert activate(api_client, link).status_code == 204
    used = api_client.post(ACTIVATION_URL, link)

    answers = {(answer.status_code, answer.content) for answer in [*first, used]}
    assert len(answers) == 1, answers
    assert answers.pop()[0] == 400


def test_a_link_carries_no_account_id(api_client, outbox):
    sign_up(api_client, VICTIM_LOGIN, VICTIM)
    body = str(outbox[-1].body)

    found = LINK.search(body)
    assert found is not None
    # One opaque segment: nothing in it names or counts accounts (as a primary key would).
    assert "/" not in found["rest"]
    assert len(found["rest"]) >= 40


def test_a_sign_up_opens_no_account_until_its_link_is_followed(api_client, outbox):
    # Accounts made at sign-up would number the addresses tried: sign up yourself, the target,
    # yourself again, and the gap between your two ids says whether the target was free.
    sign_up(api_client, VICTIM_LOGIN, VICTIM)

    assert User.objects.count() == 0


# Mail bombing: one mailbox, one limit


@pytest.mark.parametrize(
    "variant",
    [
        "victim@exam\u00adple.com",  # soft hyphen: IDNA maps it away
        "victim@exa\u200bmple.com",  # zero-width space
        "victim@example\u2060.com",  # word joiner
        '"victim"@example.com',  # a quoted local part delivers to victim@
        "victim@EXAMPLE.com\ufe0f",
        "\u017fam@example.com",  # long s: NFKC makes it "s"
        "\u212aim@example.com",  # Kelvin sign: NFKC makes it "K"
    ],
)
@pytest.mark.parametrize("url", [SIGNUP_URL, RESET_URL])
def test_an_address_with_another_form_of_one_mailbox_is_refused(api_client, outbox, url, variant):
    # Each would be another string for the victim's mailbox: another counter of the mail limit,
    # or, beside a taken address, a sign-up the database's LOWER() and UPPER() disagree on.
    response = api_client.post(url, {"username": "victim2", "email": variant})

    assert response.status_code == 400
    assert set(response.json()) == {"email"}
    assert outbox == []


@pytest.mark.parametrize("url", [SIGNUP_URL, RESET_URL, ACTIVATION_URL, RESET_CONFIRM_URL])
@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
)
def test_a_cross_site_form_is_refused(api_client, outbox, url, content_type):
    # What an HTML form on any site posts without a CORS preflight: the account endpoints read
    # JSON only, so a page elsewhere cannot send sign-ups or reset mails from its visitors.
    body = f"email={VICTIM}&username=victim&token=x&password={PASSWORD}"

    response = api_client.generic("POST", url, body, content_type=content_type)

    assert response.status_code == 415
    assert outbox == []


# Hijacks: a link, a deactivation, a sign-up made before the owner's


def test_an_activation_link_is_no_reset_link(api_client, outbox):
    sign_up(api_client, VICTIM_LOGIN, VICTIM)
    link = link_in(outbox[-1], "activate")
    before = api_client.post(RESET_CONFIRM_URL, link | {"new_password": ATTACKER_PASSWORD})
    assert activate(api_client, link).status_code == 204
    after = api_client.post(RESET_CONFIRM_URL, link | {"new_password": ATTACKER_PASSWORD})

    assert (before.status_code, after.status_code) == (400, 400)
    assert log_in(api_client, VICTIM_LOGIN, ATTACKER_PASSWORD) == 401


def admin_makes_active(email: str) -> None:
    """An admin activates the account of `email` by hand, opening it if need be."""
    updated = User.objects.filter(email=email).update(is_active=True)
    if not updated:
        User.objects.create_user(
            **{"email": email, User.USERNAME_FIELD: login_of("victim")}, password=PASSWORD
        )


def test_an_account_an_admin_deactivated_stays_so_whatever_links_are_asked_for(api_client, outbox):
    sign_up(api_client, VICTIM_LOGIN, VICTIM)
    early_link = link_in(outbox[-1], "activate")
    admin_makes_active(VICTIM)
    User.objects.filter(email=VICTIM).update(is_active=False)

    sign_up(api_client, VICTIM_LOGIN, VICTIM)
    links = [early_link] + [
        link_in(message, "activate") for message in outbox[1:] if LINK.search(str(message.body))
    ]
    for link in links:
        activate(api_client, link)

    assert not User.objects.get(email=VICTIM).is_active


def test_a_sign_up_made_before_the_owners_cannot_take_the_account(api_client, outbox):
    # The attacker signs the victim's address up with a password of their own, before the victim.
    sign_up(api_client, VICTIM_LOGIN, VICTIM, ATTACKER_PASSWORD)
    attackers_mail = outbox[-1]
    # The victim signs up, and follows the newest link the mailbox holds (or the older one).
    sign_up(api_client, VICTIM_LOGIN, VICTIM, PASSWORD)
    for message in reversed(outbox):
        if LINK.search(str(message.body)):
            activate(api_client, link_in(message, "activate"), PASSWORD)
            break
    else:
        activate(api_client, link_in(attackers_mail, "activate"), PASSWORD)

    assert log_in(api_client, VICTIM_LOGIN, ATTACKER_PASSWORD) == 401
    assert log_in(api_client, VICTIM_LOGIN, PASSWORD) == 200


# Malformed bodies: a 4xx, never a 500


@pytest.mark.parametrize(
    "body",
    [
        {"uid": 1, "token": 1, "password": PASSWORD, "new_password": PASSWORD},
        {"uid": [1], "token": ["x"], "password": PASSWORD, "new_password": PASSWORD},
        {"uid": None, "token": None, "password": None, "new_password": None},
        {"uid": {"a": 1}, "token": {"a": 1}},
        [],
        1,
        "token",
    ],
)
@pytest.mark.parametrize("url", [ACTIVATION_URL, RESET_CONFIRM_URL, SIGNUP_URL, RESET_URL])
def test_a_malformed_body_is_a_client_error(api_client, outbox, url, body):
    response = api_client.post(url, body, format="json")

    assert 400 <= response.status_code < 500, response.content
