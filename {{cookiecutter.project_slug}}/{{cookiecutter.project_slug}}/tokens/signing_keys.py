"""How this project signs its tokens: a private key signs, its public half and the previous keys'
verify (backends.py); a verifier-only service (a JWKS URL) holds no private key and fetches the
issuer's public keys.

The tokens app builds the backend here once, at start-up (apps.py); the system check reads the
keys as the server will, before anything serves.
"""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from jwt import PyJWKClient
from rest_framework_simplejwt.settings import api_settings

from .backends import KeyIdTokenBackend
from .conf import token_settings
from .key_source import load_key_set, read_key_set
from .types import backend_options
from .verified import VerifiedTokens


def build_token_backend() -> KeyIdTokenBackend | None:
    """The backend every token is signed and verified with (tokens.py); None when the keys
    cannot be loaded (the system check tokens.E007 says why, and stops the server's start)."""
    options = backend_options()
    if token_settings.JWKS_URL:
        # Verifier-only: the issuer's public keys, kept JWKS_LIFESPAN seconds and fetched again
        # when a kid is new (the backend limits those fetches). A verified token is kept no
        # longer than the keys: one of a withdrawn key is refused within twice the lifespan.
        lifespan = token_settings.JWKS_LIFESPAN
        client = PyJWKClient(
            token_settings.JWKS_URL, lifespan=lifespan, timeout=token_settings.JWKS_TIMEOUT
        )
        if options["verified_tokens"] is not None:
            options["verified_tokens"] = VerifiedTokens(
                token_settings.VERIFIED_TOKEN_CACHE_SIZE, max_age=lifespan
            )
        return KeyIdTokenBackend(
            api_settings.ALGORITHM,
            jwks_client=client,
            refetch_interval=token_settings.JWKS_REFRESH_COOLDOWN,
            **options,
        )
    try:
        key_set = load_key_set()
    except ImproperlyConfigured:
        return None
    return KeyIdTokenBackend(api_settings.ALGORITHM, key_set=key_set, **options)


@register(Tags.security)
def check_signing_keys(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """The keys TOKENS names, read as the server will read them; a verifier-only service (a
    JWKS URL) holds none."""
    if token_settings.JWKS_URL:
        return []
    try:
        read_key_set()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="tokens.E007")]
    return []
