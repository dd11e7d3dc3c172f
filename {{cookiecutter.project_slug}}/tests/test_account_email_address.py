"""Users who log in by username, in a project without sign-up, change their email address through
/api/users/me/. (With sign-up, password resets are mailed to it, and an access token cannot
change it.)"""

from django.urls import reverse

ME_URL = reverse("user_me")


def test_patch_changes_the_email_address(auth_client, user):
    response = auth_client.patch(ME_URL, {"email": "alice@example.org"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email == "alice@example.org"


def test_an_invalid_email_address_is_a_bad_request(auth_client, user):
    response = auth_client.patch(ME_URL, {"email": "not-an-address"})

    assert response.status_code == 400
    assert list(response.json()) == ["email"]
