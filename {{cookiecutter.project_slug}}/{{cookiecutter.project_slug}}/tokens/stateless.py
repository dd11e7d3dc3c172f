"""Stateless authentication: API calls trust the access token's claims and query nothing.

Login and refresh write what views need to know about the user into the access token (its id,
username and staff flag); each API call then checks the signature and expiry and builds
`request.user` from those claims: a simplejwt TokenUser, not a database row. The price: a user
who is deactivated or changes their password keeps a working access token until it expires.
Refresh still loads the user (serializers.TokenRefreshSerializer), so nothing lasts longer.
"""

from typing import Any

from drf_spectacular.contrib.rest_framework_simplejwt import (
    SimpleJWTStatelessUserScheme,
    TokenObtainPairSerializerExtension,
)
from rest_framework_simplejwt import authentication, serializers
from rest_framework_simplejwt.tokens import Token

from .authentication import HeaderLengthCapMixin


def add_user_claims(token: Token, user: Any) -> Token:
    """Write the claims simplejwt's TokenUser reads (`username`, `is_staff`) into `token`."""
    token["username"] = user.get_username()
    token["is_staff"] = user.is_staff
    return token


class StatelessJWTAuthentication(
    HeaderLengthCapMixin, authentication.JWTStatelessUserAuthentication
):
    """Authenticates from the token alone; `request.user` is a TokenUser built from its claims."""


class StatelessJWTAuthenticationScheme(SimpleJWTStatelessUserScheme):
    # drf-spectacular declares target_class as str | type; its base's string narrows it to str.
    target_class = StatelessJWTAuthentication  # type: ignore[assignment]


class TokenObtainPairSerializer(serializers.TokenObtainPairSerializer):
    """Login: the refresh token, and the access token made from it, carry the user claims."""

    @classmethod
    def get_token(cls, user: Any) -> Token:
        return add_user_claims(super().get_token(user), user)


class TokenObtainPairSerializerSchema(TokenObtainPairSerializerExtension):
    """Documents the login endpoint as drf-spectacular documents simplejwt's."""

    # drf-spectacular declares target_class as str | type; its base's string narrows it to str.
    target_class = TokenObtainPairSerializer  # type: ignore[assignment]
