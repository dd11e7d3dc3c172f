"""A simplejwt token backend that names its key: `kid` in every token it signs, and the verifying
key chosen by the token's `kid` among the keys this service trusts.
"""

import json
from typing import Any

import jwt
from django.utils.translation import gettext_lazy as _
from jwt import PyJWKClient
from rest_framework_simplejwt.exceptions import TokenBackendError

from .keys import KeySet, PublicKey
from .types import TypedTokenBackend


class KeyIdTokenBackend(TypedTokenBackend):
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
        # What views/jwks.py publishes, encoded once: the key set's public keys, if any.
        self.jwks_json = json.dumps(key_set.jwks if key_set else {"keys": []}).encode()

    def signing_key_and_headers(self) -> tuple[Any, dict[str, str]]:
        if self.key_set is None:
            raise TokenBackendError(_("This service verifies tokens only: it cannot sign them"))
        return self.key_set.signing_key, {"kid": self.key_set.signing_kid}

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
