{%- if cookiecutter.login_field == "username" -%}
from django.contrib.auth.models import AbstractUser
{%- if cookiecutter.registration %}
from django.db import models
from django.utils.translation import gettext_lazy as _
{%- endif %}


class User(AbstractUser):
    """The project's user: Django's, in a model of our own from the first migration.

    Django cannot switch an existing project to a custom user model by itself; with this one,
    fields (and a manager, or another login field) can be added later by ordinary migrations.
    Elsewhere, refer to it through `get_user_model()` or `settings.AUTH_USER_MODEL`.
    """
{%- if cookiecutter.registration %}

    # True from sign-up until the owner follows the activation link: only such an account can
    # activate itself. One an admin deactivates stays so, whatever links are asked for.
    pending_activation = models.BooleanField(
        _("pending activation"), default=False, editable=False
    )
{%- endif %}
{%- else -%}
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _


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
{%- if cookiecutter.registration %}

    # True from sign-up until the owner follows the activation link: only such an account can
    # activate itself. One an admin deactivates stays so, whatever links are asked for.
    pending_activation = models.BooleanField(
        _("pending activation"), default=False, editable=False
    )
{%- endif %}

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="users_user_email_unique_in_any_case",
                violation_error_message=_("A user with that email address already exists."),
            ),
        ]
{%- endif %}
