"""simplejwt's token serializers, with the password taken as typed, a size cap on every token
field and the user checks on refresh; login and refresh write the user claims (claims.py).
"""

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework_simplejwt import serializers as simplejwt
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from .. import events
from . import claims, refresh
from .authentication import JWTAuthentication
from .conf import token_settings
from .tokens import RefreshToken, UntypedToken


def token_field(**kwargs: Any) -> serializers.CharField:
    """A token in a request body: longer than any token we issue is a 400, never decoded."""
    return serializers.CharField(max_length=token_settings.MAX_TOKEN_LENGTH, **kwargs)


# How login issues its tokens is refresh.py's.
class TokenObtainPairSerializer(refresh.Login):
    """Login: the refresh token, and the access token made from it, carry the user claims.

    The password reaches authentication exactly as sent, as Django's login form sends it:
    simplejwt 5.5.1 strips it, so a password that begins or ends with a space never matched.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"] = simplejwt.PasswordField(trim_whitespace=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        # A failed login is recorded by login_events.py, which hears the admin's too.
        data = super().validate(attrs)
        # No tokens yet where login asks for a second factor first (factors/login.py).
        if "access" in data:
            events.record(
                events.Event.LOGIN_SUCCEEDED, self.context.get("request"), user=self.user
            )
        return data

    @classmethod
    def get_token(cls, user: Any) -> Token:
        return claims.add_user_claims(super().get_token(user), user)


# How refresh issues its tokens is refresh.py's.
class TokenRefreshSerializer(refresh.Refresh):
    """Refresh only for a user who still exists, is active and kept their password."""

    refresh = token_field()


class TokenVerifySerializer(simplejwt.TokenVerifySerializer):
    """simplejwt's check of a token of any kind, with the project's UntypedToken (simplejwt's
    own validate names simplejwt's class, which the project's backend would not check), and the
    user checks of an API request: a token whose user is gone, inactive or has changed their
    password since is refused, as the API and refresh refuse it. (Stateless authentication
    skips those checks on API requests; verify reads the user all the same.)"""

    token = token_field(write_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        token = UntypedToken(attrs["token"])
        # As simplejwt's own validate: a blacklisted token is refused where there is a blacklist.
        if apps.is_installed("rest_framework_simplejwt.token_blacklist"):
            from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

            jti = token.get(api_settings.JTI_CLAIM)
            if BlacklistedToken._default_manager.filter(token__jti=jti).exists():
                raise serializers.ValidationError(_("Token is blacklisted"))
        JWTAuthentication().get_user(token)
        return {}


class VerifierTokenVerifySerializer(simplejwt.TokenVerifySerializer):
    """A verifier-only service's check (tokens/verifier_urls.py): the token alone, as its API
    takes it (signature, type, issuer, audience, expiry); it has no copy of the issuer's users."""

    token = token_field(write_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        UntypedToken(attrs["token"])
        return {}


# The blacklist endpoint's, where header clients log out through it (SIMPLE_JWT names it).
class TokenBlacklistSerializer(simplejwt.TokenBlacklistSerializer):
    refresh = token_field(write_only=True)
    token_class = RefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        refresh = self.token_class(attrs["refresh"])
        refresh.blacklist()
        user_id = refresh.get(api_settings.USER_ID_CLAIM)
        events.record(events.Event.LOGOUT, self.context.get("request"), user=user_id)
        return {}
