from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user: Django's, in a model of our own from the first migration.

    Django cannot switch an existing project to a custom user model by itself; with this one,
    fields (and a manager, or another login field) can be added later by ordinary migrations.
    Elsewhere, refer to it through `get_user_model()` or `settings.AUTH_USER_MODEL`.
    """
