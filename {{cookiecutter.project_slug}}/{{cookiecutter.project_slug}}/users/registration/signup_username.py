"""Sign-up for users who log in with a username: the username and the address. The activation
link's holder chooses the password."""

from typing import Any

from django.contrib.auth.validators import UnicodeUsernameValidator

from ... import events
from ..models import User
from . import emails
from .models import SignUp
from .serializers import AddressSerializer, TextField
from .views import MailView, accounts_with_email


class SignUpSerializer(AddressSerializer):
    """A username Django's validator accepts, and the address."""

    username = TextField(max_length=150, validators=[UnicodeUsernameValidator()])


class SignUpView(MailView):
    """Mail an activation link for this username and address; or, if the address has an
    account, a note to its owner; or, if the username is taken, a note to the address.

    The sign-up is recorded either way (SignUp), so every answer takes as long; no account is
    opened: it exists once the link is followed (views.ActivationView).
    """

    serializer_class = SignUpSerializer

    def send_mail(self, data: dict[str, Any]) -> None:
        email = data["email"]
        token = SignUp.open(email, {"username": data["username"]})
        owner = accounts_with_email(email).first()
        reason = None
        if owner is not None:
            emails.send("account_exists", owner.email)
            reason = "taken"
        elif User.objects.filter(username=data["username"]).exists():
            # The mail names no username: its text is no one's to choose.
            emails.send("username_taken", email)
            reason = "username_taken"
        else:
            emails.send("activation", email, link=emails.activation_link(token))
        events.record(events.Event.SIGNUP, self.request, user=owner, reason=reason)
