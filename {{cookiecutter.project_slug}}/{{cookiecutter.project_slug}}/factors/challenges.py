"""The challenge a login with a second factor answers instead of tokens.

Its key is random (256 bits) and kept as a hash only; it names one user, is valid for
CHALLENGE_LIFETIME, is spent by the first right code, and dies after MAX_ATTEMPTS wrong ones or
once the user's password changes. It is not a token: nothing but the second step accepts it.
"""

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.utils import get_md5_hash_password

from .models import LoginChallenge

CHALLENGE_LIFETIME = timedelta(minutes=5)
MAX_ATTEMPTS = 5


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user: AbstractBaseUser) -> str:
    """A new challenge for `user`, whose password was right; the key the client answers with."""
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    # The user's expired challenges go as a new one comes: they never pile up.
    LoginChallenge.objects.filter(user_id=user.pk, expires_at__lte=now).delete()
    LoginChallenge.objects.create(
        key_hash=key_hash(key),
        user_id=user.pk,
        password_hash=get_md5_hash_password(user.password),
        expires_at=now + CHALLENGE_LIFETIME,
    )
    return key


class Unanswered(Exception):
    """The challenge was not answered: `reason` is `challenge` (unknown, expired, spent or void:
    log in again) or `code` (a wrong code, counted against the challenge)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def answer(key: str, prove: Callable[[AbstractBaseUser], bool]) -> AbstractBaseUser:
    """The user of the live challenge `key`, if `prove(user)` is true: the challenge is spent.

    Holds the challenge's row meanwhile, so two answers of one challenge take turns and only the
    first right one gets the user. Raises Unanswered otherwise; whatever `prove` raises passes
    through, the challenge untouched.
    """
    with transaction.atomic():
        challenge = (
            LoginChallenge.objects.select_for_update()
            .filter(key_hash=key_hash(key), expires_at__gt=timezone.now())
            .first()
        )
        user = None if challenge is None else challenge.user
        if (
            challenge is None
            or user is None
            or not user.is_active
            or challenge.password_hash != get_md5_hash_password(user.password)
        ):
            raise Unanswered("challenge")
        proved = prove(user)
        if proved or challenge.attempts + 1 >= MAX_ATTEMPTS:
            challenge.delete()
        else:
            challenge.attempts += 1
            challenge.save(update_fields=["attempts"])
    if not proved:
        raise Unanswered("code")
    return user
