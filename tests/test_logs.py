"""What a server writes to its log, read as an operator reads it: the default bake under
gunicorn and production settings, through a login, a refresh and a refresh token's reuse.

`pytest -s` prints the lines the flow wrote.
"""

import json
import time
from pathlib import Path

import pytest

from bakery import option_set
from harness.client import call
from harness.deployment import FROM_PROXY, PASSWORD

pytestmark = pytest.mark.xdist_group("default")

# Every line of a record names these; the security events these too.
RECORD_FIELDS = {"time", "level", "logger", "message", "request_id"}
EVENT_FIELDS = {"event", "client"}


@pytest.fixture
def production_variables() -> dict[str, str]:
    # One worker: once it has answered, no worker's start-up lines are still to come. (gunicorn
    # writes no access log unless GUNICORN_ACCESS_LOG names one.)
    return {"GUNICORN_CMD_ARGS": "--workers 1"}


def lines_since(log: Path, offset: int, expected: int) -> list[str]:
    """The lines written to `log` after `offset`, once there are at least `expected` of them
    (records may reach the file just after the answer)."""
    deadline = time.monotonic() + 5
    while True:
        lines = log.read_text()[offset:].splitlines()
        if len(lines) >= expected or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


@pytest.mark.parametrize("answers", [option_set("default")], indirect=True)
def test_a_login_refresh_and_reuse_write_json_lines_with_ids_and_no_secrets(
    production_server, tmp_path
):
    api = f"{production_server}/api"
    log = tmp_path / "gunicorn.log"
    assert call("GET", f"{production_server}/healthz").status == 200
    offset = len(log.read_text())

    def send(step: str, path: str, body: dict) -> dict:
        answer = call("POST", f"{api}{path}", body, headers=FROM_PROXY | {"X-Request-ID": step})
        assert answer.headers["X-Request-ID"] == step
        return answer.body

    failed = send("step-1-failed-login", "/token/", {"username": "admin", "password": "guess"})
    tokens = send("step-2-login", "/token/", {"username": "admin", "password": PASSWORD})
    renewed = send("step-3-refresh", "/token/refresh/", {"refresh": tokens["refresh"]})
    reused = send("step-4-reuse", "/token/refresh/", {"refresh": tokens["refresh"]})
    lines = lines_since(log, offset, expected=6)
    print("\n".join(lines))

    assert failed == {"detail": "No active account found with the given credentials"}
    assert reused["code"] == "token_reused"
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all(record.keys() >= RECORD_FIELDS for record in records), records
    events = {
        record["event"]: record for record in records if record["logger"].endswith(".events")
    }
    assert events.keys() == {
        "login.failed",
        "login.succeeded",
        "token.refreshed",
        "token.reuse_detected",
    }
    assert all(event.keys() >= EVENT_FIELDS for event in events.values())
    assert events["login.failed"]["login"] == "admin"
    assert events["login.failed"]["level"] == "WARNING"
    assert events["login.failed"]["request_id"] == "step-1-failed-login"
    assert events["login.succeeded"]["request_id"] == "step-2-login"
    assert events["token.refreshed"]["request_id"] == "step-3-refresh"
    assert events["token.reuse_detected"]["request_id"] == "step-4-reuse"
    user_id = events["login.succeeded"]["user_id"]
    assert events["token.refreshed"]["user_id"] == events["token.reuse_detected"]["user_id"]
    assert events["token.refreshed"]["user_id"] == user_id
    assert {event["client"] for event in events.values()} == {"127.0.0.1"}
    # Django's own records of the refused requests carry their ids too.
    refused = [r for r in records if r["logger"] == "django.request"]
    assert {r["request_id"] for r in refused} >= {"step-1-failed-login", "step-4-reuse"}
    text = "\n".join(lines)
    for secret in (PASSWORD, "guess", *tokens.values(), *renewed.values()):
        assert secret not in text
