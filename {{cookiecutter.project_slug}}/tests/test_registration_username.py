"""Sign-up where users log in by username: a taken username gives nothing away, and the email
address, where password resets are mailed, is out of an access token's reach."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from .helpers import PASSWORD
from .registration import MAIL_SENT

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


def test_patch_leaves_the_email_address_alone(auth_client, user):
    # A stolen access token could move the address, then reset the password (account takeover).
    before = auth_client.get(ME_URL).json()

    response = auth_client.patch(ME_URL, {"email": "mallory@example.com"})

    assert response.status_code == 200
    assert response.json() == before
    user.refresh_from_db()
    assert (user.email, user.is_staff) == ("alice@example.com", False)
