"""Logout for browsers: blacklist the refresh token in the cookie and clear the cookie
(transport.py)."""

import contextlib

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings

from ... import events
from ..conf import token_settings
from ..permissions import SentByScript
from ..tokens import RefreshToken
from ..transport import logged_out_response, refresh_cookies


class LogoutView(APIView):
    """Log out: blacklist the refresh token in the cookie and clear the cookie.

    Answers 204 even without a valid cookie: the browser ends up logged out either way.
    """

    authentication_classes = ()
    permission_classes = [SentByScript]

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None})
    def post(self, request: Request) -> Response:
        # Every refresh cookie sent, in case ours is not the one Django kept.
        for token in refresh_cookies(request):
            # Expired, forged or already blacklisted: nothing is left to revoke.
            with contextlib.suppress(TokenError):
                if 0 < len(token) <= token_settings.MAX_TOKEN_LENGTH:
                    # simplejwt 5.5.1 annotates the encoded token as `Token | None`; it is a str.
                    refresh = RefreshToken(token)  # type: ignore[arg-type]
                    refresh.blacklist()
                    user_id = refresh.get(api_settings.USER_ID_CLAIM)
                    events.record(events.Event.LOGOUT, request, user=user_id)
        return logged_out_response()
