"""Rate limits on the token endpoints, the only place a password can be guessed.

Counters live in Django's cache: per process without REDIS_URL, shared by every server with it.
Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (settings/base.py).
"""

import hashlib
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView


class ClientRateThrottle(SimpleRateThrottle):
    """Counts requests per client address (REMOTE_ADDR, or X-Forwarded-For behind NUM_PROXIES)."""

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginRateThrottle(ClientRateThrottle):
    scope = "login"


class TokenRateThrottle(ClientRateThrottle):
    """Refresh, verify and logout: cheap for us, but still an oracle worth slowing down."""

    scope = "token"


class LoginUsernameRateThrottle(SimpleRateThrottle):
    """Counts login attempts per username, whatever address they come from.

    Guessing one account's password from many addresses hits this limit; the per-address limit
    catches one address trying many accounts.
    """

    scope = "login_username"
    username_field = get_user_model().USERNAME_FIELD

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data
        username = data.get(self.username_field) if isinstance(data, Mapping) else None
        if not isinstance(username, str):
            return None  # the serializer refuses the request anyway
        # Hashed: usernames may be long or hold characters a cache key cannot.
        ident = hashlib.sha256(username.casefold().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
