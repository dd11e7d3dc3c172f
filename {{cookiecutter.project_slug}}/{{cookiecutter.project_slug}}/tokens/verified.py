"""Access tokens this worker has verified, kept until they expire: a client that sends the same
token again skips the parsing and the signature check, as gateways such as Envoy do.

Only a token that passed every check of tokens/types.py is kept; the key is a SHA-256 of the
whole token and the stored token must equal the one sent, so a token that differs by one
character is checked in full. An entry is dropped at the token's `exp`, and after MAX_AGE at the
latest. What the cache does not skip: simplejwt's own checks of the claims (expiry, token type)
and, in the default mode, the user lookup, so a deactivated user or a changed password still
ends an access token at once.
"""

import hashlib
import time
import uuid
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.utils.encoding import force_bytes
from rest_framework_simplejwt.settings import api_settings

# A verifier-only service learns that its issuer dropped a key when its JWKS copy expires
# (PyJWKClient: 300 s); its cached tokens signed with that key are checked again within as long.
MAX_AGE = 300


class DigestKeyedCache(LocMemCache):
    """LocMemCache for keys that are SHA-256 hex digests."""

    def validate_key(self, key: str) -> None:
        """Nothing to warn about: Django's check (memcached's limits on keys, character by
        character, as its documentation allows skipping) cost a third of a cache hit."""


class VerifiedTokens:
    """At most `size` verified access tokens' claims, in this process's memory.

    Django's LocMemCache does the bookkeeping: thread-safe, bounded (when full it drops the
    least recently used third) and each entry timed out at its own expiry; it stores a pickled
    copy, so every hit returns claims of its own that no caller can change for the next.
    """

    def __init__(self, size: int) -> None:
        # A location of its own: LocMemCache instances with one name share their entries.
        self.cache = DigestKeyedCache(
            f"verified-tokens-{uuid.uuid4()}", {"OPTIONS": {"MAX_ENTRIES": size}}
        )

    @staticmethod
    def key(token: bytes) -> str:
        return hashlib.sha256(token).hexdigest()

    def get(self, token: str | bytes) -> dict[str, Any] | None:
        """The claims of `token` if this worker verified it before and it has not expired."""
        raw = force_bytes(token)
        found = self.cache.get(self.key(raw))
        if found is None or found[0] != raw:
            return None
        claims: dict[str, Any] = found[1]
        return claims

    def add(self, token: str | bytes, claims: dict[str, Any]) -> None:
        """Keep the claims of `token`, which passed every check, if it is an access token that
        expires."""
        expires = claims.get("exp")
        if claims.get(api_settings.TOKEN_TYPE_CLAIM) != "access" or not isinstance(
            expires, int | float
        ):
            return
        timeout = min(expires - time.time(), MAX_AGE)
        if timeout > 0:
            raw = force_bytes(token)
            self.cache.set(self.key(raw), (raw, claims), timeout)

    def clear(self) -> None:
        self.cache.clear()
