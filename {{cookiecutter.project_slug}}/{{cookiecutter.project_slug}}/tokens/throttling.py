"""Rate limits on the token endpoints, the only place a password can be guessed.

Counters live in Django's cache: per process without REDIS_URL, shared by every server with it.
Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (settings/base.py).

While the cache is unreachable the two kinds of limit behave differently, on purpose:
- login fails closed (503): it is where passwords are guessed, and unthrottled it would let an
  attacker guess at full speed for as long as the outage lasts;
- refresh, verify and logout fail open (allowed, with a warning in the log): each needs a token
  signed with a key too long to guess, so their limit only sheds load, and failing them would
  log every client out as its access token expires, and keep anyone from logging out.
"""

import hashlib
import logging
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }}.health.outages import CACHE_ERRORS

logger = logging.getLogger(__name__)


class ClientRateThrottle(SimpleRateThrottle):
    """Counts requests per client address (REMOTE_ADDR, or X-Forwarded-For behind NUM_PROXIES)."""

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginRateThrottle(ClientRateThrottle):
    scope = "login"


class TokenRateThrottle(ClientRateThrottle):
    """Refresh, verify and logout: cheap for us, but still an oracle worth slowing down.

    Lets requests through while the cache is unreachable (see the module's docstring).
    """

    scope = "token"

    def allow_request(self, request: Request, view: APIView) -> bool:
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as error:
            logger.warning("cache unreachable, %s not rate-limited: %s", request.path, error)
            return True


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
