"""System checks of the token settings, run by `manage.py check`, runserver, migrate and
gunicorn's start (config/gunicorn.py): every value that cannot work is listed at once, before a
request finds it.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .conf import token_settings

# What DRF's throttles parse: a positive number of requests per second, minute, hour or day.
THROTTLE_RATE = re.compile(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)")


@register(Tags.security)
def check_token_settings(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """The verified-token cache size, the issuer and the audience."""
    errors: list[CheckMessage] = []
    if token_settings.VERIFIED_TOKEN_CACHE_SIZE < 0:
        errors.append(
            Error("JWT_VERIFIED_TOKEN_CACHE_SIZE must be 0 (off) or more", id="tokens.E001")
        )
    if not token_settings.ISSUER:
        errors.append(Error("JWT_ISSUER must not be empty", id="tokens.E002"))
    if not token_settings.AUDIENCE:
        errors.append(Error("JWT_AUDIENCE must name one or more services", id="tokens.E003"))
    return errors


@register(Tags.security)
def check_throttle_rates(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """Every throttle rate: DRF would read a malformed one only at the first throttled request."""
    rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
    return [
        Error(
            f"DJANGO_THROTTLE_{scope.upper()} must look like 20/minute, got {rate!r}",
            id="tokens.E004",
        )
        for scope, rate in rates.items()
        if not (isinstance(rate, str) and THROTTLE_RATE.fullmatch(rate))
    ]
