"""manage.py issue_token: tokens for scripts and service accounts, issued without a password."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from {{ cookiecutter.project_slug }}.tokens.conf import token_settings
from {{ cookiecutter.project_slug }}.tokens.tokens import token_backend

from .helpers import bearer, claims_of, refresh_with

SUBSCRIBERS = reverse("subscriber-list")


def issue_token(*args: str) -> str:
    out = io.StringIO()
    call_command("issue_token", *args, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def login(user) -> str:
    return getattr(user, get_user_model().USERNAME_FIELD)


def test_issued_access_token_opens_the_api(api_client, login):
    token = issue_token(login)

    assert api_client.get(SUBSCRIBERS, **bearer(token)).status_code == 200


def test_lifetime_sets_the_expiry(login):
    claims = claims_of(issue_token(login, "--lifetime", "12h"))

    assert claims["exp"] - claims["iat"] == timedelta(hours=12).total_seconds()


@pytest.mark.parametrize("lifetime", ["8d", "30", "1w", "0m", "-1h"])
def test_lifetime_over_the_cap_or_malformed_is_refused(login, lifetime):
    with pytest.raises(CommandError, match="lifetime"):
        issue_token(login, "--lifetime", lifetime)


def test_claims_are_added_and_reserved_ones_refused(login):
    claims = claims_of(issue_token(login, "--claim", "role=reporter", "--claim", "tenant=acme"))

    assert (claims["role"], claims["tenant"]) == ("reporter", "acme")
    for reserved in ["sub=1", "exp=0", "token_type=refresh", "no-equals-sign"]:
        with pytest.raises(CommandError, match="claim"):
            issue_token(login, "--claim", reserved)


def test_token_for_another_audience_is_refused_here(api_client, login):
    token = issue_token(login, "--audience", "orders", "--audience", "billing")

    assert claims_of(token)["aud"] == ["orders", "billing"]
    assert api_client.get(SUBSCRIBERS, **bearer(token)).status_code == 401


def test_token_for_a_neighbour_this_service_also_issues_for_is_refused_here(
    api_client, login, monkeypatch
):
    # JWT_AUDIENCE=<this service>,orders: its tokens are for both, it accepts only its own.
    monkeypatch.setattr(token_backend(), "audience", [*token_settings.AUDIENCE, "orders"])
    for_both = issue_token(login)
    for_orders = issue_token(login, "--audience", "orders")

    assert api_client.get(SUBSCRIBERS, **bearer(for_both)).status_code == 200
    assert api_client.get(SUBSCRIBERS, **bearer(for_orders)).status_code == 401


@pytest.mark.parametrize("claim", ["is_staff=false", "is_superuser=true", "username=root"])
def test_claims_other_services_read_as_the_user_are_refused(login, claim):
    with pytest.raises(CommandError, match="claim"):
        issue_token(login, "--claim", claim)


def test_refresh_flag_issues_a_pair_that_refreshes(api_client, login):
    tokens = json.loads(issue_token(login, "--refresh"))

    assert api_client.get(SUBSCRIBERS, **bearer(tokens["access"])).status_code == 200
    assert refresh_with(api_client, tokens["refresh"]).status_code == 200


@pytest.mark.parametrize("active", [False, None], ids=["inactive", "missing"])
def test_inactive_or_missing_user_gets_no_token(user, login, active):
    if active is None:
        user.delete()
    else:
        user.is_active = active
        user.save()

    with pytest.raises(CommandError, match=r"inactive|No user"):
        issue_token(login)


def test_issuing_is_logged_without_the_token(login, caplog):
    with caplog.at_level(logging.INFO):
        token = issue_token(login, "--claim", "role=reporter")

    assert f"issue_token: access token for user {login}" in caplog.text
    assert "role" in caplog.text
    assert token not in caplog.text
    assert token.split(".")[2] not in caplog.text
