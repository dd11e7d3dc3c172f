{%- set detects_reuse = cookiecutter | detects_reuse -%}
"""simplejwt's token serializers, with the password taken as typed, a size cap on every token
field and the user checks on refresh; login and refresh write the user claims (claims.py).
{%- if detects_reuse %}

Refresh rotates with rotation.py: each refresh token is spent once, in one transaction.
{% endif %}"""

from typing import Any

from django.conf import settings
{%- if cookiecutter.blacklist_after_rotation %}
from django.utils.translation import gettext_lazy as _
{%- endif %}
from rest_framework import serializers
from rest_framework_simplejwt import serializers as simplejwt
{%- if cookiecutter.blacklist_after_rotation %}
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
{%- endif %}
from rest_framework_simplejwt.tokens import Token

from . import claims{{ ", rotation" if detects_reuse }}
from .authentication import JWTAuthentication
from .tokens import {{ "RefreshToken, UntypedToken" if detects_reuse else "AccessToken, RefreshToken, UntypedToken" }}


def token_field(**kwargs: Any) -> serializers.CharField:
    """A token in a request body: longer than any token we issue is a 400, never decoded."""
    return serializers.CharField(max_length=settings.JWT_MAX_TOKEN_LENGTH, **kwargs)


class TokenObtainPairSerializer(simplejwt.TokenObtainPairSerializer):
    """Login: the refresh token, and the access token made from it, carry the user claims.

    The password reaches authentication exactly as sent, as Django's login form sends it:
    simplejwt 5.5.1 strips it, so a password that begins or ends with a space never matched.
    """

    token_class = RefreshToken

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"] = simplejwt.PasswordField(trim_whitespace=False)

    @classmethod
    def get_token(cls, user: Any) -> Token:
        return claims.add_user_claims(super().get_token(user), user)


class TokenRefreshSerializer(simplejwt.TokenRefreshSerializer):
    """Refresh only for a user who still exists, is active and kept their password.

    simplejwt 5.5.1 answers a refresh token of a deleted user with a 500 (DoesNotExist), and
    ignores CHECK_REVOKE_TOKEN on refresh, so a stolen refresh token outlives a password change.
{%- if detects_reuse %}
    Both are fixed on simplejwt's master; once a release has them, this class stays for the
    rotation only (rotation.py), which simplejwt does not make atomic.
{%- else %}
    Both are fixed on simplejwt's master; drop this class once a release has them.
{%- endif %}
    """

    refresh = token_field()
{%- if detects_reuse %}
    token_class = rotation.RefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        refresh = self.token_class(attrs["refresh"])
        # The same checks as an API request: the user exists, is active, kept their password.
        user = JWTAuthentication().get_user(refresh)
        # Spent once and for all, or its whole login revoked if it was spent before.
        refresh = rotation.rotate(refresh, user)
        # The new access token carries the user's current claims, not the login's.
        access = claims.add_user_claims(refresh.access_token, user)
        return {"access": str(access), "refresh": str(refresh)}
{%- else %}
    token_class = RefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        refresh = self.token_class(attrs["refresh"])
        # The same checks as an API request: the user exists, is active, kept their password.
        user = JWTAuthentication().get_user(refresh)
        data = super().validate(attrs)
        # The new access token carries the user's current claims, not the login's.
        # simplejwt 5.5.1 annotates the encoded token as `Token | None`; it is a str.
        access = AccessToken(data["access"])  # type: ignore[arg-type]
        data["access"] = str(claims.add_user_claims(access, user))
        return data
{%- endif %}


class TokenVerifySerializer(simplejwt.TokenVerifySerializer):
    """simplejwt's check of a token of any kind, with the project's UntypedToken: simplejwt's
    own validate names simplejwt's class, which the project's backend would not check."""

    token = token_field(write_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
{%- if cookiecutter.blacklist_after_rotation %}
        token = UntypedToken(attrs["token"])
        jti = token.get(api_settings.JTI_CLAIM)
        if BlacklistedToken.objects.filter(token__jti=jti).exists():
            raise serializers.ValidationError(_("Token is blacklisted"))
{%- else %}
        UntypedToken(attrs["token"])
{%- endif %}
        return {}
{%- if cookiecutter.blacklist_after_rotation and cookiecutter.token_transport == "header" %}


class TokenBlacklistSerializer(simplejwt.TokenBlacklistSerializer):
    refresh = token_field(write_only=True)
    token_class = RefreshToken
{%- endif %}
