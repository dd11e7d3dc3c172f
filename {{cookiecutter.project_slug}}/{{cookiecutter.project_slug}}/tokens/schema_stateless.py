"""How the OpenAPI schema (drf-spectacular) describes this app's classes: as it describes the
simplejwt classes they extend. Defining an extension registers it; apps.py imports this module.

Each target is a dotted path, imported when the schema is first generated.
"""

from typing import Any

from drf_spectacular.contrib import rest_framework_simplejwt

# What the docs page's Authorize dialog says of the token (the README's "What a token contains"
# shows a decoded one).
TOKEN_CONTENTS = (
    "An access token from /api/token/. It is signed, not encrypted: whoever holds it can read "
    "it. Header: `alg`, `typ: at+jwt`. Payload: `sub` (the user's id), `iss` and `aud` "
    "(JWT_ISSUER, JWT_AUDIENCE), `exp`, `iat`, `jti`, `token_type`, `hash_password`, and the "
    "claims about the user that tokens/claims.py adds."
)


def with_token_contents(definition: dict[str, Any]) -> dict[str, Any]:
    """A security scheme with TOKEN_CONTENTS after its own description, if it has one.

    (drf-spectacular's get_security_definition, which makes `definition`, has no annotations.)
    """
    own = definition.get("description")
    return {**definition, "description": f"{own} {TOKEN_CONTENTS}" if own else TOKEN_CONTENTS}


class JWTAuthenticationScheme(rest_framework_simplejwt.SimpleJWTScheme):
    target_class = f"{__package__}.authentication.JWTAuthentication"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return with_token_contents(super().get_security_definition(auto_schema))  # type: ignore[no-untyped-call]


class JWTStatelessUserAuthenticationScheme(rest_framework_simplejwt.SimpleJWTStatelessUserScheme):
    target_class = f"{__package__}.stateless.JWTStatelessUserAuthentication"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return with_token_contents(super().get_security_definition(auto_schema))  # type: ignore[no-untyped-call]


class TokenObtainPairSerializerScheme(rest_framework_simplejwt.TokenObtainPairSerializerExtension):
    target_class = f"{__package__}.serializers.TokenObtainPairSerializer"
