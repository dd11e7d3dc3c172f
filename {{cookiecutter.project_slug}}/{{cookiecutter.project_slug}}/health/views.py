"""/healthz: can this server reach its database and its cache? For load balancers and monitors.

Anonymous, unthrottled (throttles use the cache it checks) and never cached. 200 when both
answer, 503 when either does not, with each one's state in the body:
{"database": "ok", "cache": "unavailable"}.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..errors import one_line

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    # A write: the rate limits write their counters, so a cache that only reads is no use.
    cache.set("healthz", "ok", timeout=60)


def state(check: Callable[[], None], service: str) -> str:
    try:
        check()
    except Exception as error:  # whatever fails, the probe must answer
        logger.warning("healthz: %s unavailable: %s", service, one_line(error))
        return "unavailable"
    return "ok"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    states = {"database": state(check_database, "database"), "cache": state(check_cache, "cache")}
    healthy = all(value == "ok" for value in states.values())
    return JsonResponse(states, status=200 if healthy else 503)
