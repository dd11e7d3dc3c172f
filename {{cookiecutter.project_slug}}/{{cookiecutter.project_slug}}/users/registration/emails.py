"""The account mails: plain text, from templates/users/email/, linking to the front end
(DJANGO_FRONTEND_URL).

Every mail the account flows send goes through `send`, the one place that hands a message to
Django's mail: to send them from a background task, change it alone.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def send(template: str, to: str, **context: Any) -> None:
    """Send the mail `template` (its first line is the subject, the rest the body) to `to`."""
    context["frontend_url"] = settings.FRONTEND_URL
    subject, _newline, body = render_to_string(f"users/email/{template}.txt", context).partition(
        "\n"
    )
    EmailMessage(subject.strip(), body.lstrip("\n"), to=[to]).send()


def activation_link(token: str) -> str:
    """The front end's activation page for this sign-up's token."""
    return f"{settings.FRONTEND_URL}/activate/{token}"


def reset_link(token: str) -> str:
    """The front end's password reset page for this link's token."""
    return f"{settings.FRONTEND_URL}/reset-password/{token}"
