"""The manager of users who log in with their email address."""

import contextlib
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

from .addresses import canonical_email, user_email

if TYPE_CHECKING:
    from .models import User


class UserManager(BaseUserManager["User"]):
    """Django's UserManager for users who log in with their email address (there is no
    username), kept and found in its one form (addresses.py)."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """The address's one form: what create_user stores, and what AbstractUser.clean gives
        the admin's forms. Raises ValidationError for an address without one."""
        return user_email(email)

    def get_by_natural_key(self, email: str | None) -> "User":
        # The login lookup (ModelBackend, createsuperuser): by the address's one form, written
        # as the unique constraint is, so that it finds the one row the constraint allows and
        # the database's own LOWER() decides what letter case means. An address without that
        # form is looked up as given: only an account stored before the form was kept has one.
        with contextlib.suppress(ValidationError):
            email = canonical_email(email or "")
        return self.get(Exact(Lower("email"), Lower(models.Value(email))))

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        if fields["is_staff"] is not True or fields["is_superuser"] is not True:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **fields)

    def _create_user(self, email: str, password: str | None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        # Not user.set_password(): a data migration's model has the fields and this manager,
        # none of the model's methods.
        user.password = make_password(password)
        user.save(using=self._db)
        return user
