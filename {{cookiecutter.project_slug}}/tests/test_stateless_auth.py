"""Stateless authentication: an API call trusts the access token's claims and queries nothing
to authenticate. The trade-off, stated as tests: a changed account keeps its access token until
that token expires (refresh tokens are refused at once: see test_revocation.py)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIRequestFactory
from rest_framework_simplejwt.models import TokenUser

from {{ cookiecutter.project_slug }}.subscribers.models import Subscriber
from {{ cookiecutter.project_slug }}.tokens.stateless import JWTStatelessUserAuthentication

from .helpers import (
    ACCOUNT_CHANGES,
    ALICE,
    LOGIN_FIELD,
    authenticated_user,
    bearer,
    claims_of,
    refresh_with,
    sign,
)

ACCESS_TOKEN_LIFETIME = timedelta(minutes={{ cookiecutter.access_token_lifetime_minutes | int }})
API_URL = reverse("subscriber-list")


def test_authentication_runs_no_query(user, tokens, django_assert_num_queries):
    request = APIRequestFactory().get(API_URL, **bearer(tokens["access"]))

    with django_assert_num_queries(0):
        authenticated = authenticated_user(JWTStatelessUserAuthentication(), request)

    assert isinstance(authenticated, TokenUser)


def test_an_api_call_costs_only_the_queries_of_its_view(auth_client, django_assert_num_queries):
    subscriber = Subscriber.objects.create(name="Ada", age=29, email="ada@example.com")

    # The subscriber, and nothing for the user.
    with django_assert_num_queries(1):
        response = auth_client.get(reverse("subscriber-detail", args=[subscriber.pk]))

    assert response.status_code == 200


def test_the_user_of_a_request_comes_from_the_token_claims(user, obtain_tokens):
    user.is_staff = True
    user.save()
    access = obtain_tokens()["access"]
    request = APIRequestFactory().get(API_URL, **bearer(access))

    authenticated = authenticated_user(JWTStatelessUserAuthentication(), request)

    assert isinstance(authenticated, TokenUser)
    assert authenticated.is_authenticated
    assert str(authenticated.id) == str(user.pk)
    assert authenticated.username == ALICE
    assert authenticated.is_staff is True


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
@pytest.mark.parametrize("value", ["false", "true", 1, [], None])
def test_a_staff_flag_that_is_not_true_itself_grants_nothing(user, tokens, flag, value):
    token = sign(claims_of(tokens["access"]) | {flag: value})
    request = APIRequestFactory().get(API_URL, **bearer(token))

    authenticated = authenticated_user(JWTStatelessUserAuthentication(), request)

    assert getattr(authenticated, flag) is False


def test_login_writes_the_user_claims_into_both_tokens(user, tokens):
    for token in tokens.values():
        claims = claims_of(token)
        assert claims["sub"] == str(user.pk)
        assert claims["username"] == ALICE
        assert claims["is_staff"] is False


def test_refresh_writes_the_users_current_claims(api_client, user, tokens):
    setattr(user, LOGIN_FIELD, "alice.smith@example.com")
    user.is_staff = True
    user.save()

    response = refresh_with(api_client, tokens["refresh"])

    assert response.status_code == 200
    claims = claims_of(response.json()["access"])
    assert (claims["username"], claims["is_staff"]) == ("alice.smith@example.com", True)


@pytest.mark.parametrize("account_change", ACCOUNT_CHANGES)
def test_access_token_outlives_an_account_change_until_it_expires(
    api_client, user, obtain_tokens, account_change
):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]
        account_change(user)
        assert api_client.get(API_URL, **bearer(access)).status_code == 200

        traveller.shift(ACCESS_TOKEN_LIFETIME)

        assert api_client.get(API_URL, **bearer(access)).status_code == 401
