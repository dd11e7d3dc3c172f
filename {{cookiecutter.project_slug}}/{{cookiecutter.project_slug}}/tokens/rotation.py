"""Refresh token rotation that cannot fork, with reuse detection (OAuth 2.0 Security BCP,
RFC 9700 section 4.14.2).

A refresh spends its token before it issues the next one, in one transaction: of N concurrent
refreshes of one token exactly one wins, because simplejwt's blacklist holds one row per token
(a unique column) and only one of them can insert it. simplejwt 5.5.1's own refresh checks the
blacklist first and writes it later, so several refreshes of one token each got a successor.

Every refresh token belongs to a family, the login it descends from: a login's refresh token
starts one, named by its own `jti`, and each successor carries that name in its `family` claim.
A token presented again once spent (rotated, or logged out) is taken for stolen; the server
cannot tell the thief from the user, so every refresh token of the family is blacklisted and the
user logs in again. Other logins of the user are untouched. Access tokens already issued live
until they expire.

A family is a session of its user (models.Session): its first token records it, each refresh
notes the time, and revoking the family ends it (sessions.py lists and ends them). Access tokens
name their session in the `sid` claim (as OpenID Connect's tokens do), so a client's list of
sessions can mark its own.
"""

from typing import Any, cast

import jwt
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from . import tokens
from .models import Session
from .revocation import blacklist, live_refresh_tokens, lock_user

FAMILY_CLAIM = "family"
SESSION_CLAIM = "sid"


class RefreshTokenReused(AuthenticationFailed):
    """A spent refresh token came back: its whole family is revoked (401, `token_reused`)."""

    def __init__(self) -> None:
        message = _(
            "Refresh token already used: every refresh token of its login is now revoked. "
            "Log in again."
        )
        super().__init__(message, code="token_reused")


class RefreshToken(tokens.RefreshToken):
    """The project's refresh token, whose blacklist check is left to `rotate`; a new one starts a
    session, and its access tokens name the session instead of the family (they are never
    rotated)."""

    # simplejwt types this tuple by its length, which one more claim changes.
    no_copy_claims = (*tokens.RefreshToken.no_copy_claims, FAMILY_CLAIM)  # type: ignore[assignment]

    @classmethod
    def for_user(cls, user: AbstractBaseUser) -> "RefreshToken":  # type: ignore[override]
        """A login's refresh token, recorded (as simplejwt records it) with its session."""
        token = cast(RefreshToken, super().for_user(user))
        now = timezone.now()
        Session.objects.create(
            family=family_of(token.payload), user_id=user.pk, created_at=now, refreshed_at=now
        )
        return token

    @property
    def access_token(self) -> tokens.AccessToken:
        access = cast(tokens.AccessToken, super().access_token)
        access[SESSION_CLAIM] = family_of(self.payload)
        return access

    def check_blacklist(self) -> None:
        """Nothing here: `rotate` finds a spent token in the transaction that would spend it,
        and ends its family."""


def family_of(claims: dict[str, Any]) -> str:
    """The family of a refresh token with these claims: the `jti` of its login's token."""
    return str(claims.get(FAMILY_CLAIM, claims[api_settings.JTI_CLAIM]))


def rotate(
    refresh: RefreshToken, user: AbstractBaseUser, client: dict[str, str] | None = None
) -> RefreshToken:
    """Spend `refresh` and make it its own successor (new `jti`, `iat` and `exp`, same family),
    as simplejwt's rotation does, in one transaction; note on its session when, and from where
    (`client`: the session's fields `network` and `user_agent`), it was refreshed.

    Raises RefreshTokenReused (401, code `token_reused`) if `refresh` was spent already, once
    every refresh token of its family is revoked.
    """
    family = family_of(refresh.payload)
    with transaction.atomic():
        # One refresh of a user at a time (see lock_user).
        lock_user(user)
        if spend(refresh, user):
            refresh[FAMILY_CLAIM] = family
            refresh.set_jti()
            refresh.set_exp()
            refresh.set_iat()
            outstanding(refresh, user)
            refreshed(family, user, client or {})
            return refresh
        revoke_family(family, user)
    raise RefreshTokenReused()


def spend(token: RefreshToken, user: AbstractBaseUser) -> bool:
    """Blacklist `token`: True if this call did, False if it was blacklisted already."""
    _blacklisted, created = BlacklistedToken.objects.get_or_create(token=outstanding(token, user))
    return created


def outstanding(token: RefreshToken, user: AbstractBaseUser) -> OutstandingToken:
    """The row simplejwt's blacklist keeps for `token`, made if it has none yet."""
    row, _created = OutstandingToken.objects.get_or_create(
        jti=token[api_settings.JTI_CLAIM],
        defaults={
            "user_id": user.pk,
            "token": str(token),
            "created_at": token.current_time,
            "expires_at": datetime_from_epoch(token["exp"]),
        },
    )
    return row


def refreshed(family: str, user: AbstractBaseUser, client: dict[str, str]) -> None:
    """Note the time the session `family` last refreshed, and the client; a family with no
    session yet (a token made by other means than for_user, such as issue_token's) gets one."""
    now = timezone.now()
    if not Session.objects.filter(family=family).update(refreshed_at=now, **client):
        Session.objects.create(
            family=family, user_id=user.pk, created_at=now, refreshed_at=now, **client
        )


def revoke_family(family: str, user: AbstractBaseUser) -> None:
    """End the session `family` of `user`: blacklist every live refresh token of the family,
    read from the rows of `user`'s tokens, and forget the session."""
    Session.objects.filter(family=family, user_id=user.pk).delete()
    blacklist(
        row
        for row in live_refresh_tokens(user)
        # Our own tokens, signed when issued: only their claims are needed here.
        if family_of(jwt.decode(row.token, options={"verify_signature": False})) == family
    )
