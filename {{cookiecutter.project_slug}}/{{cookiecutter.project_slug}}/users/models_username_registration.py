from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .addresses import user_email


class UserManager(DjangoUserManager["User"]):
    """Django's UserManager, with the address kept in its one form (addresses.py)."""

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """The address's one form, or blank: what create_user stores, and what
        AbstractUser.clean gives the admin's forms. Raises ValidationError for an address
        without one."""
        return user_email(email)


class User(AbstractUser):
    """The project's user: Django's, in a model of our own from the first migration.

    Django cannot switch an existing project to a custom user model by itself; with this one,
    fields (and a manager, or another login field) can be added later by ordinary migrations.
    Elsewhere, refer to it through `get_user_model()` or `settings.AUTH_USER_MODEL`.

    Password resets are mailed to the email address, so no two accounts share one, whatever
    its letter case: a database constraint, which also settles two sign-ups racing. The address
    is kept in its one form (addresses.py), whichever way it comes in. An admin may leave it blank
    (such accounts get no reset mails).
    """

    objects: ClassVar[UserManager] = UserManager()

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="users_user_email_unique_in_any_case",
                violation_error_message=_("A user with that email address already exists."),
            ),
        ]
