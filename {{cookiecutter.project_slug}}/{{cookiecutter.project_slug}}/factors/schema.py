"""How the OpenAPI schema (drf-spectacular) describes login where it may ask for the second
factor: as the tokens app's login, whose tokens it answers once the factor is given
(docs/second-factor.md shows the challenge). Defining the extension registers it; apps.py imports
this module."""

from drf_spectacular.contrib import rest_framework_simplejwt


class LoginScheme(rest_framework_simplejwt.TokenObtainPairSerializerExtension):
    target_class = f"{__package__}.login.Login"
