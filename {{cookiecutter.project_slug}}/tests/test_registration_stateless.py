"""A password reset with stateless authentication: the access tokens issued before it keep
working until they expire, as after any account change (see test_stateless_auth.py). Its refresh
tokens are refused at once (test_registration.py)."""

from django.urls import reverse

from .helpers import bearer
from .registration import reset_password


# `tokens` before `mailoutbox`: the database exists before the outbox is handed out (its set-up
# would replace the outbox).
def test_a_reset_leaves_the_access_tokens_issued_before_until_they_expire(
    api_client, tokens, mailoutbox
):
    reset_password(api_client, mailoutbox, "a-brand-new-passphrase")

    response = api_client.get(reverse("subscriber-list"), **bearer(tokens["access"]))

    assert response.status_code == 200
