"""Refresh tokens die with the account: a deleted or deactivated user, or a changed password,
ends them at the next refresh, so a stolen refresh token is worthless once the user changes their
password or an admin deactivates the account. (What happens to access tokens depends on how API
calls authenticate, and is tested with the authentication.)
"""

import pytest
from django.urls import reverse

from .helpers import ACCOUNT_CHANGES, bearer, change_password, claims_of, refresh_with, sign

API_URL = reverse("subscriber-list")


@pytest.mark.parametrize("account_change", ACCOUNT_CHANGES)
def test_refresh_token_is_refused_after(api_client, user, tokens, account_change):
    account_change(user)

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 401
    assert "access" not in response.json()


@pytest.mark.parametrize("user_id", ["not-a-number", 10**30, [1], None])
def test_signed_refresh_token_whose_user_id_cannot_be_one_is_refused(api_client, tokens, user_id):
    claims = claims_of(tokens["refresh"]) | {"sub": user_id}

    response = refresh_with(api_client, sign(claims))

    assert response.status_code == 401


def test_tokens_issued_after_a_password_change_work(api_client, user, obtain_tokens):
    obtain_tokens()
    change_password(user)

    fresh = obtain_tokens(password="a-brand-new-passphrase")

    assert api_client.get(API_URL, **bearer(fresh["access"])).status_code == 200
    assert refresh_with(api_client, fresh["refresh"]).status_code == 200


def test_saving_the_user_without_a_password_change_keeps_tokens_valid(api_client, user, tokens):
    user.email = "alice@example.org"
    user.save()

    assert api_client.get(API_URL, **bearer(tokens["access"])).status_code == 200
    assert refresh_with(api_client, tokens["refresh"]).status_code == 200
