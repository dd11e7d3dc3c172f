"""Users log in with their email address, which is unique whatever its letter case."""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from {{ cookiecutter.project_slug }}.tokens.throttling import LoginUsernameRateThrottle

from .addresses import CANONICAL_FORMS, NO_CANONICAL_FORM, REFUSAL
from .helpers import ALICE, PASSWORD, credentials

User = get_user_model()

URL = reverse("token_obtain_pair")


def test_login_takes_the_email_in_any_letter_case(api_client, user):
    response = api_client.post(URL, credentials(ALICE.upper()))

    assert response.status_code == 200


def test_login_with_a_username_field_is_a_bad_request(api_client, user):
    response = api_client.post(URL, {"username": ALICE, "password": PASSWORD})

    assert response.status_code == 400
    assert set(response.json()) == {"email"}


def test_an_email_differing_only_in_letter_case_is_refused_by_the_database(db):
    User.objects.create_user("ada@example.org", PASSWORD)

    with pytest.raises(IntegrityError):
        User.objects.create_user("Ada@example.org", PASSWORD)


def test_validation_reports_an_email_taken_in_another_letter_case(db):
    User.objects.create_user("ada@example.org", PASSWORD)

    with pytest.raises(ValidationError, match="already exists"):
        User(email="ADA@example.org").validate_constraints()


def test_new_addresses_are_kept_in_lower_case(db):
    user = User.objects.create_user("Ada@Example.ORG", PASSWORD)

    assert user.email == "ada@example.org"


class Terminal(io.StringIO):
    """Standard input that says it is a terminal: createsuperuser asks nothing otherwise."""

    def isatty(self) -> bool:
        return True


def test_createsuperuser_asks_for_the_email_address(db, monkeypatch):
    answers = iter(["root@example.com"])
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    call_command("createsuperuser", interactive=True, stdin=Terminal())

    assert prompts == ["Email address: "]
    assert User.objects.get(email="root@example.com").is_superuser


def test_the_admin_refuses_an_email_taken_in_another_letter_case(admin_client, user):
    response = admin_client.post(
        reverse("admin:users_user_add"),
        {
            "email": ALICE.upper(),
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "already exists" in str(response.context["adminform"].form.errors)


def add_user(admin_client, address: str):
    """Post the admin's add form for an account of `address`."""
    fields = {
        "email": address,
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return admin_client.post(reverse("admin:users_user_add"), fields)


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_a_user_the_admin_adds_logs_in_with_the_address_in_its_one_form(
    admin_client, api_client, address, canonical
):
    response = add_user(admin_client, address)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.filter(is_superuser=False).get().email == canonical
    assert api_client.post(URL, credentials(canonical)).status_code == 200


@pytest.mark.parametrize("address", NO_CANONICAL_FORM)
def test_the_admins_add_form_refuses_an_address_without_one_form(admin_client, address):
    response = add_user(admin_client, address)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [REFUSAL]}
    assert not User.objects.filter(is_superuser=False).exists()


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_the_admins_add_form_refuses_another_form_of_a_taken_address(
    admin_client, address, canonical
):
    User.objects.create_user(canonical, PASSWORD)

    response = add_user(admin_client, address)

    assert response.status_code == 200
    assert "already exists" in str(response.context["adminform"].form.errors)
    assert User.objects.filter(is_superuser=False).count() == 1


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_createsuperuser_refuses_another_form_of_a_taken_address(
    db, monkeypatch, address, canonical
):
    User.objects.create_user(canonical, PASSWORD)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)

    with pytest.raises(CommandError, match="already taken"):
        call_command("createsuperuser", interactive=False, email=address)

    assert User.objects.count() == 1


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_login_takes_any_spelling_of_the_address_that_has_its_form(
    api_client, db, address, canonical
):
    User.objects.create_user(canonical, PASSWORD)

    assert api_client.post(URL, credentials(address)).status_code == 200


@time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False)
def test_the_login_limit_counts_either_spelling_of_the_domain_as_one(api_client, db):
    # Both spellings log in to one account (the `xn--` one is looked up in the address's form):
    # taking turns must not double the guesses the limit allows.
    User.objects.create_user("sam@b\u00fccher.example", PASSWORD)
    limit = LoginUsernameRateThrottle()
    allowed, _ = limit.parse_rate(limit.get_rate())
    assert allowed is not None
    for _ in range(allowed):
        wrong = credentials("sam@b\u00fccher.example", "wrong-guess")
        assert api_client.post(URL, wrong).status_code == 401

    response = api_client.post(URL, credentials("sam@xn--bcher-kva.example"))

    assert response.status_code == 429
