"""How this project signs its tokens: one shared secret (HS256, HS384, HS512) signs and verifies.

The tokens app builds the backend here once, at start-up (apps.py); the system check judges the
secret before anything serves.
"""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from rest_framework_simplejwt.settings import api_settings

from ..secrets import weak_secret
from .types import TypedTokenBackend, backend_options


def build_token_backend() -> TypedTokenBackend:
    """The backend every token is signed and verified with (tokens.py)."""
    return TypedTokenBackend(api_settings.ALGORITHM, api_settings.SIGNING_KEY, **backend_options())


def min_key_bytes(algorithm: str) -> int:
    """RFC 7518 section 3.2: an HMAC key at least as long as the hash (HS256: 32 bytes)."""
    return int(algorithm.removeprefix("HS")) // 8


@register(Tags.security)
def check_signing_key(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """JWT_SIGNING_KEY: a random key long enough for the hash, and not SECRET_KEY."""
    # Read from the setting itself: simplejwt's api_settings is a new object after each change.
    key = settings.SIMPLE_JWT.get("SIGNING_KEY") or ""
    problem = weak_secret(key, min_length=min_key_bytes(settings.SIMPLE_JWT["ALGORITHM"]))
    if problem:
        return [Error(f"JWT_SIGNING_KEY {problem}", id="tokens.E005")]
    if key == settings.SECRET_KEY:
        # Anyone holding the key to verify tokens could then forge sessions and reset links.
        return [Error("JWT_SIGNING_KEY must differ from DJANGO_SECRET_KEY", id="tokens.E006")]
    return []
