"""The system check of DJANGO_SECRET_KEY on servers, which signs the sessions (the admin's) and
the password reset links."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.checks.security.base import SECRET_KEY_MIN_LENGTH
from django.core.exceptions import ImproperlyConfigured

from ..secrets import weak_secret


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """A random key: `check --deploy` on its own only warns about a weak one (security.W009)."""
    try:
        key = settings.SECRET_KEY
    except ImproperlyConfigured:
        key = ""  # Django refuses to read an empty one; health.E001 names the missing variable
    problem = weak_secret(key, min_length=SECRET_KEY_MIN_LENGTH)
    return [Error(f"DJANGO_SECRET_KEY {problem}", id="users.E001")] if problem else []
