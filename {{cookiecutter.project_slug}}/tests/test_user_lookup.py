"""Every API call loads its user from the database, so a changed account ends its access tokens
at once: one query per call buys that."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from {{ cookiecutter.project_slug }}.subscribers.models import Subscriber
from {{ cookiecutter.project_slug }}.tokens.authentication import JWTAuthentication

from .helpers import ACCOUNT_CHANGES, authenticated_user, bearer, claims_of, sign

API_URL = reverse("subscriber-list")


@pytest.mark.parametrize("account_change", ACCOUNT_CHANGES)
def test_access_token_is_refused_after(api_client, user, tokens, account_change):
    # Used once before: this worker keeps it as verified (tokens/verified.py), yet the user
    # lookup still runs on every call.
    assert api_client.get(API_URL, **bearer(tokens["access"])).status_code == 200
    account_change(user)

    response = api_client.get(API_URL, **bearer(tokens["access"]))

    assert response.status_code == 401


def test_authentication_loads_the_user_with_one_query(user, tokens, django_assert_num_queries):
    request = APIRequestFactory().get(API_URL, **bearer(tokens["access"]))

    with django_assert_num_queries(1):
        authenticated = authenticated_user(JWTAuthentication(), request)

    assert isinstance(authenticated, get_user_model())
    assert authenticated == user


def test_an_api_call_costs_one_query_more_than_its_view(auth_client, django_assert_num_queries):
    subscriber = Subscriber.objects.create(name="Ada", age=29, email="ada@example.com")

    # The user, then the subscriber.
    with django_assert_num_queries(2):
        response = auth_client.get(reverse("subscriber-detail", args=[subscriber.pk]))

    assert response.status_code == 200


def test_the_signed_in_account_is_the_row_authentication_loaded(
    auth_client, user, django_assert_num_queries
):
    # The view answers from request.user: nothing loads the same row a second time.
    with django_assert_num_queries(1):
        response = auth_client.get(reverse("user_me"))

    assert response.status_code == 200
    assert response.json()["id"] == user.pk


@pytest.mark.parametrize(
    ("user_id", "code"),
    [
        *[(text, "user_not_found") for text in ["not-a-number", str(10**30), str(-(10**30)), ""]],
        # RFC 7519 makes `sub` a string: PyJWT refuses the token before any user is looked up.
        *[(value, "token_not_valid") for value in [10**30, [1], None]],
    ],
)
def test_a_signed_token_whose_user_id_cannot_be_one_is_refused(api_client, tokens, user_id, code):
    # Only a holder of the signing key could mint these: still a 401, never a 500.
    claims = claims_of(tokens["access"]) | {"sub": user_id}

    response = api_client.get(API_URL, **bearer(sign(claims)))

    assert response.status_code == 401
    assert response.json()["code"] == code


class ReadsRecorded:
    """A database router that sends every read where Django would (the default database) and
    records the model of each."""

    def __init__(self) -> None:
        self.reads: list[type[Model]] = []

    def db_for_read(self, model: type[Model], **hints: object) -> str:
        self.reads.append(model)
        return "default"


def test_every_call_asks_the_database_routers_where_users_are(
    user, tokens, settings, django_assert_num_queries
):
    """A read replica or a sharded user table works: no query is tied to the database of the
    first call."""
    router = ReadsRecorded()
    settings.DATABASE_ROUTERS = [router]
    request = APIRequestFactory().get(API_URL, **bearer(tokens["access"]))

    for call in range(1, 4):
        with django_assert_num_queries(1):
            authenticated = authenticated_user(JWTAuthentication(), request)

        assert authenticated == user
        assert router.reads.count(get_user_model()) == call


def test_the_user_loaded_is_the_one_the_orm_loads(user, tokens):
    """Every field, converted as the ORM converts it (a date and time, a boolean)."""
    user.last_login = timezone.now()
    user.save()
    request = APIRequestFactory().get(API_URL, **bearer(tokens["access"]))

    authenticated = authenticated_user(JWTAuthentication(), request)

    assert isinstance(authenticated, get_user_model())
    loaded = get_user_model().objects.get(pk=user.pk)
    for field in get_user_model()._meta.concrete_fields:
        value = getattr(authenticated, field.attname)
        assert value == getattr(loaded, field.attname), field.name
        assert type(value) is type(getattr(loaded, field.attname)), field.name
    assert authenticated._state.db == loaded._state.db
    assert authenticated._state.adding is False
