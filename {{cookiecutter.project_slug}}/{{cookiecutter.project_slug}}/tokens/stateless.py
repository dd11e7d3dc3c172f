"""Stateless authentication: `request.user` is simplejwt's TokenUser, built from the access
token's claims (claims.py writes them) with no query. Stateless bakes authenticate every API call
this way, and so does a verifier-only service, which holds no copy of its issuer's users.

The class's OpenAPI description is defined beside it: loading the class registers it.
"""

from typing import Any

from django.utils.functional import cached_property
from django.utils.translation import gettext
from drf_spectacular.contrib import rest_framework_simplejwt
from rest_framework_simplejwt import authentication, models
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from .authentication import HeaderLengthCapMixin
from .schema import with_token_contents


class TokenUser(models.TokenUser):
    """simplejwt's user built from the token, staff or superuser only for a claim that is the
    JSON `true` itself: simplejwt 5.5.1 returns the claim as it is, and the string "false", a
    1 or a list would be truthy."""

    @cached_property
    def is_staff(self) -> bool:
        return self.token.get("is_staff") is True

    @cached_property
    def is_superuser(self) -> bool:
        return self.token.get("is_superuser") is True


class JWTStatelessUserAuthentication(
    HeaderLengthCapMixin, authentication.JWTStatelessUserAuthentication
):
    """simplejwt's stateless authentication, with the cap on the header JWTAuthentication has,
    and the user's staff flags read strictly (TokenUser above)."""

    # simplejwt types its own as a TypeVar of the database user and its TokenUser.
    def get_user(self, validated_token: Token) -> TokenUser:  # type: ignore[override]
        if api_settings.USER_ID_CLAIM not in validated_token:
            raise InvalidToken(gettext("Token contained no recognizable user identification"))
        return TokenUser(validated_token)


class JWTStatelessUserAuthenticationScheme(rest_framework_simplejwt.SimpleJWTStatelessUserScheme):
    """How the OpenAPI schema (drf-spectacular) describes the class: as simplejwt's, with what
    the token contains."""

    target_class = f"{__name__}.JWTStatelessUserAuthentication"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return with_token_contents(super().get_security_definition(auto_schema))  # type: ignore[no-untyped-call]
