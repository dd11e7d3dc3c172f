"""What a request gets while the database or the cache cannot be reached: a quick 503.

Without this, the exception would become a 500 with a traceback in the log for every request of
the outage. A 503 with Retry-After tells clients and load balancers that the condition is
temporary; the server recovers by itself, as the next request reconnects.
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ..errors import CACHE_ERRORS, DATABASE_ERRORS, api_error, is_api, one_line

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
UNAVAILABLE = "Service temporarily unavailable, try again later."


class ServiceUnavailableMiddleware:
    """Answers 503 for a view that raised one of the errors above: JSON under /api/, plain text
    elsewhere, with Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_ERRORS):
            service = "database"
        elif isinstance(exception, CACHE_ERRORS):
            service = "cache"
        else:
            return None
        # One line instead of a traceback: an outage would otherwise flood the log.
        logger.warning(
            "%s unreachable, %s %s answered 503: %s",
            service,
            request.method,
            request.path,
            one_line(exception),
        )
        response: HttpResponse
        if is_api(request):
            response = api_error(UNAVAILABLE, "service_unavailable", status=503)
        else:
            response = HttpResponse(
                f"{UNAVAILABLE}\n", status=503, content_type="text/plain; charset=utf-8"
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
