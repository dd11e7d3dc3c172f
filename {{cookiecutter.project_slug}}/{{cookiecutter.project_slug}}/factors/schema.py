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


class LoginScheme(rest_framework_simplejwt.TokenObtainPairSerializerExtension):
    target_class = f"{__package__}.login.Login"


class LoginViewScheme(OpenApiViewExtension):
    """The login view of either transport (both are simplejwt's view or a subclass of it): it
    answers the tokens, or a challenge that `methods` can answer."""

    target_class = "rest_framework_simplejwt.views.TokenObtainPairView"
    match_subclasses = True
    methods = METHODS

    def view_replacement(self) -> type[APIView]:
        challenge = inline_serializer(
            "SecondFactorChallenge",
            {
                "challenge": serializers.CharField(),
                "methods": serializers.ListField(
                    child=serializers.ChoiceField(choices=self.methods)
                ),
                "expires_in": serializers.IntegerField(
                    help_text="Seconds the challenge stays valid."
                ),
            },
        )
        answer = PolymorphicProxySerializer(
            component_name="LoginAnswer",
            serializers=[TokenPairSerializer, challenge],
            resource_type_field_name=None,
        )
        # A subclass made for the schema only: the view that serves requests is left as it is.
        login_view: type[APIView] = type("LoginView", (self.target,), {})
        return extend_schema_view(post=extend_schema(responses=answer))(login_view)
