"""Stateless authentication: `request.user` is simplejwt's TokenUser, built from the access
token's claims (claims.py writes them) with no query. Stateless bakes authenticate every API call
this way, and so does a verifier-only service, which holds no copy of its issuer's users.

The class's OpenAPI description is defined beside it: loading the class registers it.
"""

from typing import Any

from drf_spectacular.contrib import rest_framework_simplejwt
from rest_framework_simplejwt import authentication

from .authentication import HeaderLengthCapMixin
from .schema import with_token_contents


class JWTStatelessUserAuthentication(
    HeaderLengthCapMixin, authentication.JWTStatelessUserAuthentication
):
    """simplejwt's stateless authentication, with the cap on the header JWTAuthentication has."""


class JWTStatelessUserAuthenticationScheme(rest_framework_simplejwt.SimpleJWTStatelessUserScheme):
    """How the OpenAPI schema (drf-spectacular) describes the class: as simplejwt's, with what
    the token contains."""

    target_class = f"{__name__}.JWTStatelessUserAuthentication"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return with_token_contents(super().get_security_definition(auto_schema))  # type: ignore[no-untyped-call]
