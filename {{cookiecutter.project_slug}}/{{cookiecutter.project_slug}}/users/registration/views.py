"""Activation, a new activation mail, password reset: the endpoints anyone may call, with
sign-up (signup.py).

The three that send mail answer 202 with the same body whatever the address, and do the same
work either way: one lookup, one mail to the address given, and at sign-up one password hash.
So neither the answer nor its time tells whether an account exists. The two that take a link's
uid and token are djoser's own views.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from djoser import serializers as djoser_serializers
from djoser.views import UserViewSet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from ...tokens.throttling import TokenRateThrottle
from ..models import User
from .emails import ActivationEmail, NothingToSendEmail, PasswordResetEmail
from .throttling import MailRateThrottle

MAIL_SENT = {"detail": _("A mail is on its way to that address.")}


def accounts_with_email(email: str) -> "QuerySet[User]":
    """The accounts of this email address, whatever its letter case."""
    return User.objects.filter(email__iexact=email)


class MailView(generics.GenericAPIView[User]):
    """An endpoint anyone may call that sends one mail and answers MAIL_SENT (202).

    No authentication: a stale access token sent along must not turn the answer into a 401.
    """

    authentication_classes = ()
    permission_classes = (AllowAny,)
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


class ResendActivationView(MailView):
    """Mail a new activation link to an account waiting for activation (never one an admin
    deactivated)."""

    serializer_class = djoser_serializers.SendEmailResetSerializer

    def send_mail(self, data: dict[str, Any]) -> None:
        accounts = accounts_with_email(data["email"])
        user = accounts.filter(is_active=False, pending_activation=True).first()
        if user is None:
            NothingToSendEmail(self.request, {"asked_for": "activation"}).send([data["email"]])
        else:
            ActivationEmail(self.request, {"user": user}).send([user.email])


class PasswordResetView(MailView):
    """Mail a password reset link to an active account (each, where accounts share an address)."""

    serializer_class = djoser_serializers.SendEmailResetSerializer

    def send_mail(self, data: dict[str, Any]) -> None:
        users = [
            user
            for user in accounts_with_email(data["email"]).filter(is_active=True)
            if user.has_usable_password()
        ]
        if not users:
            NothingToSendEmail(self.request, {"asked_for": "reset"}).send([data["email"]])
        for user in users:
            PasswordResetEmail(self.request, {"user": user}).send([user.email])


# The links' endpoints: djoser's views as they are. A uid and token cannot be guessed (Django's
# token generator signs them), so they are limited as refresh is, per client address.
link_views: dict[str, Any] = {
    "authentication_classes": (),
    "throttle_classes": (TokenRateThrottle,),
}
# 204 on success: the account is active. 400 for an expired, tampered or unknown link, 403 once
# the account is active (a link used again).
activation = UserViewSet.as_view({"post": "activation"}, **link_views)
# 204 on success: the password is set, which ends every token of the user (each carries a hash
# of the password hash) and this link with them. 400 for an expired, used or tampered link, or a
# password Django's validators refuse.
password_reset_confirm = UserViewSet.as_view({"post": "reset_password_confirm"}, **link_views)
