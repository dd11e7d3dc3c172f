"""Token endpoints for browsers: the refresh token lives in an httpOnly cookie (transport.py).

Because browsers attach the cookie by themselves, every view here also requires the
X-Requested-With header (permissions.SentByScript). Verify is simplejwt's own view: it reads a
token from the body, never the cookie.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt import views

from ..permissions import SentByScript
from ..transport import (
    COOKIE_NAME,
    TokenPairSerializer,
    move_refresh_token_to_cookie,
    refresh_cookies,
)


class TokenObtainPairView(views.TokenObtainPairView):
    """Log in with the login field and password: the access token in the body, the refresh token
    in the cookie."""

    # simplejwt's TokenViewBase sets `permission_classes = ()`, which mypy infers as tuple[()].
    permission_classes = [SentByScript]  # type: ignore[assignment]

    @extend_schema(responses=TokenPairSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return move_refresh_token_to_cookie(super().post(request, *args, **kwargs))


class TokenRefreshView(views.TokenRefreshView):
    """A new access token for the refresh token in the cookie. Where refresh tokens rotate, the
    new refresh token replaces it in the cookie."""

    # simplejwt's TokenViewBase sets `permission_classes = ()`, which mypy infers as tuple[()].
    permission_classes = [SentByScript]  # type: ignore[assignment]

    @extend_schema(request=None, responses=TokenPairSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        cookies = refresh_cookies(request)
        if not any(cookies):
            raise NotAuthenticated("No refresh token cookie: log in first.")
        if len(cookies) > 1:
            raise NotAuthenticated("The request carries more than one refresh token cookie.")
        return move_refresh_token_to_cookie(super().post(request, *args, **kwargs))

    def get_serializer(self, *args: Any, **kwargs: Any) -> serializers.BaseSerializer[Any]:
        kwargs["data"] = {"refresh": self.request.COOKIES[COOKIE_NAME]}
        return super().get_serializer(*args, **kwargs)
