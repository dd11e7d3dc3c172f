{%- set cookie = cookiecutter.token_transport == "cookie" -%}
{%- set blacklist = cookiecutter.blacklist_after_rotation -%}
"""The signed-in user's account: read and edit it, change the password{{ ", log out everywhere" if blacklist }}.

Every view here needs a valid access token (REST_FRAMEWORK's default permission).
"""

from typing import Any

{% if blacklist -%}
from django.utils import timezone
{% endif -%}
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema{{ ", inline_serializer" if not cookie }}
from rest_framework import generics{{ ", serializers" if not cookie }}{{ ", status" if blacklist }}
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.response import Response
{%- if blacklist %}
from rest_framework.views import APIView
{%- endif %}
from rest_framework_simplejwt.settings import api_settings
{%- if blacklist %}
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
{%- endif %}

from {{ cookiecutter.project_slug }}.tokens.throttling import LoginRateThrottle
{%- if cookie %}
from {{ cookiecutter.project_slug }}.tokens.views.cookie import (
    AccessTokenSerializer,
{%- if blacklist %}
    delete_refresh_cookie,
{%- endif %}
    move_refresh_token_to_cookie,
)
{%- endif %}

from .models import User
from .serializers import PasswordChangeSerializer, UserSerializer

# The serializer login uses (settings' SIMPLE_JWT): new tokens carry the same claims as a login's.
login_serializer = import_string(api_settings.TOKEN_OBTAIN_SERIALIZER)
{%- if not cookie %}

TokenPairSerializer = inline_serializer(
    "TokenPair", {"access": serializers.CharField(), "refresh": serializers.CharField()}
)
{%- endif %}


def signed_in_user(request: Request) -> User:
    """The database row of the user the access token names.

    Loaded by its primary key (one query), so the views see the current row in every bake, also
    where `request.user` is built from the token's claims alone (stateless authentication).
    """
    pk = request.user.pk
    user = None if pk is None else User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise AuthenticationFailed(_("User not found"), code="user_not_found")
    return user


class UserView(generics.RetrieveUpdateAPIView[User]):
    """Read the signed-in user's account (GET), or change some of its fields (PATCH)."""

    serializer_class = UserSerializer
    # PATCH only: a PUT would have to send every field, the read-only ones included.
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> User:
        return signed_in_user(self.request)


class PasswordChangeView(generics.GenericAPIView[User]):
    """Change the signed-in user's password, given the current one.

    Every token issued before stops working: each carries a hash of the password hash
    (simplejwt's CHECK_REVOKE_TOKEN), which no longer matches. The answer holds new tokens for
    this client, as a login's does, so only the other sessions end.
    """

    serializer_class = PasswordChangeSerializer
    # The current password can be guessed here too: limited as login is, per client address.
    throttle_classes = [LoginRateThrottle]

    @extend_schema(responses={{ "AccessTokenSerializer" if cookie else "TokenPairSerializer" }})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = signed_in_user(request)
        serializer = self.get_serializer(user, data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        refresh = login_serializer.get_token(user)
        tokens = {"access": str(refresh.access_token), "refresh": str(refresh)}
{%- if cookie %}
        # The refresh token goes where login puts it: into the cookie.
        return move_refresh_token_to_cookie(Response(tokens))
{%- else %}
        return Response(tokens)
{%- endif %}
{%- if blacklist %}


class LogoutEverywhereView(APIView):
    """End every session of the signed-in user: blacklist all their unexpired refresh tokens.

    simplejwt records each refresh token it issues (OutstandingToken); refresh refuses any that
    is blacklisted. Access tokens are not looked up in the blacklist: they work until they expire.
    """

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None})
    def post(self, request: Request) -> Response:
        outstanding = OutstandingToken.objects.filter(
            user=signed_in_user(request),
            expires_at__gt=timezone.now(),
            blacklistedtoken__isnull=True,
        )
        BlacklistedToken.objects.bulk_create(
            [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
        )
{%- if cookie %}
        return delete_refresh_cookie(Response(status=status.HTTP_204_NO_CONTENT))
{%- else %}
        return Response(status=status.HTTP_204_NO_CONTENT)
{%- endif %}
{%- endif %}
