"""How a client that keeps both tokens itself (a mobile app, a service, a script) sends its
refresh token: in the JSON body."""

from typing import TYPE_CHECKING

from django.urls import reverse
from rest_framework.test import APIClient

if TYPE_CHECKING:
    # What the test client returns (in the type stubs only): a DRF Response with json().
    from rest_framework.response import _MonkeyPatchedResponse as TestResponse

# The body of a login or refresh response.
TOKEN_FIELDS = {"access", "refresh"}


def new_api_client() -> APIClient:
    """A client with nothing set."""
    return APIClient()


def refresh_with(client: APIClient, token: str) -> "TestResponse":
    """Ask the refresh endpoint for a new access token, sending `token` in the JSON body."""
    return client.post(reverse("token_refresh"), {"refresh": token})


def refresh_token_in(response: "TestResponse") -> str:
    """The refresh token a login or refresh response hands out, in its body."""
    return response.json()["refresh"]
