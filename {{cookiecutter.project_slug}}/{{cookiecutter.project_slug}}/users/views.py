"""The signed-in user's account: read and edit it, change the password.

Every view here needs a valid access token (REST_FRAMEWORK's default permission).
"""

from typing import Any

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_simplejwt.settings import api_settings

from .. import events
from ..parsers import JSONParser
from ..tokens.authentication import JWTAuthentication
from ..tokens.throttling import LoginAddressRateThrottle
from ..tokens.transport import TokenPairSerializer, token_pair_response
from .models import User
from .serializers import PasswordChangeSerializer, UserSerializer
from .throttling import PasswordChangeRateThrottle

# The serializer login uses (settings' SIMPLE_JWT): new tokens carry the same claims as a login's.
login_serializer = import_string(api_settings.TOKEN_OBTAIN_SERIALIZER)


def signed_in_user(request: Request) -> User:
    """The database row of the user the access token names.

    Where authentication loaded that row in this request (tokens/authentication.py: active,
    password unchanged), it is the one: loading it again would cost a query and check nothing
    more. Where `request.user` is built from the token's claims alone (stateless
    authentication), the row is loaded as JWTAuthentication loads it (one query, no query
    compiled per call), so the views see the current row in every bake.
    """
    # Typed as the user model, but simplejwt's TokenUser where authentication is stateless.
    authenticated: object = request.user
    if isinstance(authenticated, User):
        return authenticated
    pk = request.user.pk
    user = None if pk is None else JWTAuthentication().load_user(pk)
    if not isinstance(user, User) or not user.is_active:
        raise AuthenticationFailed(_("User not found"), code="user_not_found")
    return user


class UserView(generics.RetrieveUpdateAPIView[User]):
    """Read the signed-in user's account (GET), or change some of its fields (PATCH)."""

    serializer_class = UserSerializer
    # JSON only: no HTML form, on this site or another, can send a body here.
    parser_classes = [JSONParser]
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
    parser_classes = [JSONParser]
    # The current password can be guessed here too: limited per client address as login is,
    # and per account.
    throttle_classes = [LoginAddressRateThrottle, PasswordChangeRateThrottle]

    @extend_schema(responses=TokenPairSerializer)
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = signed_in_user(request)
        serializer = self.get_serializer(user, data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        events.record(events.Event.PASSWORD_CHANGED, request, user=user)
        # The tokens go where login puts them (tokens/transport.py).
        return token_pair_response(login_serializer.tokens_for(user, request))
