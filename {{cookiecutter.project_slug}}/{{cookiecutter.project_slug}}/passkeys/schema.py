"""How the OpenAPI schema (drf-spectacular) describes login where a passkey may answer its
challenge: as the factors app describes it (factors/schema.py), with `passkey` among the
methods. Defining the extensions registers them; apps.py imports this module."""

from drf_spectacular.contrib import rest_framework_simplejwt
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.views import APIView

from ..factors import schema
from ..tokens.transport import TokenPairSerializer

METHODS = ["totp", "passkey", "recovery_code"]

ChallengeSerializer = inline_serializer(
    "SecondFactorChallenge",
    {
        "challenge": serializers.CharField(),
        "methods": serializers.ListField(child=serializers.ChoiceField(choices=METHODS)),
        "expires_in": serializers.IntegerField(help_text="Seconds the challenge stays valid."),
    },
)
LoginAnswerSerializer = PolymorphicProxySerializer(
    component_name="LoginAnswer",
    serializers=[TokenPairSerializer, ChallengeSerializer],
    resource_type_field_name=None,
)


class LoginScheme(rest_framework_simplejwt.TokenObtainPairSerializerExtension):
    target_class = f"{__package__}.login.Login"


class LoginViewScheme(schema.LoginViewScheme):
    """The factors app's description of the login view, whose challenge a passkey answers too:
    chosen over it (a higher priority)."""

    priority = 1

    def view_replacement(self) -> type[APIView]:
        # A subclass made for the schema only: the view that serves requests is left as it is.
        login_view: type[APIView] = type("LoginView", (self.target,), {})
        return extend_schema_view(post=extend_schema(responses=LoginAnswerSerializer))(login_view)
