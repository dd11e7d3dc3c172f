"""The user's row lock, which orders the changes to one user's refresh tokens."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser


def lock_user(user: AbstractBaseUser) -> None:
    """Lock `user`'s row until the current transaction ends (call it inside `atomic`).

    Rotation and logging out everywhere each take it before they read or write the user's
    refresh tokens, so one waits for the other: a revocation sees every token issued before it,
    and no refresh issues one after it. SQLite has no row locks: its transactions take the
    database's write lock as they begin (see DATABASES), which orders them just the same.
    """
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).exists()
