"""The kind of every token in its JOSE header (RFC 8725 section 3.11): access tokens are typed
`at+jwt` (RFC 9068 section 2.1), refresh tokens `refresh+jwt`.

simplejwt tells the kinds apart by the `token_type` claim alone. Here every token also carries
its kind in the `typ` header, and a token verifies only if the header and the claim name the same
kind: a token of one kind cannot pass for the other, and verifiers that read only the header
(RFC 9068's) refuse refresh tokens as access tokens.
"""

from typing import Any

import jwt
from django.utils.translation import gettext_lazy as _
from jwt.exceptions import ExpiredSignatureError, InvalidAlgorithmError, InvalidTokenError
from rest_framework_simplejwt.backends import TokenBackend
from rest_framework_simplejwt.exceptions import TokenBackendError, TokenBackendExpiredToken
from rest_framework_simplejwt.settings import api_settings

from .conf import token_settings
from .verified import VerifiedTokens

# The `typ` header of each `token_type` claim.
HEADER_TYPES = {"access": "at+jwt", "refresh": "refresh+jwt"}


def header_type(claims: dict[str, Any]) -> str | None:
    """The `typ` header a token with these claims must carry; None for no kind we issue."""
    kind = claims.get(api_settings.TOKEN_TYPE_CLAIM)
    return HEADER_TYPES.get(kind) if isinstance(kind, str) else None


class TypedTokenBackend(TokenBackend):
    """simplejwt's backend, with the kind of each token in its `typ` header, checked on decoding,
    and the access tokens it verified kept in `verified_tokens` (None: none kept).

    `audience` is what it writes into the tokens it signs, which may name several services;
    `accepted_audience`, the one it requires of the tokens it verifies: this service's own name
    (None: no `aud` required). A token an issuer made for its neighbours alone opens only them.
    """

    def __init__(
        self,
        *args: Any,
        verified_tokens: VerifiedTokens | None = None,
        accepted_audience: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.verified_tokens = verified_tokens
        self.accepted_audience = accepted_audience

    def encode(self, payload: dict[str, Any]) -> str:
        claims = payload.copy()
        if self.audience is not None:
            claims["aud"] = self.audience
        if self.issuer is not None:
            claims["iss"] = self.issuer
        key, headers = self.signing_key_and_headers()
        return jwt.encode(
            claims,
            key,
            algorithm=self.algorithm,
            headers={"typ": header_type(payload), **headers},
            json_encoder=self.json_encoder,
        )

    def signing_key_and_headers(self) -> tuple[Any, dict[str, str]]:
        """The key that signs, and the headers that name it: none, with one key."""
        return self.prepared_signing_key, {}

    def decode(self, token: Any, verify: bool = True) -> dict[str, Any]:
        """The claims of `token`, verified (verify_token) or taken from the access tokens this
        worker verified before (verified.py)."""
        if not verify:
            return super().decode(token, verify=False)
        if self.verified_tokens is None:
            return self.verify_token(token)
        claims = self.verified_tokens.get(token)
        if claims is None:
            claims = self.verify_token(token)
            self.verified_tokens.add(token, claims)
        return claims

    def verify_token(self, token: Any) -> dict[str, Any]:
        """simplejwt's checks (signature, the one algorithm, expiry, issuer, audience) and the
        `typ` header, read from the header PyJWT has just verified.

        simplejwt's decode returns the claims alone; reading the header again would parse the
        whole token a second time (jwt.get_unverified_header checks the base64 of every
        segment), which costs half as much as verifying it. The errors are simplejwt's.
        """
        try:
            decoded = jwt.decode_complete(
                token,
                self.get_verifying_key(token),
                algorithms=[self.algorithm],
                audience=self.accepted_audience,
                issuer=self.issuer,
                leeway=self.get_leeway(),
                options={"verify_aud": self.accepted_audience is not None},
            )
        except InvalidAlgorithmError as error:
            raise TokenBackendError(_("Invalid algorithm specified")) from error
        except ExpiredSignatureError as error:
            raise TokenBackendExpiredToken(_("Token is expired")) from error
        except InvalidTokenError as error:
            raise TokenBackendError(_("Token is invalid")) from error
        claims: dict[str, Any] = decoded["payload"]
        expected = header_type(claims)
        if expected is None or decoded["header"].get("typ") != expected:
            raise TokenBackendError(_("Token is invalid"))
        return claims


def backend_options() -> dict[str, Any]:
    """The backend's settings besides keys: the issuer it writes into every token and requires
    of every token it verifies, the audience it writes (every name in JWT_AUDIENCE) and the one
    it requires (the first: this service), the leeway on expiry, the JSON encoder, and the cache
    of verified access tokens (JWT_VERIFIED_TOKEN_CACHE_SIZE, 0 for none)."""
    size = token_settings.VERIFIED_TOKEN_CACHE_SIZE
    return {
        "verified_tokens": VerifiedTokens(size) if size else None,
        "audience": api_settings.AUDIENCE,
        # None only with JWT_AUDIENCE empty, which the system check tokens.E003 refuses.
        "accepted_audience": next(iter(token_settings.AUDIENCE), None),
        "issuer": api_settings.ISSUER,
        "leeway": api_settings.LEEWAY,
        "json_encoder": api_settings.JSON_ENCODER,
    }
