"""Sign-up for users who log in with their email address: the address only. The activation
link's holder chooses the password."""

from typing import Any

from ... import events
from . import emails
from .models import SignUp
from .views import MailView, accounts_with_email


class SignUpView(MailView):
    """Mail an activation link for this address, or, if it has an account, a note to its owner.

    The sign-up is recorded either way (SignUp), so every answer takes as long; no account is
    opened: it exists once the link is followed (views.ActivationView).
    """

    def send_mail(self, data: dict[str, Any]) -> None:
        email = data["email"]
        token = SignUp.open(email, {})
        owner = accounts_with_email(email).first()
        if owner is not None:
            emails.send("account_exists", owner.email)
        else:
            emails.send("activation", email, link=emails.activation_link(token))
        events.record(
            events.Event.SIGNUP, self.request, user=owner, reason="taken" if owner else None
        )
