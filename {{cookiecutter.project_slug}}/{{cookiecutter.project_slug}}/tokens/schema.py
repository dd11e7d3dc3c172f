"""How the OpenAPI schema (drf-spectacular) describes this app's classes: as it describes the
simplejwt classes they extend. Defining an extension registers it; apps.py imports this module.

Each target is a dotted path, imported when the schema is first generated.
"""

from drf_spectacular.contrib import rest_framework_simplejwt


class JWTAuthenticationScheme(rest_framework_simplejwt.SimpleJWTScheme):
    target_class = f"{__package__}.authentication.JWTAuthentication"
{%- if cookiecutter.stateless_auth or cookiecutter.jwt_algorithm | asymmetric %}


class JWTStatelessUserAuthenticationScheme(rest_framework_simplejwt.SimpleJWTStatelessUserScheme):
    target_class = f"{__package__}.authentication.JWTStatelessUserAuthentication"
{%- endif %}
{%- if cookiecutter.stateless_auth %}


class TokenObtainPairSerializerScheme(rest_framework_simplejwt.TokenObtainPairSerializerExtension):
    target_class = f"{__package__}.serializers.TokenObtainPairSerializer"
{%- endif %}
