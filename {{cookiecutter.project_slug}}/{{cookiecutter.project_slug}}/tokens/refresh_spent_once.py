"""Login that starts a session, and refresh that spends each refresh token once, in one
transaction (rotation.py), with the checks simplejwt leaves out and the user's current claims.

simplejwt 5.5.1 answers a refresh token of a deleted user with a 500 (DoesNotExist), and ignores
CHECK_REVOKE_TOKEN on refresh, so a stolen refresh token outlives a password change. Both are
fixed on simplejwt's master; its rotation is still not atomic, so `Refresh` stays for that.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from rest_framework.request import Request
from rest_framework_simplejwt import serializers as simplejwt

from .. import events
from . import claims, sessions
from .authentication import JWTAuthentication
from .rotation import RefreshToken, RefreshTokenReused, rotate


class Login(simplejwt.TokenObtainSerializer):
    """Login: the user authenticated (simplejwt's checks), then a session started (sessions.py)
    with its refresh and access tokens."""

    token_class = RefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        super().validate(attrs)
        # simplejwt's validate authenticated the user, or raised.
        assert self.user is not None
        return self.answer(self.user)

    def answer(self, user: AbstractBaseUser) -> dict[str, Any]:
        """What login answers `user`, whose password was right: their tokens."""
        return self.tokens_for(user, self.context["request"])

    @classmethod
    def tokens_for(cls, user: AbstractBaseUser, request: Request) -> dict[str, str]:
        """The tokens of a new session of `user`, signed in from `request` (a login, or a
        password change that keeps its client signed in)."""
        refresh = sessions.start(user, request)
        return {"refresh": str(refresh), "access": str(refresh.access_token)}


class Refresh(simplejwt.TokenRefreshSerializer):
    """Refresh for a user who still exists, is active and kept their password: the token spent
    once and for all, its successor and a new access token with the user's current claims."""

    token_class = RefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        refresh = self.token_class(attrs["refresh"])
        # The same checks as an API request: the user exists, is active, kept their password.
        user = JWTAuthentication().get_user(refresh)
        # Spent once and for all, or its whole login revoked if it was spent before.
        request = self.context["request"]
        try:
            refresh = rotate(refresh, user, sessions.client(request))
        except RefreshTokenReused:
            events.record(events.Event.TOKEN_REUSE_DETECTED, request, user=user)
            raise
        events.record(events.Event.TOKEN_REFRESHED, request, user=user)
        # The new access token carries the user's current claims, not the login's.
        access = claims.add_user_claims(refresh.access_token, user)
        return {"access": str(access), "refresh": str(refresh)}
