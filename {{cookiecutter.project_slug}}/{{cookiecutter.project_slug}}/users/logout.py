{%- set cookie = cookiecutter.token_transport == "cookie" -%}
"""Log out everywhere: end every session of the signed-in user (bakes with the blacklist)."""

from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

{% if cookie -%}
from ..tokens.views.cookie import delete_refresh_cookie
{% endif -%}
from .locks import lock_user
from .views import signed_in_user


class LogoutEverywhereView(APIView):
    """End every session of the signed-in user: blacklist all their unexpired refresh tokens.

    simplejwt records each refresh token it issues (OutstandingToken); refresh refuses any that
    is blacklisted. Access tokens are not looked up in the blacklist: they work until they expire.
    """

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None})
    def post(self, request: Request) -> Response:
        with transaction.atomic():
            user = signed_in_user(request)
            # As a refresh locks it while it rotates: a refresh in flight finishes first and its
            # new token is blacklisted here, or waits and is refused.
            lock_user(user)
            outstanding = OutstandingToken.objects.filter(
                user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
            )
            BlacklistedToken.objects.bulk_create(
                [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
            )
        return {{ "delete_refresh_cookie(Response(status=status.HTTP_204_NO_CONTENT))" if cookie else "Response(status=status.HTTP_204_NO_CONTENT)" }}
