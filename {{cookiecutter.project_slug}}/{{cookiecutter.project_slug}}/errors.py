"""Error answers: JSON under /api/, so API clients never receive an HTML page or a traceback.

DRF already answers errors raised inside its views as JSON; these cover what happens outside
them (an unknown /api/ URL, an unhandled exception, a request Django itself refuses, an outage).
Every body has DRF's shape, `{"detail": ..., "code": ...}`, and is built by `api_error`. The
errors that mean a service is out of reach are here too, for every app to catch.
"""

import redis
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.common import no_append_slash
from django.views.decorators.csrf import csrf_exempt

API_PREFIX = "/api/"

# PEP 249's OperationalError is "not necessarily under the control of the programmer": a lost
# connection, a database that refuses connections, a deadlock; InterfaceError, a connection
# already closed. Programming errors (a missing table, bad SQL) stay 500s.
DATABASE_ERRORS = (OperationalError, InterfaceError)
CACHE_ERRORS = (redis.ConnectionError, redis.TimeoutError)


def one_line(error: BaseException) -> str:
    """An error's message on one line, for a log that stays one line a request through an
    outage (psycopg's connection errors add a second, indented line)."""
    return " ".join(str(error).split())


def is_api(request: HttpRequest) -> bool:
    """Whether `request` is for the API, which answers JSON only."""
    return request.path.startswith(API_PREFIX)


def api_error(detail: str, code: str, status: int) -> JsonResponse:
    """An error answer in DRF's JSON shape: `{"detail": detail, "code": code}`."""
    return JsonResponse({"detail": detail, "code": code}, status=status)


# As handler404 answers: a POST is a 404 too, not a 403 for its CSRF token, and a URL without
# its trailing slash is not redirected here.
@csrf_exempt
@no_append_slash
def api_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 of an /api/ URL nothing else answers.

    config/urls.py also routes unmatched /api/ URLs here: with DEBUG on (the development server),
    Django answers its HTML debug page instead of calling handler404.
    """
    return api_error("Not found.", "not_found", status=404)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return api_error("Bad request.", "bad_request", status=400)
    return defaults.bad_request(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return api_error("Server error.", "server_error", status=500)
    return defaults.server_error(request)
