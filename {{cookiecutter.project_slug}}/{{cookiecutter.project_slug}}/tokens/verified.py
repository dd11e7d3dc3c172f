"""Access tokens this worker has verified, kept until they expire: a client that sends the same
token again skips the parsing and the signature check, as gateways such as Envoy do.

Only a token that passed every check of tokens/types.py is kept, under the whole token: a token
that differs by one character is another key, and is checked in full. An entry is dropped at the
token's `exp`, and after `max_age` seconds at the latest. What the cache does not skip: simplejwt's own
checks of the claims (expiry, token type) and, in the default mode, the user lookup, so a
deactivated user or a changed password still ends an access token at once.
"""

import pickle
import threading
import time
from collections import OrderedDict
from typing import Any

from django.utils.encoding import force_bytes
from rest_framework_simplejwt.settings import api_settings

# The longest an entry is answered: a verifier-only service passes its JWKS lifespan instead, so
# that a token of a key its issuer withdrew is checked again within as long (signing.py).
MAX_AGE = 300


class VerifiedTokens:
    """At most `size` verified access tokens' claims, in this process's memory, the least
    recently used dropped first when full.

    Thread-safe (gunicorn's threaded workers share it). The claims are stored pickled, so every
    hit returns claims of its own: a caller that changes them (refresh adds claims to an access
    token it has just read) cannot change what the next one reads.
    """

    def __init__(self, size: int, max_age: float = MAX_AGE) -> None:
        self.size = size
        self.max_age = max_age
        # token -> (the time it stops being answered, its pickled claims); oldest use first.
        self.entries: OrderedDict[bytes, tuple[float, bytes]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, token: str | bytes) -> dict[str, Any] | None:
        """The claims of `token` if this worker verified it before and it has not expired."""
        key = force_bytes(token)
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if time.time() >= entry[0]:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
        claims: dict[str, Any] = pickle.loads(entry[1])
        return claims

    def add(self, token: str | bytes, claims: dict[str, Any]) -> None:
        """Keep the claims of `token`, which passed every check, if it is an access token that
        expires."""
        expires = claims.get("exp")
        if claims.get(api_settings.TOKEN_TYPE_CLAIM) != "access" or not isinstance(
            expires, int | float
        ):
            return
        now = time.time()
        if expires <= now:
            return
        entry = (min(expires, now + self.max_age), pickle.dumps(claims, pickle.HIGHEST_PROTOCOL))
        key = force_bytes(token)
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
