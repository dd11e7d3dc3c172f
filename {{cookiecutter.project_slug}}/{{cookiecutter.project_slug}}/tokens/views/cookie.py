"""Token endpoints for browsers: the refresh token lives in an httpOnly cookie.

Scripts never see the refresh token, so an XSS bug cannot steal the long-lived credential; they
keep only the short-lived access token, in memory, and send it in the Authorization header.

The cookie is httpOnly, SameSite=Strict, Secure outside development, and sent only to
/api/token/. Because browsers attach it by themselves, every view here also requires the
X-Requested-With header (permissions.SentByScript). Verify is simplejwt's own view: it reads a
token from the body, never the cookie.
"""

{% if cookiecutter.blacklist_after_rotation -%}
import contextlib
{% endif -%}
from typing import Any

from django.conf import settings
from django.http.cookie import parse_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt import views
{%- if cookiecutter.blacklist_after_rotation %}
from rest_framework_simplejwt.exceptions import TokenError
{%- endif %}

from ..permissions import SentByScript
{%- if cookiecutter.blacklist_after_rotation %}
from ..tokens import RefreshToken
{%- endif %}

COOKIE_NAME = "refresh_token"
COOKIE_PATH = "/api/token/"

AccessTokenSerializer = inline_serializer("AccessToken", {"access": serializers.CharField()})


def move_refresh_token_to_cookie(response: Response) -> Response:
    """Take the refresh token out of a token response's body and set it as the cookie."""
    refresh = response.data.pop("refresh", None)
    if refresh is not None:
        response.set_cookie(
            COOKIE_NAME,
            refresh,
            max_age=settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"],
            path=COOKIE_PATH,
            secure=settings.JWT_REFRESH_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )
    return response


def refresh_cookies(request: Request) -> list[str]:
    """Every refresh token cookie in the request, in the order sent.

    Django keeps the last of several cookies with one name. A second one comes from elsewhere
    (a sibling subdomain can set a cookie for the parent domain): whichever were used, the
    request could land in the other session.
    """
    header = request.META.get("HTTP_COOKIE", "")
    return [
        value
        for chunk in header.split(";")
        for name, value in parse_cookie(chunk).items()
        if name == COOKIE_NAME
    ]


def delete_refresh_cookie(response: Response) -> Response:
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, samesite="Strict")
    return response


class TokenObtainPairView(views.TokenObtainPairView):
    """Log in with {{ "an email address" if cookiecutter.login_field == "email" else "a username" }} and password: the access token in the body, the refresh token in
    the cookie."""

    # simplejwt's TokenViewBase sets `permission_classes = ()`, which mypy infers as tuple[()].
    permission_classes = [SentByScript]  # type: ignore[assignment]

    @extend_schema(responses=AccessTokenSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return move_refresh_token_to_cookie(super().post(request, *args, **kwargs))


class TokenRefreshView(views.TokenRefreshView):
    """A new access token for the refresh token in the cookie{{ " (which is rotated too)" if cookiecutter.rotate_refresh_tokens }}."""

    # simplejwt's TokenViewBase sets `permission_classes = ()`, which mypy infers as tuple[()].
    permission_classes = [SentByScript]  # type: ignore[assignment]

    @extend_schema(request=None, responses=AccessTokenSerializer)
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


class LogoutView(APIView):
    """Log out: {{ "blacklist the refresh token in the cookie and " if cookiecutter.blacklist_after_rotation }}clear the cookie.

    Answers 204 even without a valid cookie: the browser ends up logged out either way.
    """

    authentication_classes = ()
    permission_classes = [SentByScript]

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None})
    def post(self, request: Request) -> Response:
{%- if cookiecutter.blacklist_after_rotation %}
        # Every refresh cookie sent, in case ours is not the one Django kept.
        for token in refresh_cookies(request):
            # Expired, forged or already blacklisted: nothing is left to revoke.
            with contextlib.suppress(TokenError):
                if 0 < len(token) <= settings.JWT_MAX_TOKEN_LENGTH:
                    # simplejwt 5.5.1 annotates the encoded token as `Token | None`; it is a str.
                    RefreshToken(token).blacklist()  # type: ignore[arg-type]
{%- endif %}
        return delete_refresh_cookie(Response(status=status.HTTP_204_NO_CONTENT))
