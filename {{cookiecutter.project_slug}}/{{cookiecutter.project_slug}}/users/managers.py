"""The manager of users who log in with their email address."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

if TYPE_CHECKING:
    from .models import User


class UserManager(BaseUserManager["User"]):
    """Django's UserManager for users who log in with their email address (there is no
    username), found whatever its letter case."""

    use_in_migrations = True

    def get_by_natural_key(self, email: str | None) -> "User":
        # The login lookup (ModelBackend, createsuperuser), written as the unique constraint is,
        # so that it finds the one row the constraint allows and the database's own LOWER()
        # decides what letter case means.
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
        user.set_password(password)
        user.save(using=self._db)
        return user
