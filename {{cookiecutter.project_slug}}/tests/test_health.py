"""/healthz and /readyz tell load balancers whether this server can reach its database and its
cache."""

import pytest
from django.urls import reverse

URL = reverse("healthz")
READY = reverse("readyz")


def test_healthy_server_answers_200(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_health_is_never_cached(client, db):
    assert "no-store" in client.get(URL)["Cache-Control"]


def test_head_is_answered_for_probes_that_send_it(client, db):
    assert client.head(URL).status_code == 200


def test_health_cannot_be_posted_to(client, db):
    assert client.post(URL).status_code == 405


def test_unreachable_cache_answers_503(client, db, redis_unreachable, caplog):
    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}
    assert "healthz: cache unavailable" in caplog.text


def test_unreachable_database_answers_503(client, db, database_down, caplog):
    response = client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}
    # A load balancer probes every few seconds: one line each, with the cause.
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("healthz")]
    assert line.startswith("healthz: database unavailable: connection failed")
    assert "\n" not in line


@pytest.mark.parametrize("path", ["/healthz/", "/api/healthz"])
def test_health_lives_at_one_path_only(client, db, path):
    assert client.get(path).status_code == 404


def test_ready_server_answers_200(client, db):
    response = client.get(READY)

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client.head(READY).status_code == 200
    assert client.post(READY).status_code == 405


def test_not_ready_while_the_cache_is_unreachable(client, db, redis_unreachable, caplog):
    response = client.get(READY)

    assert response.status_code == 503
    assert response.json() == {"detail": "Not ready: cache unavailable.", "code": "not_ready"}
    assert response["Retry-After"] == "5"
    assert "readyz: cache unavailable" in caplog.text


def test_not_ready_while_the_database_is_down(client, db, database_down, caplog):
    response = client.get(READY)

    assert response.status_code == 503
    assert response.json() == {"detail": "Not ready: database unavailable.", "code": "not_ready"}
    assert response["Retry-After"] == "5"
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("readyz")]
    assert line.startswith("readyz: database unavailable: connection failed")
