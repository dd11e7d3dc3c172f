"""Users log in with their email address, which is unique whatever its letter case."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

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


def test_new_addresses_keep_their_case_but_the_domain_is_lowercased(db):
    user = User.objects.create_user("Ada@Example.ORG", PASSWORD)

    assert user.email == "Ada@example.org"


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
