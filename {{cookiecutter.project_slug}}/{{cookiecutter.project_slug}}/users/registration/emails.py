"""The account mails: plain text, from templates/users/email/, linking to the front end
(DJANGO_FRONTEND_URL), sent by the worker (`python manage.py db_worker`), never in the request.

Every mail the account flows send goes through `send`, which stores it (models.Mail) and
enqueues the task that sends it (`deliver`), in the request's database: both are kept or lost
together, and the request takes as long whatever the mail. The task names the mail's row only:
the link waits in that row, and leaves the database once the mail server took the mail, or once
the last attempt failed (settings MAIL_ATTEMPTS, MAIL_RETRY_DELAY).
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
    mail = Mail.objects.filter(pk=mail_id, failed__isnull=True).first()
    if mail is None:  # sent by an earlier run of this task
        return
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
            mail.save(update_fields=["attempts", "error"])
            deliver.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(mail.pk)
            events.record(events.Event.MAIL_FAILED, None, reason="retrying")
        else:
            mail.context, mail.failed = {}, timezone.now()
            mail.save(update_fields=["attempts", "error", "context", "failed"])
            events.record(events.Event.MAIL_FAILED, None, reason="given_up")
        raise  # the task's result records the attempt as failed, with the error
    mail.delete()


def activation_link(token: str) -> str:
    """The front end's activation page for this sign-up's token."""
    return f"{settings.FRONTEND_URL}/activate/{token}"


def reset_link(token: str) -> str:
    """The front end's password reset page for this link's token."""
    return f"{settings.FRONTEND_URL}/reset-password/{token}"
