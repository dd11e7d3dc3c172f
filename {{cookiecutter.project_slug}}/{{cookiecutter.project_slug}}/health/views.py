"""/healthz and /readyz: can this server reach its database and its cache?

Both are anonymous, unthrottled (throttles use the cache they check) and never cached, and both
answer 200 when the database and the cache answer, 503 when either does not. /healthz, for
monitors, names each one's state: {"database": "ok", "cache": "unavailable"}. /readyz, for
orchestrators deciding whether to send traffic (compose's healthcheck), answers 503 in the API's
error shape, with Retry-After: {"detail": "Not ready: cache unavailable.", "code": "not_ready"}.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..errors import api_error, one_line
from .outages import RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    # A write: the rate limits write their counters, so a cache that only reads is no use.
    cache.set("healthz", "ok", timeout=60)


def state(check: Callable[[], None], service: str, probe: str) -> str:
    try:
        check()
    except Exception as error:  # whatever fails, the probe must answer
        logger.warning("%s: %s unavailable: %s", probe, service, one_line(error))
        return "unavailable"
    return "ok"


def states(probe: str) -> dict[str, str]:
    return {
        "database": state(check_database, "database", probe),
        "cache": state(check_cache, "cache", probe),
    }


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    found = states("healthz")
    healthy = all(value == "ok" for value in found.values())
    return JsonResponse(found, status=200 if healthy else 503)


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    down = [service for service, value in states("readyz").items() if value != "ok"]
    if not down:
        return JsonResponse({"database": "ok", "cache": "ok"})
    response = api_error(f"Not ready: {' and '.join(down)} unavailable.", "not_ready", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
