"""Property-based fuzzing of the whole API from its own OpenAPI schema: no request gets a 5xx.

schemathesis sends boundary values and random bodies to every operation, with a valid access
token. About 650 requests, a few seconds: deselected by default, run it with `pytest -m fuzz`.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from {{ cookiecutter.project_slug }}.tokens.tokens import AccessToken

from .helpers import bearer

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def api_schema(db, settings):
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis sends
    # As Django's test client does: a request must not close the connection that holds the
    # test's transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.fuzz
@schema.parametrize()
@hypothesis_settings(
    max_examples=10,
    deadline=None,
    database=None,  # no .hypothesis/ directory: every run starts fresh
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_request_makes_the_api_fail(case, user):
    headers = bearer(str(AccessToken.for_user(user)))
    authorization = {"Authorization": headers["HTTP_AUTHORIZATION"]}

    case.call_and_validate(headers=authorization, checks=[not_a_server_error])
