from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .managers import UserManager


class User(AbstractUser):
    """The project's user, who logs in with an email address: Django's user without a username,
    in a model of our own from the first migration.

    The email is unique whatever its letter case, by a database constraint: two sign-ups racing
    with Ada@example.org and ada@example.org leave one row, not two accounts. (`unique=True` as
    well: Django requires it of the field users log in with, and it costs one more index.)
    Elsewhere, refer to the model through `get_user_model()` or `settings.AUTH_USER_MODEL`.
    """

    # django-stubs types the inherited field as always present.
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    @classmethod
    def normalize_username(cls, username: str) -> str:
        """The login as given: it is the address, whose one form is the manager's
        normalize_email, which clean() applies next. (Django's NFKC would make a long s, U+017F,
        in the local part an `s`: another mailbox. That form refuses such an address.)"""
        return username

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="users_user_email_unique_in_any_case",
                violation_error_message=_("A user with that email address already exists."),
            ),
        ]
