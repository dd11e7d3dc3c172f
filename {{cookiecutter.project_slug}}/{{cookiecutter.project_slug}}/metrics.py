"""Prometheus metrics (prometheus-client): requests by view, method and status, their latency,
and the security events (events.py) by name: login and refresh outcomes among them.

GET /metrics answers the Prometheus text format to a scraper that sends
`Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN set, or without that header, it
answers 404, as for a path that does not exist. nginx (deploy/nginx.conf) refuses it to any
address outside private networks, as /healthz.

gunicorn runs several worker processes, each with its own counters: with PROMETHEUS_MULTIPROC_DIR
set (an empty directory the server can write; config/gunicorn.py empties it at start and drops a
dead worker's gauges) every worker writes its samples there and a scrape of any worker adds them
all up. Without it a scrape sees the one worker that answered.
"""

import hmac
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "http_requests", "Requests answered, by view, method and status.", ["view", "method", "status"]
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time from the request reaching Django to its answer, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
EVENTS = Counter("security_events", "Security events (events.py), by name.", ["event"])

# A request no URL pattern matched: one label for all, whatever path a scanner tries.
UNMATCHED = "unmatched"


class MetricsMiddleware:
    """Counts and times every request, labelled with its URL pattern's view name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        view = match.view_name if match is not None else UNMATCHED
        LATENCY.labels(view).observe(time.perf_counter() - started)
        REQUESTS.labels(view, request.method, response.status_code).inc()
        return response


def authorized(request: HttpRequest) -> bool:
    token: str = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not authorized(request):
        return HttpResponseNotFound()
    registry = REGISTRY
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        # prometheus-client 0.26's multiprocess module has no annotations.
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
