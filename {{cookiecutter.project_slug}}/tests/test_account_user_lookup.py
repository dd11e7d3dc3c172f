"""A password change through /api/users/me/password/ ends the access tokens issued before it at
once: every API call looks the user up and checks the token's password hash claim."""

from django.urls import reverse

from .helpers import PASSWORD, bearer

API_URL = reverse("subscriber-list")


def test_password_change_ends_the_access_tokens_issued_before(auth_client, api_client, tokens):
    changed = auth_client.post(
        reverse("user_password"),
        {"current_password": PASSWORD, "new_password": "a-brand-new-passphrase"},
    )
    assert changed.status_code == 200

    response = api_client.get(API_URL, **bearer(tokens["access"]))

    assert response.status_code == 401
    assert response.json()["code"] == "password_changed"
