"""Every way an address enters keeps it in its one form (users/addresses.py), or refuses it:
create_user (a shell, a data migration), createsuperuser and the admin's forms, as sign-up does.
An address in another form would be another string for one mailbox: a second account beside the
owner's, or one that a login or reset by the address as its owner writes it never finds."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from .addresses import CANONICAL_FORMS, NO_CANONICAL_FORM, REFUSAL, account
from .helpers import LOGIN_FIELD, PASSWORD

User = get_user_model()


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_create_user_keeps_an_address_in_its_one_form(db, address, canonical):
    user = User.objects.create_user(**account(address), password=PASSWORD)

    user.refresh_from_db()
    assert user.email == canonical


@pytest.mark.parametrize("address", NO_CANONICAL_FORM)
def test_create_user_refuses_an_address_without_one_form(db, address):
    with pytest.raises(ValidationError) as refused:
        User.objects.create_user(**account(address), password=PASSWORD)

    assert refused.value.message_dict == {"email": [REFUSAL]}
    assert not User.objects.exists()


def test_create_user_in_a_data_migration_keeps_an_address_in_its_one_form(db):
    # RunPython's models are the migrations': the fields and the manager, none of the model's
    # own methods.
    migrations = MigrationLoader(connection).project_state().apps
    historical_user = migrations.get_model("users", "User")

    historical_user.objects.create_user(**account("Sam@EXAMPLE.COM"), password=PASSWORD)

    user = User.objects.get()
    assert user.email == "sam@example.com"
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_createsuperuser_keeps_an_address_in_its_one_form(db, monkeypatch, address, canonical):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)

    call_command("createsuperuser", interactive=False, **account(address))

    assert User.objects.get().email == canonical


@pytest.mark.parametrize("address", NO_CANONICAL_FORM)
def test_createsuperuser_refuses_an_address_without_one_form(db, monkeypatch, address):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)

    with pytest.raises(CommandError, match=REFUSAL):
        call_command("createsuperuser", interactive=False, **account(address))

    assert not User.objects.exists()


def change_user(admin_client, user, address: str):
    """Post the admin's change form of `user` with its fields as they are, but the address."""
    fields = {
        LOGIN_FIELD: user.get_username(),
        "email": address,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "12:00:00",
    }
    return admin_client.post(reverse("admin:users_user_change", args=[user.pk]), fields)


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_the_admins_change_form_keeps_an_address_in_its_one_form(
    admin_client, user, address, canonical
):
    response = change_user(admin_client, user, address)

    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert user.email == canonical


@pytest.mark.parametrize("address", NO_CANONICAL_FORM)
def test_the_admins_change_form_refuses_an_address_without_one_form(admin_client, user, address):
    response = change_user(admin_client, user, address)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"email": [REFUSAL]}
    user.refresh_from_db()
    assert user.email == "alice@example.com"


@pytest.mark.parametrize(("address", "canonical"), CANONICAL_FORMS)
def test_the_admins_change_form_refuses_another_form_of_a_taken_address(
    admin_client, user, address, canonical
):
    User.objects.create_user(**account(canonical), password=PASSWORD)

    response = change_user(admin_client, user, address)

    assert response.status_code == 200
    assert "already exists" in str(response.context["adminform"].form.errors)
    user.refresh_from_db()
    assert user.email == "alice@example.com"
