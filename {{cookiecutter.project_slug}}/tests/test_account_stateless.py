"""A password change through /api/users/me/password/ with stateless authentication: the access
tokens issued before it keep working until they expire, as after any account change (see
test_stateless_auth.py). Its refresh tokens are refused at once (test_account.py)."""

from django.urls import reverse

from .helpers import PASSWORD, bearer

API_URL = reverse("subscriber-list")


def test_password_change_leaves_the_access_tokens_issued_before_until_they_expire(
    auth_client, api_client, tokens
):
    changed = auth_client.post(
        reverse("user_password"),
        {"current_password": PASSWORD, "new_password": "a-brand-new-passphrase"},
    )
    assert changed.status_code == 200

    response = api_client.get(API_URL, **bearer(tokens["access"]))

    assert response.status_code == 200
