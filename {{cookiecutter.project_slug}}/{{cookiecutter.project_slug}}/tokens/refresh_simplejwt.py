"""Login and refresh as simplejwt does them, with the checks it leaves out and the user's current claims.

simplejwt 5.5.1 answers a refresh token of a deleted user with a 500 (DoesNotExist), and ignores
CHECK_REVOKE_TOKEN on refresh, so a stolen refresh token outlives a password change. Both are
fixed on simplejwt's master; once a release has them, `Refresh` keeps the claims only.
"""

from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from rest_framework.request import Request
from rest_framework_simplejwt import serializers as simplejwt

from .. import events
from . import claims
from .authentication import JWTAuthentication
from .tokens import AccessToken, RefreshToken


class Login(simplejwt.TokenObtainPairSerializer):
    """simplejwt's login, with the project's refresh token."""

    token_class = RefreshToken

    @classmethod
    def tokens_for(cls, user: AbstractBaseUser, request: Request) -> dict[str, str]:
        """The tokens of a new login of `user` from `request` (a password change that keeps its
        client signed in), as login makes them."""
        # simplejwt types get_token's token as the base class; it is token_class's.
        refresh = cast(RefreshToken, cls.get_token(user))
        return {"refresh": str(refresh), "access": str(refresh.access_token)}


class Refresh(simplejwt.TokenRefreshSerializer):
    """simplejwt's refresh for a user who still exists, is active and kept their password; the
    new access token carries the user's current claims, not the login's."""

    token_class = RefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        refresh = self.token_class(attrs["refresh"])
        # The same checks as an API request: the user exists, is active, kept their password.
        user = JWTAuthentication().get_user(refresh)
        data = super().validate(attrs)
        # simplejwt 5.5.1 annotates the encoded token as `Token | None`; it is a str.
        access = AccessToken(data["access"])  # type: ignore[arg-type]
        data["access"] = str(claims.add_user_claims(access, user))
        events.record(events.Event.TOKEN_REFRESHED, self.context.get("request"), user=user)
        return data
