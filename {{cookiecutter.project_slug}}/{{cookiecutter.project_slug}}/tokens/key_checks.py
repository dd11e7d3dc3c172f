"""The system check of the signing keys: they can be read, and they fit the algorithm."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from .conf import token_settings
from .key_source import read_key_set


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
