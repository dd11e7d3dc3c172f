"""The mails: plain text (templates/users/email/), links to the front end (DJANGO_FRONTEND_URL).

djoser's mail classes render a template's `subject` and `text_body` blocks; its activation and
reset mails add the link's uid and token (Django's token generator) and their URL path.
"""

from typing import Any

from django.conf import settings
from djoser import email


class FrontendMail(email.BaseDjoserEmail):  # type: ignore[misc]
    """A mail whose template may link to the front end: `frontend_url` in its context."""

    def get_context_data(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data()
        context["frontend_url"] = settings.FRONTEND_URL
        return context


class ActivationEmail(FrontendMail, email.ActivationEmail):  # type: ignore[misc]
    template_name = "users/email/activation.txt"


class PasswordResetEmail(FrontendMail, email.PasswordResetEmail):  # type: ignore[misc]
    template_name = "users/email/password_reset.txt"


class AccountExistsEmail(FrontendMail):
    """To an account's address, when someone signs up with it again."""

    template_name = "users/email/account_exists.txt"


class NothingToSendEmail(FrontendMail):
    """To an address that asked for an activation or reset link it cannot have: no account, an
    account already active, or one not activated yet. `asked_for` names what was asked for."""

    template_name = "users/email/nothing_to_send.txt"
