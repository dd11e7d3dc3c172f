from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The project's user: Django's, in a model of our own from the first migration.

    Django cannot switch an existing project to a custom user model by itself; with this one,
    fields (and a manager, or another login field) can be added later by ordinary migrations.
    Elsewhere, refer to it through `get_user_model()` or `settings.AUTH_USER_MODEL`.
    """

    # True from sign-up until the owner follows the activation link: only such an account can
    # activate itself. One an admin deactivates stays so, whatever links are asked for.
    pending_activation = models.BooleanField(
        _("pending activation"), default=False, editable=False
    )
