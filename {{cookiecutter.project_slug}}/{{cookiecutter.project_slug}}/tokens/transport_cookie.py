"""How tokens reach the client: the access token in the response body, the refresh token in an
httpOnly cookie.

Scripts never see the refresh token, so an XSS bug cannot steal the long-lived credential; they
keep only the short-lived access token, in memory, and send it in the Authorization header.
The cookie is httpOnly, SameSite=Strict and bound to this host by its `__Host-` name: browsers
take such a cookie only if it is Secure, has Path=/ and names no domain, so no other host of the
site (a sibling subdomain) can set or replace it. Public: the users app answers a password change
and logs out through it.
"""

from django.conf import settings
from django.http.cookie import parse_cookie
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

COOKIE_NAME = "__Host-refresh_token"
# What the `__Host-` prefix requires: the cookie goes with every request to this host, and only
# the token endpoints read it (the rest of the API reads the Authorization header).
COOKIE_PATH = "/"

# The body of an answer with new tokens, as the OpenAPI schema shows it.
TokenPairSerializer = inline_serializer("AccessToken", {"access": serializers.CharField()})


def move_refresh_token_to_cookie(response: Response) -> Response:
    """Take the refresh token out of a token response's body and set it as the cookie."""
    refresh = response.data.pop("refresh", None)
    if refresh is not None:
        response.set_cookie(
            COOKIE_NAME,
            refresh,
            max_age=settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"],
            path=COOKIE_PATH,
            # Browsers treat http://localhost and http://127.0.0.1 as secure: the development
            # server gets it back over plain HTTP too.
            secure=True,
            httponly=True,
            samesite="Strict",
        )
    return response


def token_pair_response(tokens: dict[str, str]) -> Response:
    """The answer that hands the client a new access and refresh token: the access token in the
    body, the refresh token in the cookie, where login puts it."""
    return move_refresh_token_to_cookie(Response(tokens))


def refresh_cookies(request: Request) -> list[str]:
    """Every refresh token cookie in the request, in the order sent.

    Django keeps the last of several cookies with one name. Browsers never send two of a
    `__Host-` name, but another client may: whichever were used, the request could land in
    another session.
    """
    header = request.META.get("HTTP_COOKIE", "")
    return [
        value
        for chunk in header.split(";")
        for name, value in parse_cookie(chunk).items()
        if name == COOKIE_NAME
    ]


def delete_refresh_cookie(response: Response) -> Response:
    """`response`, which also deletes the refresh token cookie."""
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, samesite="Strict")
    return response


def logged_out_response() -> Response:
    """The answer to a logout: 204, and the refresh token cookie deleted."""
    return delete_refresh_cookie(Response(status=status.HTTP_204_NO_CONTENT))
