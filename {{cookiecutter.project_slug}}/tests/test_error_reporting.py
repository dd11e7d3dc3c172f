"""Errors reach Sentry when SENTRY_DSN is set, without a token, a password, a cookie or the
Authorization header: a local HTTP server stands in for Sentry and receives the SDK's envelopes.
The request goes through the WSGI application gunicorn serves (config/wsgi.py), where the SDK
reads the request's headers."""

import gzip
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sentry_sdk
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from {{ cookiecutter.project_slug }}.health.reporting import start

from .helpers import PASSWORD


@csrf_exempt  # as the API's views are
def fail(request: HttpRequest) -> HttpResponse:
    # A frame's local holding a token, as a view's would (the source line itself is sent).
    credentials = request.headers["Authorization"]
    raise RuntimeError(f"deliberate failure ({credentials.count('.')} dots)")


urlpatterns = [path("fail/", fail), path("", include("config.urls"))]


class Envelopes(BaseHTTPRequestHandler):
    """Keeps each body POSTed to it, as Sentry's envelope endpoint receives them."""

    received: list[bytes]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        assert encoding in ("", "gzip"), encoding
        self.received.append(gzip.decompress(body) if encoding == "gzip" else body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def items(envelope: bytes) -> Iterator[tuple[dict[str, Any], bytes]]:
    """An envelope's items: a JSON header line, then each item's JSON header and its payload."""
    _, _, rest = envelope.partition(b"\n")
    while rest.strip():
        line, _, rest = rest.partition(b"\n")
        header = json.loads(line)
        if "length" in header:
            payload, rest = rest[: header["length"]], rest[header["length"] + 1 :]
        else:
            payload, _, rest = rest.partition(b"\n")
        yield header, payload


@pytest.fixture
def sentry() -> Iterator[list[bytes]]:
    received: list[bytes] = []
    handler = type("Handler", (Envelopes,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        start(f"http://public@127.0.0.1:{server.server_port}/1", "test")
        yield received
    finally:
        # Reporting stops for the tests that follow.
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_reporting_is_off_without_a_dsn():
    start("", "production")

    assert not sentry_sdk.get_client().is_active()


@pytest.mark.urls(__name__)
def test_an_error_reaches_sentry_without_secrets(sentry, tokens):
    body = json.dumps({"password": PASSWORD, "refresh": tokens["refresh"]}).encode()
    statuses: list[str] = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/fail/",
        "QUERY_STRING": "token=query-SECRET",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_AUTHORIZATION": f"Bearer {tokens['access']}",
        "HTTP_COOKIE": f"refresh={tokens['refresh']}; sessionid=session-SECRET",
        "HTTP_X_REQUEST_ID": "sentry-test-1",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }

    def start_response(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
        statuses.append(status)
        return lambda data: None

    b"".join(get_wsgi_application()(environ, start_response))
    sentry_sdk.flush(timeout=10)

    assert statuses == ["500 Internal Server Error"]
    events = [
        json.loads(payload)
        for envelope in sentry
        for header, payload in items(envelope)
        if header["type"] == "event"
    ]
    assert events, "no event reached the server"
    (exception,) = events[0]["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "deliberate failure (2 dots)"
    assert events[0]["request"] == {
        "method": "POST",
        "url": "http://testserver/fail/",
        "headers": {
            "Content-Length": events[0]["request"]["headers"]["Content-Length"],
            "Content-Type": "application/json",
            "Host": "testserver",
            "X-Request-Id": "sentry-test-1",
        },
    }
    # Nothing of the headers left out above, the cookies, the body, the query string, the
    # client's address, or the view's local holding the access token.
    everything = b"".join(sentry)
    for secret in (tokens["access"], tokens["refresh"], PASSWORD, "SECRET", "192.0.2.7"):
        assert secret.encode() not in everything, secret
