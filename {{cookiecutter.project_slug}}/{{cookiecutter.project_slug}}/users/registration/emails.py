"""The account mails: plain text, from templates/users/email/, linking to the front end
(DJANGO_FRONTEND_URL), sent by the worker (`python manage.py db_worker`), never in the request.

Every mail the account flows send goes through `send`, which stores it (models.Mail) and
enqueues the task that sends it (`deliver`), in the request's database: both are kept or lost
together, and the request takes as long whatever the mail. The task names the mail's row only:
the link waits in that row, and leaves the database once the mail server took the mail, or once
the last attempt failed (settings MAIL_ATTEMPTS, MAIL_RETRY_DELAY).

A worker killed mid-send leaves its task taken for good: `requeue_overdue` (`manage.py
requeue_mail`, run by cron) enqueues such a mail again once MAIL_REQUEUE_AFTER seconds have passed
since its task was due or its attempt began. Mails go out at least once: a mail the server took
just before its worker died, before its row was deleted, is sent twice; none is lost.
"""

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import django
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ... import events
from .models import Mail

# Django 6's tasks framework, or on Django 5.2 (Python 3.11) its backport, django-tasks, the
# same API; the type checker reads Django's (django-stubs).
if TYPE_CHECKING or django.VERSION >= (6, 0):
    from django.tasks import task
else:
    from django_tasks import task


def send(template: str, to: str, **context: Any) -> None:
    """Have the worker send the mail `template` to `to`."""
    with transaction.atomic():
        mail = Mail.objects.create(template=template, to=to, context=context)
        deliver.enqueue(mail.pk)


@task()
def deliver(mail_id: int) -> None:
    """Send this mail; if that fails, try again later, up to MAIL_ATTEMPTS times in all.

    The template's first line is the subject, the rest the body.
    """
    pending = Mail.objects.filter(pk=mail_id, failed__isnull=True)
    # The attempt begins: no sweep (requeue_overdue) enqueues the mail again while it may last.
    if not pending.update(due=timezone.now()):  # sent by an earlier run of this task
        return
    mail = pending.get()
    context = mail.context | {"frontend_url": settings.FRONTEND_URL}
    text = render_to_string(f"users/email/{mail.template}.txt", context)
    subject, _newline, body = text.partition("\n")
    try:
        EmailMessage(subject.strip(), body.lstrip("\n"), to=[mail.to]).send()
    except OSError as error:  # smtplib's errors too: the server refused, or none answered
        mail.attempts += 1
        mail.error = f"{type(error).__name__}: {error}"
        if mail.attempts < settings.MAIL_ATTEMPTS:
            delay = settings.MAIL_RETRY_DELAY * 2 ** (mail.attempts - 1)
            mail.due = timezone.now() + timedelta(seconds=delay)
            mail.save(update_fields=["attempts", "error", "due"])
            deliver.using(run_after=mail.due).enqueue(mail.pk)
            events.record(events.Event.MAIL_FAILED, None, reason="retrying")
        else:
            mail.context, mail.failed = {}, timezone.now()
            mail.save(update_fields=["attempts", "error", "context", "failed"])
            events.record(events.Event.MAIL_FAILED, None, reason="given_up")
        raise  # the task's result records the attempt as failed, with the error
    mail.delete()


def requeue_overdue() -> int:
    """Enqueue again each mail neither sent nor given up on whose task was due, or whose last
    attempt began, over MAIL_REQUEUE_AFTER seconds ago: its worker died, or its task was lost.
    Return how many.

    The delay exceeds by far what a send may take (the mail server's timeout), so a mail is
    enqueued twice only if its task waited that long for a free worker; the first run to begin
    then sends it, and the other finds it gone.
    """
    now = timezone.now()
    overdue = Mail.objects.filter(
        failed__isnull=True, due__lt=now - timedelta(seconds=settings.MAIL_REQUEUE_AFTER)
    )
    requeued = 0
    for mail_id, due in overdue.values_list("pk", "due"):
        with transaction.atomic():
            # Unless a task began it, or another sweep enqueued it, since it was read.
            if Mail.objects.filter(pk=mail_id, due=due).update(due=now):
                deliver.enqueue(mail_id)
                requeued += 1
    return requeued


def activation_link(token: str) -> str:
    """The front end's activation page for this sign-up's token."""
    return f"{settings.FRONTEND_URL}/activate/{token}"


def reset_link(token: str) -> str:
    """The front end's password reset page for this link's token."""
    return f"{settings.FRONTEND_URL}/reset-password/{token}"
