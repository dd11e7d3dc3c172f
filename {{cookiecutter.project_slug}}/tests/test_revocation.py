"""Tokens die with the account: a deleted or deactivated user, or a changed password, ends them.

Access tokens are refused at the next API call, refresh tokens at the next refresh, so a stolen
pair is worthless once the user changes their password or an admin deactivates the account.
"""

import pytest
from django.urls import reverse

from .helpers import bearer

API_URL = reverse("subscriber-list")
REFRESH_URL = reverse("token_refresh")


def delete(user) -> None:
    user.delete()


def deactivate(user) -> None:
    user.is_active = False
    user.save()


def change_password(user) -> None:
    user.set_password("a-brand-new-passphrase")
    user.save()


ACCOUNT_CHANGES = [delete, deactivate, change_password]


@pytest.mark.parametrize("account_change", ACCOUNT_CHANGES)
def test_access_token_is_refused_after(api_client, user, tokens, account_change):
    account_change(user)

    response = api_client.get(API_URL, **bearer(tokens["access"]))

    assert response.status_code == 401


@pytest.mark.parametrize("account_change", ACCOUNT_CHANGES)
def test_refresh_token_is_refused_after(api_client, user, tokens, account_change):
    account_change(user)

    response = api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]})

    assert response.status_code == 401
    assert "access" not in response.json()


def test_tokens_issued_after_a_password_change_work(api_client, user, obtain_tokens):
    obtain_tokens()
    change_password(user)

    fresh = obtain_tokens(password="a-brand-new-passphrase")

    assert api_client.get(API_URL, **bearer(fresh["access"])).status_code == 200
    assert api_client.post(REFRESH_URL, {"refresh": fresh["refresh"]}).status_code == 200


def test_saving_the_user_without_a_password_change_keeps_tokens_valid(api_client, user, tokens):
    user.email = "alice@example.org"
    user.save()

    assert api_client.get(API_URL, **bearer(tokens["access"])).status_code == 200
    assert api_client.post(REFRESH_URL, {"refresh": tokens["refresh"]}).status_code == 200
