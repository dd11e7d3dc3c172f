"""A password reset ends the access tokens issued before it at once: every API call looks the
user up and checks the token's password hash claim."""

from django.urls import reverse

from .helpers import bearer
from .registration import reset_password


# `tokens` before `mailoutbox`: the database exists before the outbox is handed out (its set-up
# would replace the outbox).
def test_a_reset_ends_the_access_tokens_issued_before(api_client, tokens, mailoutbox):
    reset_password(api_client, mailoutbox, "a-brand-new-passphrase")

    response = api_client.get(reverse("subscriber-list"), **bearer(tokens["access"]))

    assert response.status_code == 401
    assert response.json()["code"] == "password_changed"
