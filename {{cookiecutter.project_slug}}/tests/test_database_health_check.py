"""A connection a server keeps between requests is checked before the next request uses it
(CONN_HEALTH_CHECKS, production settings): one the database ended meanwhile is replaced instead
of failing the request, and the check of a sound one sends the database nothing
(database/postgresql/)."""

import time
from collections.abc import Iterator

import pytest
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from {{ cookiecutter.project_slug }}.database.postgresql.base import readable

pytestmark = pytest.mark.django_db


def new_connection() -> BaseDatabaseWrapper:
    """A connection of its own to the test database, kept and checked as production keeps its
    connections (outside the test's transaction)."""
    settings = {**connection.settings_dict, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    wrapper: BaseDatabaseWrapper = type(connections["default"])(settings, "default")
    wrapper.ensure_connection()
    return wrapper


@pytest.fixture
def kept() -> Iterator[BaseDatabaseWrapper]:
    wrapper = new_connection()
    yield wrapper
    wrapper.close()


def backend_pid(wrapper: BaseDatabaseWrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid: int = cursor.fetchone()[0]
        return pid


def last_statement_of(pid: int) -> str:
    """The last statement the database received on connection `pid`, as it reports now."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        query: str = cursor.fetchone()[0]
        return query


def next_request(wrapper: BaseDatabaseWrapper) -> None:
    """What Django does with a kept connection as a request starts (request_started)."""
    wrapper.close_if_unusable_or_obsolete()


def test_a_sound_connection_is_checked_without_a_statement(kept):
    pid = backend_pid(kept)
    next_request(kept)

    assert kept.is_usable()
    assert last_statement_of(pid) == "SELECT pg_backend_pid()"


def test_a_connection_the_database_ended_is_replaced_before_the_next_request_uses_it(kept):
    pid = backend_pid(kept)
    with connection.cursor() as cursor:  # as a restart or a failover would
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])

    next_request(kept)

    assert backend_pid(kept) != pid


def test_a_message_the_database_sends_unasked_is_checked_with_a_statement(kept):
    pid = backend_pid(kept)
    # A notification makes the socket readable without ending the connection.
    with kept.cursor() as cursor:
        cursor.execute("LISTEN health_check")
    notifier = new_connection()
    try:
        with notifier.cursor() as cursor:
            cursor.execute("NOTIFY health_check")
    finally:
        notifier.close()
    deadline = time.monotonic() + 5
    while not readable(kept.connection.fileno()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert readable(kept.connection.fileno())

    assert kept.is_usable()
    assert last_statement_of(pid) == "SELECT 1"
