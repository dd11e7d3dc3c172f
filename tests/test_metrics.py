"""/metrics of a served bake: gunicorn's three workers, production settings, prometheus-client's
multiprocess mode (PROMETHEUS_MULTIPROC_DIR). A scrape of any one worker counts the requests of
all of them."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bakery import option_set
from harness.client import call
from harness.deployment import FROM_PROXY

pytestmark = pytest.mark.xdist_group("default")

TOKEN = "scraper-token-of-the-template-tests"
# Requests go out in concurrent batches until a second worker has answered: the kernel may hand
# one worker dozens of requests in a row (72 seen under load), sequential or not; at most LIMIT.
BATCH = 6
LIMIT = 600


@pytest.fixture
def production_variables(tmp_path) -> dict[str, str]:
    samples = tmp_path / "prometheus"
    samples.mkdir()
    (samples / "counter_1.db").write_bytes(b"left by a previous run")  # gunicorn empties it
    return {"METRICS_TOKEN": TOKEN, "PROMETHEUS_MULTIPROC_DIR": str(samples)}


@pytest.mark.parametrize("answers", [option_set("default")], indirect=True)
def test_a_scrape_adds_up_the_requests_of_every_worker(production_server, tmp_path):
    samples = tmp_path / "prometheus"
    sent = 0
    with ThreadPoolExecutor(BATCH) as pool:
        while sent < LIMIT and len(list(samples.glob("counter_*.db"))) < 2:
            batch = pool.map(lambda _: call("GET", f"{production_server}/healthz"), range(BATCH))
            assert [answer.status for answer in batch] == [200] * BATCH
            sent += BATCH
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
    assert counted[("http_requests_total", healthz)] == sent
    assert (
        counted[("http_request_duration_seconds_count", frozenset({("view", "healthz")}))] == sent
    )
    # More than one worker answered them (each writes its own file), and none is stale.
    workers = {path.name for path in samples.glob("counter_*.db")}
    assert len(workers) > 1, workers
    assert "counter_1.db" not in workers
