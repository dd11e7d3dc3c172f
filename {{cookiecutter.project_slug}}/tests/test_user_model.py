"""The project's own user model, made by its app's first migration, with Django's user admin."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import CreateModel
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.models import User

from .helpers import LOGIN_FIELD, PASSWORD


def test_the_user_model_is_the_projects_own():
    assert settings.AUTH_USER_MODEL == "users.User"
    assert get_user_model() is User


def test_the_user_model_is_made_by_the_first_migration(db):
    first = MigrationLoader(None).get_migration("users", "0001_initial")

    assert first.initial
    assert any(
        isinstance(operation, CreateModel) and operation.name == "User"
        for operation in first.operations
    )


def test_users_are_listed_and_added_in_the_admin(admin_client, user):
    listed = admin_client.get(reverse("admin:users_user_changelist"))
    add_form = admin_client.get(reverse("admin:users_user_add"))

    assert listed.status_code == 200
    assert user.get_username() in listed.text
    assert add_form.status_code == 200


def test_createsuperuser_makes_a_superuser_who_can_log_in(db, monkeypatch, obtain_tokens):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)

    # The login field and the email address (one field where users log in with their email).
    identity = {"email": "root@example.com", LOGIN_FIELD: "root@example.com"}
    call_command("createsuperuser", interactive=False, **identity)

    root = User.objects.get_by_natural_key("root@example.com")
    assert root.is_superuser
    assert root.is_staff
    assert obtain_tokens("root@example.com")["access"]


def test_a_user_added_in_the_admin_can_log_in(admin_client, obtain_tokens):
    response = admin_client.post(
        reverse("admin:users_user_add"),
        {
            LOGIN_FIELD: "bob@example.com",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert obtain_tokens("bob@example.com")["access"]


def test_the_admin_shows_its_messages_from_the_session_not_a_cookie(admin_client):
    # MESSAGE_STORAGE: no request signs or reads a messages cookie, only pages that add messages
    # write them, to the admin's session.
    added = admin_client.post(
        reverse("admin:users_user_add"),
        {
            LOGIN_FIELD: "bob@example.com",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    next_page = admin_client.get(added["Location"])

    assert "messages" not in added.cookies
    shown = [str(message) for message in next_page.context["messages"]]
    assert any("was added successfully" in message for message in shown)
