"""The request id: one name for everything a request causes, in the answer and in every log
record written while it is served.

The id is the request's `X-Request-ID` when that header is sane (1 to 128 letters, digits and
`.`, `_`, `:`, `-`: what proxies and load balancers generate, nothing that could forge a log
line), else a new random one. nginx sends its own for requests that come without one
(deploy/nginx.conf). A client can choose the id of its own requests, never another's records.
"""

import contextvars
import logging
import re
import secrets
from collections.abc import Callable

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
_SANE = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# Per thread and per asyncio task: concurrent requests never see each other's id.
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def current() -> str | None:
    """The id of the request being served, `None` outside a request."""
    return _current.get()


def _forget(**_kwargs: object) -> None:
    _current.set(None)


class RequestIdMiddleware:
    """Give every request its id (first in MIDDLEWARE, so every answer carries it, a redirect or
    a refused Host header's 400 included).

    The id stays set until Django has finished the request (its `request_finished` signal):
    the records Django writes after the middleware, such as "Not Found: /x", carry it too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        request_finished.connect(_forget, dispatch_uid=f"{__name__}.forget")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.META.get(_META_KEY)
        request_id = given if given and _SANE.fullmatch(given) else secrets.token_hex(16)
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record a handler writes: the request's id, or "-" outside a
    request (commands, start-up). Installed on the console handler by the logging settings."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get() or "-"
        return True
