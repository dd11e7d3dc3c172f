"""The system check of the shared secret that signs and verifies the tokens (HS256, HS384, HS512)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from ..secrets import weak_secret


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
