"""manage.py flushexpiredsessions: the sessions table's housekeeping, beside simplejwt's
flushexpiredtokens for the tokens' tables (docs/deployment.md, "Housekeeping")."""

from typing import Any

from django.core.management.base import BaseCommand

from ... import sessions


class Command(BaseCommand):
    help = "Delete the sessions whose newest refresh token has expired."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = sessions.forget_expired()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} expired session(s).")
