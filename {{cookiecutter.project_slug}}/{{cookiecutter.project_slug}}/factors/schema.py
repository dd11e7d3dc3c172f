"""How the OpenAPI schema (drf-spectacular) describes login where it may ask for the second
factor: it takes the tokens app's login body, and answers either the tokens or the challenge
to answer at /api/token/second-factor/ (docs/second-factor.md). Defining the extensions registers
them; apps.py imports this module."""

from drf_spectacular.contrib import rest_framework_simplejwt
from drf_spectacular.extensions import OpenApiViewExtension
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.views import APIView

from ..tokens.transport import TokenPairSerializer
from .login import METHODS

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


class LoginViewScheme(OpenApiViewExtension):
    """The login view of either transport (both are simplejwt's view or a subclass of it)."""

    target_class = "rest_framework_simplejwt.views.TokenObtainPairView"
    match_subclasses = True

    def view_replacement(self) -> type[APIView]:
        # A subclass made for the schema only: the view that serves requests is left as it is.
        login_view: type[APIView] = type("LoginView", (self.target,), {})
        return extend_schema_view(post=extend_schema(responses=LoginAnswerSerializer))(login_view)
