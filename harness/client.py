"""One HTTP request to a served bake, as a test makes it: every answer is data, a hang fails
the test."""

import contextlib
import http.client
import json
import ssl
import time
import urllib.parse
from dataclasses import dataclass
from email.message import Message
from typing import Any

import pytest

# A request that has not answered after this long is hung (gunicorn would kill its worker at 30 s).
HANG_LIMIT = 10


@dataclass(frozen=True)
class Answer:
    """What a server answered: the status, the body (JSON, or text where it is not JSON, as in
    Django's HTML error pages), the headers, and the seconds it took."""

    status: int
    body: Any
    headers: Message
    seconds: float

    def __repr__(self) -> str:
        return f"<{self.status} {self.body!r} in {self.seconds:.2f} s>"


def call(
    method: str,
    url: str,
    body: dict | None = None,
    token: str = "",
    keyword: str = "Bearer",
    headers: dict[str, str] | None = None,
    source: str | None = None,
    tls: ssl.SSLContext | None = None,
) -> Answer:
    """One HTTP request, a JSON `body` and `token` (sent after `keyword`) if given, from loopback
    address `source` if given; an https `url` with `tls`, which trusts the server's certificate.
    Errors and redirects are answers: nothing is raised, no redirect followed. Fails the test if no
    answer comes within HANG_LIMIT seconds, and asserts that the answer shows no traceback."""
    target = urllib.parse.urlsplit(url)
    options: dict[str, Any] = {"timeout": HANG_LIMIT}
    if source is not None:
        options["source_address"] = (source, 0)
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.hostname, target.port, context=tls, **options
        )
    else:
        connection = http.client.HTTPConnection(target.hostname, target.port, **options)
    path = target.path or "/"
    if target.query:
        path += f"?{target.query}"
    started = time.monotonic()
    with contextlib.closing(connection):
        try:
            connection.request(
                method,
                path,
                json.dumps(body).encode() if body is not None else None,
                {"Content-Type": "application/json"}
                | ({"Authorization": f"{keyword} {token}"} if token else {})
                | (headers or {}),
            )
            response = connection.getresponse()
            content = response.read()
        except TimeoutError:
            pytest.fail(f"{method} {url} did not answer within {HANG_LIMIT} s")
    seconds = time.monotonic() - started
    assert b"Traceback" not in content, content
    return Answer(response.status, _decoded(content), response.headers, seconds)


def _decoded(body: bytes):
    """A response body as JSON, or as text when it is not JSON (Django's HTML error pages)."""
    try:
        return json.loads(body or b"null")
    except ValueError:
        return body.decode(errors="replace")
