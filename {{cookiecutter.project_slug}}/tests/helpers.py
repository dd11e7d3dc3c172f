from typing import TYPE_CHECKING, Any, TypedDict

import jwt
from django.contrib.auth import get_user_model
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.settings import api_settings

from {{ cookiecutter.project_slug }}.tokens.tokens import token_backend
from {{ cookiecutter.project_slug }}.tokens.types import header_type

# How this project's clients hold and send the refresh token: a module of each transport, the
# chosen one kept.
from . import {{ cookiecutter.token_transport }}_transport as transport

if TYPE_CHECKING:
    # What the test client returns (in the type stubs only): a DRF Response with json().
    from rest_framework.response import _MonkeyPatchedResponse as TestResponse

TOKEN_FIELDS = transport.TOKEN_FIELDS
new_api_client = transport.new_api_client
refresh_with = transport.refresh_with
refresh_token_in = transport.refresh_token_in

AUTH_HEADER_TYPE: str = api_settings.AUTH_HEADER_TYPES[0]
PASSWORD = "correct-horse-battery-staple"
# What users log in with (the token endpoint takes it beside the password).
LOGIN_FIELD: str = get_user_model().USERNAME_FIELD


def login_of(name: str) -> str:
    """What the user called `name` logs in with: their address or their name."""
    return f"{name}@example.com" if LOGIN_FIELD == "email" else name


# The test user's login.
ALICE = login_of("alice")


class AuthorizationHeader(TypedDict):
    """Typed key by key, so that `**bearer(...)` fills a request's headers, never its `data`."""

    HTTP_AUTHORIZATION: str


def bearer(token: str, keyword: str = AUTH_HEADER_TYPE) -> AuthorizationHeader:
    """Test-client keyword arguments that send `token` in the Authorization header."""
    return {"HTTP_AUTHORIZATION": f"{keyword} {token}"}


def credentials(login: str = ALICE, password: str = PASSWORD) -> dict[str, str]:
    """The body of a login request."""
    return {LOGIN_FIELD: login, "password": password}


def assert_refused(response: "TestResponse") -> None:
    """`response` refuses a request's access token, as RFC 6750 says: 401 with WWW-Authenticate."""
    assert response.status_code == 401, response.content
    assert "WWW-Authenticate" in response


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
    """A token with any claims, signed with the project's key unless another is given, with the
    headers the project writes (its key's `kid` where it has several keys) and typed as its
    `token_type` claim says, unless `headers` say otherwise."""
    backend = token_backend()
    own_key, own_headers = backend.signing_key_and_headers()
    return jwt.encode(
        claims,
        own_key if key is None else key,
        algorithm=algorithm or backend.algorithm,
        headers=own_headers | {"typ": header_type(claims)} | (headers or {}),
    )


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


def login_answers(schema: dict) -> list[dict]:
    """The components login's 200 may answer: one, or each of a `oneOf`."""
    answer = schema["paths"]["/api/token/"]["post"]["responses"]["200"]["content"]
    components = schema["components"]["schemas"]
    answered = components[answer["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]]
    references = [choice["$ref"] for choice in answered.get("oneOf", [])]
    return [components[ref.rsplit("/", 1)[-1]] for ref in references] or [answered]
