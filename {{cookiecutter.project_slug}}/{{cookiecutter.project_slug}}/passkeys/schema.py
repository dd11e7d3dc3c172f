"""How the OpenAPI schema (drf-spectacular) describes login where a passkey may answer its
challenge: as the tokens app's login, like the factors app's (factors/schema.py). Defining the
extension registers it; apps.py imports this module."""

from drf_spectacular.contrib import rest_framework_simplejwt


class LoginScheme(rest_framework_simplejwt.TokenObtainPairSerializerExtension):
    target_class = f"{__package__}.login.Login"
