"""The limit on password changes per account: with a stolen access token, the current password
could otherwise be guessed there as fast as requests go (login's limits count per address and
per username in the body, and this body names no user)."""

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView


class PasswordChangeRateThrottle(SimpleRateThrottle):
    """Counts password changes per signed-in account, whatever address they come from. Fails
    closed (503) while the cache is unreachable, as login does."""

    scope = "password_change"

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
