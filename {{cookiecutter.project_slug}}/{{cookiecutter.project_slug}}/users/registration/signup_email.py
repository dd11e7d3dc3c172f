"""Sign-up for users who log in with their email address: the address only. The activation
link's holder chooses the password."""

from typing import Any

from . import emails
from .models import SignUp
from .views import MailView, accounts_with_email


class SignUpView(MailView):
    """Mail an activation link for this address, or, if it has an account, a note to its owner.

    Nothing is stored for a taken address and no account is opened for a free one: an account
    exists once its link is followed (views.ActivationView).
    """

    def send_mail(self, data: dict[str, Any]) -> None:
        email = data["email"]
        owner = accounts_with_email(email).first()
        if owner is not None:
            emails.send("account_exists", owner.email)
            return
        token = SignUp.open(email, {})
        emails.send("activation", email, link=emails.activation_link(token))
