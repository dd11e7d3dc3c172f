"""The endpoints anyone may call: sign-up (signup.py), activation, password reset. (A new
activation mail is a new sign-up: it replaces the earlier link.) They read JSON bodies only: an HTML form on another site cannot post to them.

The two that send mail answer 202 with the same body whatever the address, do the same work
(they make the link either way) and send one mail to the address given: the link asked for, or a
note saying why there is none. The two that take a link's token answer one 400 for a link that
is unknown, tampered with, used or expired.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from ... import events
from ...parsers import JSONParser
from ...tokens.throttling import TokenRateThrottle
from ..models import User
from . import emails
from .models import PasswordReset, SignUp
from .serializers import (
    INVALID_LINK,
    ActivationSerializer,
    AddressSerializer,
    PasswordResetConfirmSerializer,
    check_password,
)
from .throttling import MailRateThrottle

MAIL_SENT = {"detail": _("A mail is on its way to that address.")}


def accounts_with_email(email: str) -> "QuerySet[User]":
    """The accounts of this canonical address (addresses.py): compared in lower case, as the
    unique constraint compares, so that addresses stored before in another case match too."""
    return User.objects.filter(Exact(Lower("email"), Value(email)))


class PublicView(generics.GenericAPIView[Any]):
    """An endpoint anyone may call, with a JSON body.

    No authentication: a stale access token sent along must not turn the answer into a 401.
    """

    authentication_classes = ()
    permission_classes = (AllowAny,)
    parser_classes = (JSONParser,)


class MailView(PublicView):
    """Sends one mail and answers MAIL_SENT (202), whatever the address."""

    serializer_class = AddressSerializer
    throttle_classes = (MailRateThrottle,)

    @extend_schema(
        responses={
            status.HTTP_202_ACCEPTED: inline_serializer(
                "MailSent", {"detail": serializers.CharField()}
            )
        }
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.send_mail(serializer.validated_data)
        return Response(MAIL_SENT, status=status.HTTP_202_ACCEPTED)

    def send_mail(self, data: dict[str, Any]) -> None:
        """Send the one mail these valid request data call for."""
        raise NotImplementedError


class PasswordResetView(MailView):
    """Mail a password reset link to the address of an active account, or a note to any other.

    The link is made either way (PasswordReset), so both answers take as long.
    """

    def send_mail(self, data: dict[str, Any]) -> None:
        email = data["email"]
        user = accounts_with_email(email).filter(is_active=True).first()
        if user is not None and not user.has_usable_password():
            user = None
        token = PasswordReset.open(email, user)
        if user is None:
            emails.send("no_account", email)
        else:
            emails.send("password_reset", user.email, link=emails.reset_link(token))
        events.record(
            events.Event.PASSWORD_RESET_REQUESTED,
            self.request,
            user=user,
            reason=None if user else "no_account",
        )


def invalid_link() -> serializers.ValidationError:
    return serializers.ValidationError({"token": [INVALID_LINK]}, code="invalid_link")


class LinkView(PublicView):
    """Takes a mailed link's token: 204 once done. A token cannot be guessed (256 random bits),
    so these are limited as refresh is, per client address."""

    throttle_classes = (TokenRateThrottle,)

    @extend_schema(responses={status.HTTP_204_NO_CONTENT: None})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.follow(serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def follow(self, data: dict[str, Any]) -> None:
        """Do what the link is for, or raise invalid_link()."""
        raise NotImplementedError


class ActivationView(LinkView):
    """Open the account a sign-up's link names, with the password its holder chooses.

    The account exists from here on, active: whoever signed the address up before holds no
    password of it, and an account an admin deactivated is never touched (it is another row).
    """

    serializer_class = ActivationSerializer

    def follow(self, data: dict[str, Any]) -> None:
        pending = SignUp.objects.valid(data["token"]).first()
        if pending is None:
            raise invalid_link()
        user = User(email=pending.email, **pending.fields)
        user.set_password(check_password(data["password"], user, "password"))
        try:
            with transaction.atomic():
                # Used once: of two requests with one link, one deletes it and opens the account.
                if not SignUp.objects.filter(pk=pending.pk).delete()[0]:
                    raise invalid_link()
                user.save()
        except IntegrityError:
            # The address (or the username) got an account meanwhile, by another sign-up.
            SignUp.objects.filter(pk=pending.pk).delete()
            raise invalid_link() from None
        events.record(events.Event.ACCOUNT_ACTIVATED, self.request, user=user)


class PasswordResetConfirmView(LinkView):
    """Set the password a reset link's holder chooses. Every token of the user ends with it
    (each carries a hash of the password hash), and every reset link of the account."""

    serializer_class = PasswordResetConfirmSerializer

    def follow(self, data: dict[str, Any]) -> None:
        link = PasswordReset.objects.valid(data["token"]).first()
        user = None if link is None else accounts_with_email(link.email).first()
        if link is None or user is None or link.state != PasswordReset.state_of(user):
            raise invalid_link()
        password = check_password(data["new_password"], user, "new_password")
        with transaction.atomic():
            # Used once: of two requests with one link, one deletes it and sets the password.
            if not PasswordReset.objects.filter(pk=link.pk).delete()[0]:
                raise invalid_link()
            PasswordReset.objects.filter(email=link.email).delete()
            user.set_password(password)
            user.save(update_fields=["password"])
        events.record(events.Event.PASSWORD_RESET_COMPLETED, self.request, user=user)
