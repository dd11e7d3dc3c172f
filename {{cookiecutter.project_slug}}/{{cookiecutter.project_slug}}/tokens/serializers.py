"""simplejwt's token serializers, with a size cap on every token field and the user checks on refresh."""

from typing import Any

from django.conf import settings
from rest_framework import serializers
from rest_framework_simplejwt import serializers as simplejwt

from .authentication import JWTAuthentication


def token_field(**kwargs: Any) -> serializers.CharField:
    """A token in a request body: longer than any token we issue is a 400, never decoded."""
    return serializers.CharField(max_length=settings.JWT_MAX_TOKEN_LENGTH, **kwargs)


class TokenRefreshSerializer(simplejwt.TokenRefreshSerializer):
    """Refresh only for a user an access token would still be accepted for.

    simplejwt 5.5.1 answers a refresh token of a deleted user with a 500 (DoesNotExist), and
    ignores CHECK_REVOKE_TOKEN on refresh, so a stolen refresh token outlives a password change.
    Both are fixed on simplejwt's master; drop this class once a release has them.
    """

    refresh = token_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        refresh = self.token_class(attrs["refresh"])
        # The same checks as an API request: the user exists, is active, kept their password.
        JWTAuthentication().get_user(refresh)
        return super().validate(attrs)


class TokenVerifySerializer(simplejwt.TokenVerifySerializer):
    token = token_field(write_only=True)
{%- if cookiecutter.blacklist_after_rotation %}


class TokenBlacklistSerializer(simplejwt.TokenBlacklistSerializer):
    refresh = token_field(write_only=True)
{%- endif %}
