"""The second factor's endpoints: the second step of a login, and the signed-in user's factors.

Every body is JSON: a page on another site can send JSON here only after a CORS preflight, so
no cross-site form can answer a challenge and log a browser into an account.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.settings import api_settings

from .. import events
from ..parsers import JSONParser
from ..tokens import sessions
from ..tokens.conf import token_settings
from ..tokens.throttling import LoginAddressRateThrottle
from ..tokens.transport import TokenPairSerializer, token_pair_response
from . import challenges, codes, login
from .models import RecoveryCode, TOTPDevice
from .serializers import (
    CodeSerializer,
    PasswordSerializer,
    ReauthenticationSerializer,
    SecondFactorSerializer,
)

RecoveryCodesSerializer = inline_serializer(
    "RecoveryCodes", {"recovery_codes": serializers.ListField(child=serializers.CharField())}
)
UNANSWERED = {
    "challenge": _("The challenge is unknown, expired or used up: log in again."),
    "code": _("Wrong code."),
}


class JSONView(APIView):
    """A view whose bodies are JSON only (see the module's docstring)."""

    parser_classes = [JSONParser]

    def guess(self, user: AbstractBaseUser, right: Callable[[], bool]) -> bool:
        """`right()`, a guess at `user`'s factors or password: 429 past the account's limit of
        wrong guesses, which a wrong one counts towards."""
        limit = codes.AccountGuessLimit(user)
        wait = limit.wait_if_exceeded()
        if wait is not None:
            events.record(events.Event.LOGIN_LIMITED, self.request, user=user, reason=limit.scope)
            raise Throttled(wait)
        if right():
            return True
        limit.count_failure()
        events.record(events.Event.SECOND_FACTOR_FAILED, self.request, user=user)
        return False

    def prove(self, user: AbstractBaseUser, data: dict[str, str]) -> bool:
        """Whether `data`'s code (of either kind) proves `user`'s factor: a guess."""
        if "totp" in data:
            return self.guess(user, lambda: codes.use_totp(user, data["totp"]))
        return self.guess(user, lambda: codes.use_recovery_code(user, data["recovery_code"]))

    def reauthenticate(self, user: AbstractBaseUser, password: str) -> None:
        """Refuse the request (400) unless `password` is `user`'s: a guess."""
        if not self.guess(user, lambda: user.check_password(password)):
            raise ValidationError({"password": [_("Wrong password.")]})

    def reauthenticated(
        self, request: Request, body_class: type[serializers.Serializer[Any]]
    ) -> tuple[AbstractBaseUser, dict[str, Any]]:
        """The signed-in user and the request's body as `body_class` validates it, once the
        body's `password` proved to be the user's (400 for a malformed body or a wrong password,
        which counts as a guess)."""
        body = body_class(data=request.data)
        body.is_valid(raise_exception=True)
        user = sessions.signed_in_user(request)
        self.reauthenticate(user, body.validated_data["password"])
        return user, body.validated_data

    def end_other_sessions(self, request: Request, user: AbstractBaseUser) -> None:
        """A factor changed: whoever else is logged in as `user` logs in again, with it."""
        sessions.end_others(user, keep=sessions.session_of(request.auth))


class SecondFactorLoginView(JSONView):
    """The second step of a login: the challenge the password answered, and a code from the
    authenticator app (`totp`) or a recovery code (`recovery_code`). Answers the tokens, as a
    login without a second factor does."""

    authentication_classes = ()
    permission_classes = ()
    # Counted with the logins of the client's address; the account's guesses are limited too.
    throttle_classes = [LoginAddressRateThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        return f'{api_settings.AUTH_HEADER_TYPES[0]} realm="api"'

    @extend_schema(request=SecondFactorSerializer, responses=TokenPairSerializer)
    def post(self, request: Request) -> Response:
        body = SecondFactorSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            user = challenges.answer(data["challenge"], lambda user: self.prove(user, data))
        except challenges.Unanswered as refusal:
            raise AuthenticationFailed(
                UNANSWERED[refusal.reason], code=f"second_factor_{refusal.reason}"
            ) from None
        refresh = sessions.start(user, request)
        method = "totp" if "totp" in data else "recovery_code"
        events.record(events.Event.LOGIN_SUCCEEDED, request, user=user, reason=method)
        # The tokens go where login puts them (tokens/transport.py).
        return token_pair_response({"access": str(refresh.access_token), "refresh": str(refresh)})


class FactorsView(APIView):
    """The signed-in user's second factors: whether TOTP is on, and how many recovery codes are
    left."""

    @extend_schema(
        responses=inline_serializer(
            "Factors",
            {"totp": serializers.BooleanField(), "recovery_codes": serializers.IntegerField()},
        )
    )
    def get(self, request: Request) -> Response:
        user = sessions.signed_in_user(request)
        return Response(
            {
                "totp": codes.has_second_factor(user),
                "recovery_codes": RecoveryCode.objects.filter(user_id=user.pk).count(),
            }
        )


class TOTPEnrolView(JSONView):
    """Start adding an authenticator app, given the password: its secret, and the otpauth://
    URI to show as a QR code. Nothing changes at login until a code confirms it."""

    @extend_schema(
        request=PasswordSerializer,
        responses={
            201: inline_serializer(
                "TOTPSecret", {"secret": serializers.CharField(), "uri": serializers.CharField()}
            )
        },
    )
    def post(self, request: Request) -> Response:
        user, _body = self.reauthenticated(request, PasswordSerializer)
        if codes.has_second_factor(user):
            raise ValidationError({"totp": [_("An authenticator app is on already.")]})
        device, _created = TOTPDevice.objects.update_or_create(
            user_id=user.pk, defaults={"secret": codes.new_secret(), "last_step": 0}
        )
        uri = codes.provisioning_uri(device, user.get_username(), token_settings.ISSUER)
        return Response({"secret": device.secret, "uri": uri}, status=status.HTTP_201_CREATED)


class TOTPConfirmView(JSONView):
    """Turn the authenticator app on with a code it shows: the recovery codes, shown this once.
    Every other session of the user ends."""

    @extend_schema(request=CodeSerializer, responses=RecoveryCodesSerializer)
    def post(self, request: Request) -> Response:
        body = CodeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = sessions.signed_in_user(request)
        code = body.validated_data["totp"]
        with transaction.atomic():
            if not self.guess(user, lambda: codes.use_totp(user, code, confirmed=False)):
                raise ValidationError({"totp": [_("Wrong code, or no app being added.")]})
            recovery_codes = codes.new_recovery_codes(user)
        self.end_other_sessions(request, user)
        events.record(events.Event.SECOND_FACTOR_ENABLED, request, user=user, reason="totp")
        return Response({"recovery_codes": recovery_codes})


class TOTPDisableView(JSONView):
    """Turn the authenticator app off, given the password and a code: the app is forgotten,
    and so are the recovery codes unless another factor still asks for a second step (they
    recover that one). Every other session of the user ends."""

    @extend_schema(request=ReauthenticationSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        user, data = self.reauthenticated(request, ReauthenticationSerializer)
        if not self.prove(user, data):
            raise ValidationError({"code": [_("Wrong code.")]})
        with transaction.atomic():
            TOTPDevice.objects.filter(user_id=user.pk).delete()
            if not login.methods_of(user):
                RecoveryCode.objects.filter(user_id=user.pk).delete()
        self.end_other_sessions(request, user)
        events.record(events.Event.SECOND_FACTOR_DISABLED, request, user=user, reason="totp")
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecoveryCodesView(JSONView):
    """New recovery codes, given the password and a code (of the authenticator app, or a
    recovery code), for a user whose login asks for a second factor of any kind; the old ones
    stop working. Every other session of the user ends."""

    @extend_schema(request=ReauthenticationSerializer, responses=RecoveryCodesSerializer)
    def post(self, request: Request) -> Response:
        user, data = self.reauthenticated(request, ReauthenticationSerializer)
        if not login.methods_of(user):
            raise ValidationError({"totp": [_("The second factor is off.")]})
        if not self.prove(user, data):
            raise ValidationError({"code": [_("Wrong code.")]})
        return self.renew(request, user)

    def renew(self, request: Request, user: AbstractBaseUser) -> Response:
        """`user`'s new recovery codes, once the request proved the password and a factor."""
        recovery_codes = codes.new_recovery_codes(user)
        self.end_other_sessions(request, user)
        events.record(events.Event.RECOVERY_CODES_RENEWED, request, user=user)
        return Response({"recovery_codes": recovery_codes})
