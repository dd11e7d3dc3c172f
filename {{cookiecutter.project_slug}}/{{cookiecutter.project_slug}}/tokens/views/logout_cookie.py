"""Logout for browsers: clear the refresh token cookie (transport.py)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ... import events
from ..permissions import SentByScript
from ..transport import logged_out_response


class LogoutView(APIView):
    """Log out: clear the cookie.

    Answers 204 even without a valid cookie: the browser ends up logged out either way.
    """

    authentication_classes = ()
    permission_classes = [SentByScript]

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None})
    def post(self, request: Request) -> Response:
        # No blacklist: the token is not read, so the event names no user.
        events.record(events.Event.LOGOUT, request)
        return logged_out_response()
