"""Helpers for the key tests: key sets, a backend that uses them, and hand-made tokens."""

import base64
import functools
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from jwt.algorithms import get_default_algorithms

from {{ cookiecutter.project_slug }}.tokens.backends import KeyIdTokenBackend
from {{ cookiecutter.project_slug }}.tokens.keys import KeySet, PrivateKey, generate_private_key
from {{ cookiecutter.project_slug }}.tokens.tokens import AccessToken
from {{ cookiecutter.project_slug }}.tokens.types import TypedTokenBackend, backend_options

ALGORITHM: str = settings.SIMPLE_JWT["ALGORITHM"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(value: dict[str, Any]) -> str:
    return b64url(json.dumps(value).encode())


def sign(header: dict[str, Any], claims: dict[str, Any], key: PrivateKey) -> str:
    """A token with exactly `header`, signed by `key`: PyJWT's encode would refuse odd headers."""
    signing_input = f"{segment(header)}.{segment(claims)}"
    signature = get_default_algorithms()[ALGORITHM].sign(signing_input.encode(), key)
    return f"{signing_input}.{b64url(signature)}"


@functools.cache
def key(role: str) -> PrivateKey:
    """A private key for `role` ("old", "new", "attacker", ...), made once per test run: an RSA
    key takes a while to make, and no test needs a key no other test has seen."""
    return generate_private_key(ALGORITHM)


def new_key_set(role: str, *previous: PrivateKey) -> KeySet:
    """A key set signing with the key of `role` that also trusts the public halves of `previous`."""
    return KeySet(ALGORITHM, key(role), [k.public_key() for k in previous])


def use_key_set(use_token_backend: Callable[[TypedTokenBackend], object], key_set: KeySet) -> None:
    """Sign and verify every token of this test with `key_set`, as if the server started with it
    (`use_token_backend` is the fixture of that name)."""
    use_token_backend(KeyIdTokenBackend(ALGORITHM, key_set=key_set, **backend_options()))


def access_token_for(user: Any) -> str:
    """An access token for `user`, signed by the backend in use."""
    return str(AccessToken.for_user(user))
