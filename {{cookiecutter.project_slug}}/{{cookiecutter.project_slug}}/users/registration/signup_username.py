"""Sign-up for users who log in with a username: the username and the address. The activation
link's holder chooses the password."""

from typing import Any

from django.contrib.auth.validators import UnicodeUsernameValidator

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

    Nothing is stored for a taken address and no account is opened for a free one: an account
    exists once its link is followed (views.ActivationView).
    """

    serializer_class = SignUpSerializer

    def send_mail(self, data: dict[str, Any]) -> None:
        email = data["email"]
        owner = accounts_with_email(email).first()
        if owner is not None:
            emails.send("account_exists", owner.email)
        elif User.objects.filter(username=data["username"]).exists():
            # The mail names no username: its text is no one's to choose.
            emails.send("username_taken", email)
        else:
            token = SignUp.open(email, {"username": data["username"]})
            emails.send("activation", email, link=emails.activation_link(token))
