"""The passkey endpoints: the signed-in user's passkeys, the second step of a login with one,
and login with one alone.

Bodies are JSON only (the factors app's JSONView): no cross-site form reaches them. Every
refusal of a response is one answer, whatever was wrong with it.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.settings import api_settings

from .. import events
from ..factors import challenges, codes
from ..factors.models import LoginChallenge, RecoveryCode
from ..factors.serializers import PasswordSerializer
from ..factors.views import UNANSWERED, JSONView, RecoveryCodesSerializer, RecoveryCodesView
from ..tokens import sessions
from ..tokens.throttling import LoginAddressRateThrottle
from ..tokens.transport import TokenPairSerializer, token_pair_response
from . import ceremonies
from .models import Passkey
from .serializers import (
    PasskeyChallengeSerializer,
    PasskeyLoginSerializer,
    PasskeyReauthenticationSerializer,
    PasskeyRegistrationSerializer,
    PasskeySecondFactorSerializer,
    PasskeySerializer,
)

OptionsSerializer = inline_serializer("PublicKeyCredentialOptions", {})
REFUSED = _("The passkey's answer was refused.")


class PasskeysView(JSONView):
    """The signed-in user's passkeys (GET); add one (POST) with the browser's answer to the
    options of PasskeyOptionsView. The first factor of an account comes with recovery codes,
    shown this once. Adding one ends every other session of the user."""

    @extend_schema(responses=PasskeySerializer(many=True))
    def get(self, request: Request) -> Response:
        user = sessions.signed_in_user(request)
        passkeys = Passkey.objects.filter(user_id=user.pk).order_by("created_at")
        return Response(PasskeySerializer(passkeys, many=True).data)

    @extend_schema(
        request=PasskeyRegistrationSerializer,
        responses={
            201: inline_serializer(
                "NewPasskey",
                {
                    "passkey": PasskeySerializer(),
                    "recovery_codes": serializers.ListField(child=serializers.CharField()),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        body = PasskeyRegistrationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = sessions.signed_in_user(request)
        with transaction.atomic():
            try:
                passkey = ceremonies.register(
                    user, body.validated_data["credential"], body.validated_data["name"]
                )
            except ceremonies.Refused:
                refused = True
            else:
                refused = False
                first = not RecoveryCode.objects.filter(user_id=user.pk).exists()
                recovery_codes = codes.new_recovery_codes(user) if first else []
        # Outside the transaction: a refused answer still spent its challenge.
        if refused:
            events.record(events.Event.SECOND_FACTOR_FAILED, request, user=user)
            raise ValidationError({"credential": [REFUSED]})
        self.end_other_sessions(request, user)
        events.record(events.Event.SECOND_FACTOR_ENABLED, request, user=user, reason="passkey")
        return Response(
            {"passkey": PasskeySerializer(passkey).data, "recovery_codes": recovery_codes},
            status=status.HTTP_201_CREATED,
        )


class PasskeyOptionsView(JSONView):
    """Start adding a passkey, given the password: the options for the browser's
    navigator.credentials.create(), valid for one answer within five minutes."""

    @extend_schema(request=PasswordSerializer, responses=OptionsSerializer)
    def post(self, request: Request) -> Response:
        user, _body = self.reauthenticated(request, PasswordSerializer)
        if Passkey.objects.filter(user_id=user.pk).count() >= ceremonies.MAX_PASSKEYS:
            raise ValidationError({"passkeys": [_("Remove a passkey before adding another.")]})
        return Response(ceremonies.registration_options(user))


class PasskeyView(JSONView):
    """Remove one of the signed-in user's passkeys, given the password. The last factor gone,
    the recovery codes go too. Every other session of the user ends."""

    @extend_schema(request=PasswordSerializer, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        body = PasswordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = sessions.signed_in_user(request)
        passkey = get_object_or_404(Passkey, pk=pk, user_id=user.pk)
        self.reauthenticate(user, body.validated_data["password"])
        with transaction.atomic():
            passkey.delete()
            if not (
                codes.has_second_factor(user) or Passkey.objects.filter(user_id=user.pk).exists()
            ):
                RecoveryCode.objects.filter(user_id=user.pk).delete()
        self.end_other_sessions(request, user)
        events.record(events.Event.SECOND_FACTOR_DISABLED, request, user=user, reason="passkey")
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecoveryCodesOptionsView(JSONView):
    """Start renewing the recovery codes with a passkey: the options for the browser's
    navigator.credentials.get(), one of the signed-in user's passkeys, valid for one answer
    within five minutes."""

    @extend_schema(request=None, responses=OptionsSerializer)
    def post(self, request: Request) -> Response:
        user = sessions.signed_in_user(request)
        if not Passkey.objects.filter(user_id=user.pk).exists():
            raise ValidationError({"passkeys": [_("There is no passkey to prove.")]})
        return Response(ceremonies.reauthentication_options(user))


class PasskeyRecoveryCodesView(RecoveryCodesView):
    """New recovery codes, given the password and the browser's assertion for the options of
    RecoveryCodesOptionsView: how a user with passkeys whose codes are used up or lost gets
    new ones. The old ones stop working; every other session of the user ends."""

    @extend_schema(request=PasskeyReauthenticationSerializer, responses=RecoveryCodesSerializer)
    def post(self, request: Request) -> Response:
        user, data = self.reauthenticated(request, PasskeyReauthenticationSerializer)
        credential = data["credential"]
        if not self.guess(user, lambda: ceremonies.reauthenticate(user, credential)):
            raise ValidationError({"credential": [REFUSED]})
        return self.renew(request, user)


class LoginView(JSONView):
    """A step of a login: no authentication, counted with the logins of the client's address."""

    authentication_classes = ()
    permission_classes = ()
    throttle_classes = [LoginAddressRateThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        return f'{api_settings.AUTH_HEADER_TYPES[0]} realm="api"'

    def tokens(self, user: AbstractBaseUser, reason: str) -> Response:
        refresh = sessions.start(user, self.request)
        events.record(events.Event.LOGIN_SUCCEEDED, self.request, user=user, reason=reason)
        # The tokens go where login puts them (tokens/transport.py).
        return token_pair_response({"access": str(refresh.access_token), "refresh": str(refresh)})


class SecondFactorOptionsView(LoginView):
    """The options for navigator.credentials.get() in the second step of a login whose
    challenge offered `passkey`: one of the user's passkeys, for this login only."""

    @extend_schema(request=PasskeyChallengeSerializer, responses=OptionsSerializer)
    def post(self, request: Request) -> Response:
        body = PasskeyChallengeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        key_hash = challenges.key_hash(body.validated_data["challenge"])
        challenge = (
            LoginChallenge.objects.filter(key_hash=key_hash, expires_at__gt=timezone.now())
            .select_related("user")
            .first()
        )
        if challenge is None or not Passkey.objects.filter(user_id=challenge.user_id).exists():
            raise AuthenticationFailed(UNANSWERED["challenge"], code="second_factor_challenge")
        return Response(ceremonies.second_factor_options(challenge.user, key_hash))


class SecondFactorView(LoginView):
    """The second step of a login with a passkey: the challenge the password answered, and the
    browser's assertion for the options of SecondFactorOptionsView. Answers the tokens."""

    @extend_schema(request=PasskeySecondFactorSerializer, responses=TokenPairSerializer)
    def post(self, request: Request) -> Response:
        body = PasskeySecondFactorSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        key = body.validated_data["challenge"]
        credential = body.validated_data["credential"]
        try:
            user = challenges.answer(
                key,
                lambda user: self.guess(
                    user,
                    lambda: ceremonies.answer_second_factor(
                        user, challenges.key_hash(key), credential
                    ),
                ),
            )
        except challenges.Unanswered as refusal:
            message = REFUSED if refusal.reason == "code" else UNANSWERED[refusal.reason]
            raise AuthenticationFailed(message, code=f"second_factor_{refusal.reason}") from None
        return self.tokens(user, "passkey")


class PasswordlessOptionsView(LoginView):
    """The options for a login with a passkey alone: the same for everyone (no account is
    named), valid for one answer within five minutes."""

    @extend_schema(request=None, responses=OptionsSerializer)
    def post(self, request: Request) -> Response:
        return Response(ceremonies.login_options())


class PasswordlessView(LoginView):
    """Login with a passkey alone: the browser's assertion for the options of
    PasswordlessOptionsView, by a passkey that verified its user. Answers the tokens."""

    @extend_schema(request=PasskeyLoginSerializer, responses=TokenPairSerializer)
    def post(self, request: Request) -> Response:
        body = PasskeyLoginSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            passkey, assertion, challenge = ceremonies.login(body.validated_data["credential"])
        except ceremonies.Refused:
            raise AuthenticationFailed(REFUSED, code="passkey_refused") from None
        user = passkey.user

        def right() -> bool:
            with transaction.atomic():
                try:
                    locked = ceremonies.passkey_of(assertion, pk=passkey.pk)
                    ceremonies.verify(locked, assertion, challenge, user_verification=True)
                except ceremonies.Refused:
                    return False
            return True

        if not (user.is_active and self.guess(user, right)):
            raise AuthenticationFailed(REFUSED, code="passkey_refused")
        return self.tokens(user, "passkey_login")
