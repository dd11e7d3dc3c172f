"""manage.py requeue_mail: the mail worker's recovery, run by cron (docs/deployment.md, "The mail
worker")."""

from typing import Any

from django.core.management.base import BaseCommand

from ... import emails


class Command(BaseCommand):
    help = (
        "Enqueue again the account mails whose task no worker finished (its worker died): those "
        "neither sent nor given up on, due over MAIL_REQUEUE_AFTER seconds ago."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = emails.requeue_overdue()
        if options["verbosity"]:
            self.stdout.write(f"Enqueued {requeued} overdue mail(s) again.")
