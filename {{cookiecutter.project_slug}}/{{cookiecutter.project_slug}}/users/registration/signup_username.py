"""Sign-up for users who log in with a username: an inactive account and its activation mail.
A taken address or username gets the same answer; its mail says so instead."""

from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import IntegrityError
from djoser import serializers as djoser
from djoser import signals

from ..models import User
from .emails import AccountExistsEmail, ActivationEmail, FrontendMail
from .serializers import password_field
from .views import MailView, accounts_with_email


class UsernameTakenEmail(FrontendMail):
    """To the address given at sign-up, when the username chosen belongs to another account."""

    template_name = "users/email/username_taken.txt"


class SignUpSerializer(djoser.UserCreateSerializer):  # type: ignore[misc]
    """A new account's username, email address and password (Django's password validators).

    The model's uniqueness validators are left out: SignUpView tells a taken username or address
    apart by mail only, and the database's unique constraints still stop a second account.
    """

    password = password_field()

    class Meta(djoser.UserCreateSerializer.Meta):  # type: ignore[misc]
        model = User
        fields = ("username", "email", "password")
        extra_kwargs: dict[str, dict[str, Any]] = {
            "email": {"required": True, "allow_blank": False, "validators": []},
            "username": {"validators": [UnicodeUsernameValidator()]},
        }


class SignUpView(MailView):
    """Open an inactive account and mail its activation link.

    A taken address or username gets the same answer; its mail says so instead.
    """

    serializer_class = SignUpSerializer

    def send_mail(self, data: dict[str, Any]) -> None:
        owner = accounts_with_email(data["email"]).first()
        username_taken = User.objects.filter(username=data["username"]).exists()
        if owner is None and not username_taken:
            try:
                # djoser's: create_user, then is_active=False, in one transaction.
                user = SignUpSerializer().perform_create(data | {"pending_activation": True})
            except IntegrityError:
                # Someone else took it a moment ago.
                owner = accounts_with_email(data["email"]).first()
            else:
                signals.user_registered.send(sender=type(self), user=user, request=self.request)
                ActivationEmail(self.request, {"user": user}).send([user.email])
                return
        # The password hashed and thrown away: this answer takes as long as the account's.
        make_password(data["password"])
        if owner is not None:
            AccountExistsEmail(self.request, {"user": owner}).send([owner.email])
        else:
            context = {"username": data["username"]}
            UsernameTakenEmail(self.request, context).send([data["email"]])
