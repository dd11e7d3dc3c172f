"""Every answer carries its request's id, and so does every log record the request causes: the
client's own X-Request-ID when it is sane, a new one otherwise."""

import logging
import re

import pytest

from {{ cookiecutter.project_slug }}.request_id import HEADER

GENERATED = re.compile(r"[0-9a-f]{32}")


def test_a_sane_request_id_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.2:x_y-z")

    assert response[HEADER] == "lb-7f3a.2:x_y-z"


@pytest.mark.parametrize(
    "given",
    ["", "a" * 129, "two words", "line\nbreak", "<script>", "caf\u00e9", "a;b", "a/b"],
)
def test_an_insane_request_id_is_replaced(client, given):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=given)

    assert GENERATED.fullmatch(response[HEADER])


def test_every_request_without_one_gets_a_new_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")

    assert GENERATED.fullmatch(first[HEADER])
    assert first[HEADER] != second[HEADER]


def test_djangos_own_records_of_the_request_carry_its_id(client, log_records):
    response = client.get("/api/no-such-thing/", HTTP_X_REQUEST_ID="missing-1")

    assert response.status_code == 404
    [record] = [r for r in log_records if r.name == "django.request"]
    assert record.request_id == "missing-1"


def test_records_outside_a_request_carry_no_id(client, log_records):
    client.get("/healthz", HTTP_X_REQUEST_ID="done-1")
    logging.getLogger("outside").warning("after the request")

    [record] = [r for r in log_records if r.name == "outside"]
    assert record.request_id == "-"


def test_a_refused_host_is_one_warning_without_a_traceback(client, log_records):
    response = client.get("/healthz", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    [record] = [r for r in log_records if r.name.startswith("django.security")]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None
    assert "attacker.example" in record.getMessage()
    assert [r for r in log_records if r.levelno >= logging.ERROR] == []
