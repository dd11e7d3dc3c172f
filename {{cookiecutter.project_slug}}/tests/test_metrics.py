"""/metrics: requests by view, method and status, their latency, and the security events, in
Prometheus's text format, for a scraper holding METRICS_TOKEN and nobody else."""

from functools import partial

import pytest
from django.test import Client
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from .helpers import ALICE, credentials, refresh_token_in, refresh_with

TOKEN = "scraper-token-of-the-tests"
URL = reverse("metrics")

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture
def scrape(settings):
    settings.METRICS_TOKEN = TOKEN
    scraper = Client()

    def read() -> Samples:
        response = scraper.get(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=")
        return {
            (sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(response.content.decode())
            for sample in family.samples
        }

    return read


def change(before: Samples, after: Samples, name: str, **labels: str) -> float:
    key = (name, frozenset(labels.items()))
    return after.get(key, 0.0) - before.get(key, 0.0)


def test_requests_are_counted_and_timed_by_view_and_status(client, db, scrape):
    before = scrape()
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no-such-thing/")
    client.get("/wp-login.php")
    grown = partial(change, before, scrape())

    assert grown("http_requests_total", view="healthz", method="GET", status="200") == 2
    assert grown("http_request_duration_seconds_count", view="healthz") == 2
    assert grown("http_request_duration_seconds_bucket", view="healthz", le="+Inf") == 2
    assert grown("http_request_duration_seconds_sum", view="healthz") > 0
    # Paths nothing answers share one label, whatever a scanner tries.
    assert grown("http_requests_total", view="unmatched", method="GET", status="404") == 2


def test_login_and_refresh_outcomes_are_counted(api_client, user, scrape):
    before = scrape()
    api_client.post(reverse("token_obtain_pair"), credentials(ALICE, "wrong password"))
    login = api_client.post(reverse("token_obtain_pair"), credentials())
    refresh_with(api_client, refresh_token_in(login))
    after = scrape()

    assert change(before, after, "security_events_total", event="login.failed") == 1
    assert change(before, after, "security_events_total", event="login.succeeded") == 1
    assert change(before, after, "security_events_total", event="token.refreshed") == 1


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Token {TOKEN}", TOKEN])
def test_metrics_are_not_found_without_the_token(client, settings, authorization):
    settings.METRICS_TOKEN = TOKEN
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}

    assert client.get(URL, **headers).status_code == 404


def test_metrics_are_not_found_while_no_token_is_set(client, settings):
    settings.METRICS_TOKEN = ""

    assert client.get(URL, HTTP_AUTHORIZATION="Bearer ").status_code == 404
