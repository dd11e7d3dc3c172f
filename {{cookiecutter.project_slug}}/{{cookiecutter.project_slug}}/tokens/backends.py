"""A simplejwt token backend that names its key: `kid` in every token it signs, and the verifying
key chosen by the token's `kid` among the keys this service trusts.
"""

from typing import Any

import jwt
from django.utils.translation import gettext_lazy as _
from jwt import PyJWKClient
from rest_framework_simplejwt.backends import TokenBackend
from rest_framework_simplejwt.exceptions import TokenBackendError

from .keys import KeySet, PublicKey


class KeyIdTokenBackend(TokenBackend):
    """Signs with the key set's signing key; verifies with the key its `kid` names.

    An issuer holds a KeySet. A verifier-only service holds none and asks the issuer's JWKS URL
    instead (simplejwt's JWK_URL). Either way only `kid` picks the key: `jku`, `jwk` and `x5u`
    headers are never read, so a token cannot bring its own key. The algorithm stays pinned to
    the one in the settings, so a token cannot choose HMAC with a public key as its secret.
    """

    def __init__(
        self,
        algorithm: str,
        key_set: KeySet | None = None,
        jwks_client: PyJWKClient | None = None,
        **options: Any,
    ) -> None:
        super().__init__(algorithm, signing_key=None, **options)
        self.key_set = key_set
        self.jwks_client = jwks_client

    def encode(self, payload: dict[str, Any]) -> str:
        if self.key_set is None:
            raise TokenBackendError(_("This service verifies tokens only: it cannot sign them"))
        claims = payload.copy()
        if self.audience is not None:
            claims["aud"] = self.audience
        if self.issuer is not None:
            claims["iss"] = self.issuer
        return jwt.encode(
            claims,
            self.key_set.signing_key,
            algorithm=self.algorithm,
            headers={"kid": self.key_set.signing_kid},
            json_encoder=self.json_encoder,
        )

    def get_verifying_key(self, token: Any) -> PublicKey | Any:
        # simplejwt calls this inside its try block around jwt.decode: PyJWT's InvalidTokenError
        # from a malformed header becomes a 401 like every other bad token.
        if self.key_set is None:
            return super().get_verifying_key(token)
        kid = jwt.get_unverified_header(token).get("kid")
        key = self.key_set.verifying_keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise TokenBackendError(_("Token is invalid"))
        return key
