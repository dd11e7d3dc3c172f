"""How a browser client (a single-page app) holds its refresh token: in the httpOnly cookie, which
it sends to the token endpoints with the header fetch() adds (tokens/permissions.py)."""

from typing import TYPE_CHECKING, TypedDict

from django.urls import reverse
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.tokens.transport import COOKIE_NAME

if TYPE_CHECKING:
    # What the test client returns (in the type stubs only): a DRF Response with json().
    from rest_framework.response import _MonkeyPatchedResponse as TestResponse

# The body of a login or refresh response: the refresh token is in the cookie only.
TOKEN_FIELDS = {"access"}


class ScriptHeader(TypedDict):
    HTTP_X_REQUESTED_WITH: str


# What fetch() in a front end sends to the cookie endpoints.
SCRIPT_HEADER: ScriptHeader = {"HTTP_X_REQUESTED_WITH": "fetch"}


def new_api_client() -> APIClient:
    """A client that behaves like a front end's fetch(): it sends X-Requested-With."""
    return APIClient(**SCRIPT_HEADER)


def refresh_with(client: APIClient, token: str) -> "TestResponse":
    """Ask the refresh endpoint for a new access token, sending `token` in the cookie."""
    client.cookies[COOKIE_NAME] = token
    return client.post(reverse("token_refresh"))


def refresh_token_in(response: "TestResponse") -> str:
    """The refresh token a login or refresh response hands out, in its cookie."""
    return response.cookies[COOKIE_NAME].value
