"""The system checks of the mail on servers: sign-up and password reset mail their links, from
the worker, through an SMTP server."""

from collections.abc import Sequence
from typing import Any

import django
from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# The SMTP timeout bounds each wait for the server, not a send, which waits up to 14 times:
# connecting, the greeting, EHLO, STARTTLS, the TLS handshake (two round trips with TLS 1.2),
# EHLO again, AUTH (two with LOGIN), MAIL, RCPT, DATA, the message and QUIT. (Over plain SMTP
# with AUTH PLAIN, a server answering each just before the timeout held a send for 8 timeouts
# after connecting.) The requeue delay must cover 20: the lookup of the server's address, which
# the timeout does not bound, and the worker's database writes come on top.
SEND_WAITS = 14
REQUEUE_AFTER_TIMEOUTS = 20


@register(deploy=True)
def check_mail_server(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """EMAIL_URL names an SMTP server: a console, file or in-memory mailer would answer 202 to
    every sign-up and mail nobody, stranding every new user."""
    if settings.EMAIL_CONFIG["EMAIL_BACKEND"] == SMTP_BACKEND:
        return []
    return [
        Error(
            "EMAIL_URL must name the SMTP server that sends the sign-up and password reset "
            "mails, e.g. smtp+tls://user:password@smtp.example.com:587",
            id="registration.E001",
        )
    ]


@register(deploy=True)
def check_mail_requeue_delay(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """A send through the SMTP server ends, and `requeue_mail` (MAIL_REQUEUE_AFTER) waits far
    longer than it may last: the sweep takes a mail pending that long for one whose worker died,
    and would send a mail still being sent a second time."""
    mailer = smtp_timeout()
    if mailer is None:
        return []  # not sent over the network; registration.E001 refuses it on servers
    setting, timeout = mailer
    if timeout is None or timeout <= 0:
        return [
            Error(
                f"{setting} must be a number of seconds above 0, got {timeout!r} "
                "(config/settings/components/registration.py): without one, a mail server that "
                "stops answering holds a send, and its worker, for good",
                id="registration.E003",
            )
        ]
    least, requeue_after = REQUEUE_AFTER_TIMEOUTS * timeout, settings.MAIL_REQUEUE_AFTER
    if requeue_after >= least:
        return []
    return [
        Error(
            f"DJANGO_MAIL_REQUEUE_AFTER must be at least {least:g} (seconds), got "
            f"{requeue_after}: a send may wait for the mail server up to "
            f"{SEND_WAITS} times, {timeout:g} s each (its timeout), and `requeue_mail` would "
            "enqueue again a mail still being sent, which would go out twice",
            id="registration.E002",
        )
    ]


def smtp_timeout() -> tuple[str, float | None] | None:
    """The setting that holds the SMTP mailer's timeout, and its value; None if the mails go
    through another backend."""
    if django.VERSION >= (6, 1):
        # Drop this branch's alternative with Django 5.2 (components/registration.py).
        mailer = settings.MAILERS["default"]
        if mailer.get("BACKEND", SMTP_BACKEND) != SMTP_BACKEND:
            return None
        options = mailer.get("OPTIONS", {})
        return 'MAILERS["default"]["OPTIONS"]["timeout"]', options.get("timeout")
    if settings.EMAIL_BACKEND != SMTP_BACKEND:
        return None
    return "EMAIL_TIMEOUT", settings.EMAIL_TIMEOUT
