"""`manage.py migrate` holds a PostgreSQL advisory lock while it runs, so servers that start
together migrate one after the other instead of all at once."""

from django.core.management import call_command
from django.db import connection
from django.db.models.signals import pre_migrate

from {{ cookiecutter.project_slug }}.database.management.commands.migrate import MIGRATE_LOCK_ID


def holds_migrate_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND pid = pg_backend_pid() AND classid = 0 AND objid = %s",
            [MIGRATE_LOCK_ID],
        )
        return cursor.fetchone()[0] == 1


def test_migrate_holds_the_lock_while_it_runs_and_releases_it(db):
    seen_while_migrating = []

    def record(**kwargs):
        seen_while_migrating.append(holds_migrate_lock())

    pre_migrate.connect(record)
    try:
        call_command("migrate", verbosity=0)
    finally:
        pre_migrate.disconnect(record)

    assert seen_while_migrating
    assert all(seen_while_migrating)
    assert not holds_migrate_lock()
