"""Revoking refresh tokens: simplejwt's blacklist, and the user's row lock that orders every
change to one user's refresh tokens. Public: the users app logs users out everywhere with it.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken


def lock_user(user: AbstractBaseUser) -> None:
    """Lock `user`'s row until the current transaction ends (call it inside `atomic`).

    Rotation and logging out everywhere each take it before they read or write the user's
    refresh tokens, so one waits for the other: a revocation sees every token issued before it,
    and no refresh issues one after it. SQLite has no row locks: its transactions take the
    database's write lock as they begin (see DATABASES), which orders them just the same.
    """
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).exists()


def live_refresh_tokens(user: AbstractBaseUser) -> QuerySet[OutstandingToken]:
    """The rows of `user`'s refresh tokens that are neither expired nor blacklisted.

    simplejwt records each refresh token it issues (OutstandingToken); refresh refuses any that
    is blacklisted.
    """
    return OutstandingToken.objects.filter(
        user_id=user.pk, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
    )


def blacklist(rows: Iterable[OutstandingToken]) -> None:
    """Blacklist these refresh tokens; one blacklisted meanwhile is left as it is."""
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=row) for row in rows], ignore_conflicts=True
    )


def revoke_every_refresh_token(user: AbstractBaseUser) -> None:
    """Blacklist every live refresh token of `user`, under their row lock: a refresh in flight
    finishes first and its new token is blacklisted here, or waits and is refused."""
    with transaction.atomic():
        lock_user(user)
        blacklist(live_refresh_tokens(user))
