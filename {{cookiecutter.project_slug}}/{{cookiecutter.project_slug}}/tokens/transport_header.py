"""How tokens reach the client: both in the response body, as simplejwt's login answers.

Public: the users app answers a password change with new tokens through `token_pair_response`.
"""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

# The body of an answer with new tokens, as the OpenAPI schema shows it.
TokenPairSerializer = inline_serializer(
    "TokenPair", {"access": serializers.CharField(), "refresh": serializers.CharField()}
)


def token_pair_response(tokens: dict[str, str]) -> Response:
    """The answer that hands the client a new access and refresh token: both in the body."""
    return Response(tokens)


def logged_out_response() -> Response:
    """The answer to a logout: 204, nothing for the client to drop but the tokens it holds."""
    return Response(status=status.HTTP_204_NO_CONTENT)
