"""The system check of the mail server on servers: sign-up and password reset mail their links."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


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
