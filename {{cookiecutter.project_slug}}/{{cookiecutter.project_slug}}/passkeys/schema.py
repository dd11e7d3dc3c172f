"""How the OpenAPI schema (drf-spectacular) describes login where a passkey may answer its
challenge: as the factors app describes it (factors/schema.py), with `passkey` among the
methods. Defining the extensions registers them; apps.py imports this module."""

from drf_spectacular.contrib import rest_framework_simplejwt

from ..factors import schema


class LoginScheme(rest_framework_simplejwt.TokenObtainPairSerializerExtension):
    target_class = f"{__package__}.login.Login"


class LoginViewScheme(schema.LoginViewScheme):
    """The factors app's description of the login view, whose challenge a passkey answers too:
    chosen over it (a higher priority)."""

    priority = 1
    methods = ["totp", "passkey", "recovery_code"]
