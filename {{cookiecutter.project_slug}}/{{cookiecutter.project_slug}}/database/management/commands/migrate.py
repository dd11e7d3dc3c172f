"""Django's `migrate`, one server at a time: safe when several servers start together.

Two servers migrating the same database at once would both find a migration unapplied and both
apply it; the second fails ("relation already exists") and its server does not start. Here each
takes a PostgreSQL advisory lock first, so the second waits for the first, then finds nothing
left to do. The lock belongs to the database session, so a migrate that dies releases it.
"""

from typing import Any

from django.core.management.commands import migrate
from django.db import connections

# Any number no other advisory lock on this database uses (these are the bytes of "migr").
MIGRATE_LOCK_ID = 0x6D696772


class Command(migrate.Command):
    help = f"{migrate.Command.help} Waits for any other migrate on the same database to finish."

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_ID])
        try:
            super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_ID])
