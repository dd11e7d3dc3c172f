from typing import Any

import jwt
from rest_framework_simplejwt.state import token_backend

AUTH_HEADER_TYPE = "{{ cookiecutter.auth_header_type }}"
PASSWORD = "correct-horse-battery-staple"


def bearer(token: str, keyword: str = AUTH_HEADER_TYPE) -> dict[str, str]:
    """Test-client keyword arguments that send `token` in the Authorization header."""
    return {"HTTP_AUTHORIZATION": f"{keyword} {token}"}


def claims_of(token: str) -> dict[str, Any]:
    """The payload of a token we issued, read without checking anything."""
    return jwt.decode(token, options={"verify_signature": False})


def sign(
    claims: dict[str, Any],
    key: Any = None,
    algorithm: str | None = None,
    headers: dict[str, Any] | None = None,
) -> str:
    """A token with any claims, signed with the project's key unless another is given."""
    return jwt.encode(
        claims,
        token_backend.signing_key if key is None else key,
        algorithm=algorithm or token_backend.algorithm,
        headers=headers,
    )
