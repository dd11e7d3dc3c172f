"""Log out everywhere: end every session of the signed-in user (bakes with the blacklist)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import events
from ..tokens.revocation import revoke_every_refresh_token
from ..tokens.transport import logged_out_response
from .views import signed_in_user


class LogoutEverywhereView(APIView):
    """End every session of the signed-in user: blacklist all their unexpired refresh tokens.

    simplejwt records each refresh token it issues (OutstandingToken); refresh refuses any that
    is blacklisted. Access tokens are not looked up in the blacklist: they work until they expire.
    """

    @extend_schema(request=None, responses={status.HTTP_204_NO_CONTENT: None})
    def post(self, request: Request) -> Response:
        user = signed_in_user(request)
        revoke_every_refresh_token(user)
        events.record(events.Event.LOGOUT_EVERYWHERE, request, user=user)
        return logged_out_response()
