"""/metrics of a served bake: gunicorn's three workers, production settings, prometheus-client's
multiprocess mode (PROMETHEUS_MULTIPROC_DIR). A scrape of any one worker counts the requests of
all of them."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bakery import option_set
from harness.client import call
from harness.deployment import FROM_PROXY

pytestmark = pytest.mark.xdist_group("default")

TOKEN = "scraper-token-of-the-template-tests"
REQUESTS = 30


@pytest.fixture
def production_variables(tmp_path) -> dict[str, str]:
    samples = tmp_path / "prometheus"
    samples.mkdir()
    (samples / "counter_1.db").write_bytes(b"left by a previous run")  # gunicorn empties it
    return {"METRICS_TOKEN": TOKEN, "PROMETHEUS_MULTIPROC_DIR": str(samples)}


@pytest.mark.parametrize("answers", [option_set("default")], indirect=True)
def test_a_scrape_adds_up_the_requests_of_every_worker(production_server, tmp_path):
    for _ in range(REQUESTS):
        assert call("GET", f"{production_server}/healthz").status == 200
    refused = call("GET", f"{production_server}/metrics", headers=FROM_PROXY)
    scrape = call("GET", f"{production_server}/metrics", token=TOKEN, headers=FROM_PROXY)
    print(scrape.body)

    assert refused.status == 404
    assert scrape.status == 200
    assert scrape.headers["Content-Type"].startswith("text/plain; version=")
    counted = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(scrape.body)
        for sample in family.samples
    }
    healthz = frozenset({"view": "healthz", "method": "GET", "status": "200"}.items())
    assert counted[("http_requests_total", healthz)] == REQUESTS
    assert (
        counted[("http_request_duration_seconds_count", frozenset({("view", "healthz")}))]
        == REQUESTS
    )
    # More than one worker answered them (each writes its own file), and none is stale.
    workers = {path.name for path in (tmp_path / "prometheus").glob("counter_*.db")}
    assert len(workers) > 1, workers
    assert "counter_1.db" not in workers
