"""A simplejwt token backend that names its key: `kid` in every token it signs, and the verifying
key chosen by the token's `kid` among the keys this service trusts.
"""

import functools
import json
import threading
import time
from typing import Any

import jwt
from django.utils.encoding import force_bytes
from django.utils.translation import gettext_lazy as _
from jwt import PyJWKClient
from jwt.exceptions import PyJWTError
from rest_framework_simplejwt.exceptions import TokenBackendError

from .keys import KeySet, PublicKey
from .types import TypedTokenBackend


class KeyIdTokenBackend(TypedTokenBackend):
    """Signs with the key set's signing key; verifies with the key its `kid` names.

    An issuer holds a KeySet. A verifier-only service holds none and asks the issuer's JWKS URL
    instead, through `jwks_client` (PyJWT's, which keeps its copy for its lifespan). Either way
    only `kid` picks the key: `jku`, `jwk` and `x5u` headers are never read, so a token cannot
    bring its own key. The algorithm stays pinned to the one in the settings, so a token cannot
    choose HMAC with a public key as its secret.

    A kid the verifier's copy lacks (a rotation) fetches the JWKS again at once, unless another
    did less than `refetch_interval` seconds ago: tokens naming made-up kids cannot make it
    hammer the issuer, and a new key waits that long at most.
    """

    def __init__(
        self,
        algorithm: str,
        key_set: KeySet | None = None,
        jwks_client: PyJWKClient | None = None,
        refetch_interval: float = 0,
        **options: Any,
    ) -> None:
        super().__init__(algorithm, signing_key=None, **options)
        self.key_set = key_set
        self.jwks_client = jwks_client
        self.refetch_interval = refetch_interval
        self.next_refetch = 0.0
        self.refetch_lock = threading.Lock()
        # What views/jwks.py publishes, encoded once: the key set's public keys, if any.
        self.jwks_json = json.dumps(key_set.jwks if key_set else {"keys": []}).encode()

    def signing_key_and_headers(self) -> tuple[Any, dict[str, str]]:
        if self.key_set is None:
            raise TokenBackendError(_("This service verifies tokens only: it cannot sign them"))
        return self.key_set.signing_key, {"kid": self.key_set.signing_kid}

    def get_verifying_key(self, token: Any) -> PublicKey | Any:
        # simplejwt calls this inside its try block around jwt.decode: PyJWT's InvalidTokenError
        # from a malformed header becomes a 401 like every other bad token.
        kid = header_kid(force_bytes(token).partition(b".")[0])
        if not isinstance(kid, str):
            key = None
        elif self.key_set is not None:
            key = self.key_set.verifying_keys.get(kid)
        else:
            key = self.issuer_key(kid)
        if key is None:
            raise TokenBackendError(_("Token is invalid"))
        return key

    def issuer_key(self, kid: str) -> Any | None:
        """The public key the issuer's JWKS names `kid`, None if it names none; fetched again
        first if the copy lacks it and the last such fetch is `refetch_interval` seconds old."""
        client = self.jwks_client
        if client is None:
            return None
        try:
            found = client.match_kid(client.get_signing_keys(), kid)
            if found is None and self.may_refetch():
                found = client.match_kid(client.get_signing_keys(refresh=True), kid)
        except PyJWTError as error:  # the issuer unreachable, or its answer no JWKS
            raise TokenBackendError(_("Token is invalid")) from error
        return found.key if found else None

    def may_refetch(self) -> bool:
        """Whether an unknown kid may fetch the JWKS now (and, if so, none may for a while)."""
        with self.refetch_lock:
            now = time.monotonic()
            if now < self.next_refetch:
                return False
            self.next_refetch = now + self.refetch_interval
            return True


# Every token one key signs has the same header, byte for byte: the key ids of the last few
# headers seen, so that choosing the key reads the header alone, and only the first time.
# jwt.get_unverified_header(token) checks the base64 of every segment of the whole token (a fifth
# of what verifying an ES256 token costs), which PyJWT then parses again to verify it, header
# included.
@functools.lru_cache(maxsize=16)
def header_kid(header_segment: bytes) -> object:
    """The `kid` of the JOSE header `header_segment` (the first segment of a token), unverified;
    PyJWT's InvalidTokenError if it is no header."""
    # The header alone, as a token with an empty payload and signature.
    return jwt.get_unverified_header(header_segment + b"..").get("kid")
