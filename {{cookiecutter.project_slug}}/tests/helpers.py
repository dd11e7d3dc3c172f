{%- set cookie = cookiecutter.token_transport == "cookie" -%}
from typing import TYPE_CHECKING, Any, TypedDict

import jwt
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.test import APIClient
from rest_framework_simplejwt.authentication import JWTAuthentication

{% if cookiecutter.jwt_algorithm | asymmetric -%}
from {{ cookiecutter.project_slug }}.tokens.backends import KeyIdTokenBackend
{% endif -%}
from {{ cookiecutter.project_slug }}.tokens.tokens import token_backend
from {{ cookiecutter.project_slug }}.tokens.types import header_type
{% if cookie -%}
from {{ cookiecutter.project_slug }}.tokens.views.cookie import COOKIE_NAME
{% endif %}
if TYPE_CHECKING:
    # What the test client returns (in the type stubs only): a DRF Response with json().
    from rest_framework.response import _MonkeyPatchedResponse as TestResponse

AUTH_HEADER_TYPE = "{{ cookiecutter.auth_header_type }}"
PASSWORD = "correct-horse-battery-staple"
# What users log in with (the token endpoint takes it beside the password), and the test user's.
LOGIN_FIELD = "{{ cookiecutter.login_field }}"
ALICE = "{{ "alice@example.com" if cookiecutter.login_field == "email" else "alice" }}"
{%- if cookie %}


class ScriptHeader(TypedDict):
    HTTP_X_REQUESTED_WITH: str


# What fetch() in a front end sends to the cookie endpoints (tokens/permissions.py).
SCRIPT_HEADER: ScriptHeader = {"HTTP_X_REQUESTED_WITH": "fetch"}
{%- endif %}


class AuthorizationHeader(TypedDict):
    """Typed key by key, so that `**bearer(...)` fills a request's headers, never its `data`."""

    HTTP_AUTHORIZATION: str


def bearer(token: str, keyword: str = AUTH_HEADER_TYPE) -> AuthorizationHeader:
    """Test-client keyword arguments that send `token` in the Authorization header."""
    return {"HTTP_AUTHORIZATION": f"{keyword} {token}"}


def credentials(login: str = ALICE, password: str = PASSWORD) -> dict[str, str]:
    """The body of a login request."""
    return {LOGIN_FIELD: login, "password": password}


def authenticated_user(authentication: JWTAuthentication, request: Request) -> object:
    """The user `authentication` finds in `request`, which must carry a token. Typed `object`:
    simplejwt types it as a database user even where it builds a TokenUser from the claims."""
    result = authentication.authenticate(request)
    assert result is not None
    return result[0]


def claims_of(token: str) -> dict[str, Any]:
    """The payload of a token we issued, read without checking anything."""
    return jwt.decode(token, options={"verify_signature": False})


def sign(
    claims: dict[str, Any],
    key: Any = None,
    algorithm: str | None = None,
    headers: dict[str, Any] | None = None,
) -> str:
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
    """A token with any claims, signed with the project's key unless another is given, and typed
    in its header as its `token_type` claim says unless `headers` type it otherwise."""
    backend = token_backend()
    secret = backend.signing_key
    assert secret is not None  # typed Optional by simplejwt; an HS project always has its secret
    return jwt.encode(
        claims,
        secret if key is None else key,
        algorithm=algorithm or backend.algorithm,
        headers={"typ": header_type(claims)} | (headers or {}),
    )
{%- else %}
    """A token with any claims, signed with the project's key unless another is given, naming
    the project's key in `kid` and typed in its header as its `token_type` claim says, unless
    `headers` say otherwise."""
    # tokens/backends.py builds this backend, with the project's key set, at start-up.
    backend = token_backend()
    assert isinstance(backend, KeyIdTokenBackend)
    assert backend.key_set is not None
    key_set = backend.key_set
    return jwt.encode(
        claims,
        key_set.signing_key if key is None else key,
        algorithm=algorithm or backend.algorithm,
        headers={"kid": key_set.signing_kid, "typ": header_type(claims)} | (headers or {}),
    )
{%- endif %}


def refresh_with(client: APIClient, token: str) -> "TestResponse":
    """Ask the refresh endpoint for a new access token, sending `token` as this project's
    clients send a refresh token{{ " (in the cookie)" if cookie else " (in the JSON body)" }}."""
{%- if cookie %}
    client.cookies[COOKIE_NAME] = token
    return client.post(reverse("token_refresh"))
{%- else %}
    return client.post(reverse("token_refresh"), {"refresh": token})
{%- endif %}


def refresh_token_in(response: "TestResponse") -> str:
    """The refresh token a login or refresh response hands out{{ " (in its cookie)" if cookie else "" }}."""
{%- if cookie %}
    return response.cookies[COOKIE_NAME].value
{%- else %}
    return response.json()["refresh"]
{%- endif %}


def delete(user) -> None:
    user.delete()


def deactivate(user) -> None:
    user.is_active = False
    user.save()


def change_password(user) -> None:
    user.set_password("a-brand-new-passphrase")
    user.save()


# What an admin or the user does to an account that must end its tokens.
ACCOUNT_CHANGES = [delete, deactivate, change_password]
