"""The system check of a server's environment: every variable the settings require is set
(production.py's REQUIRED_ENVIRONMENT), each missing one named, all in one run. One given as a
file (NAME_FILE, config/settings/components/__init__.py) counts if the file holds a value."""

from collections.abc import Sequence
from typing import Any

import environ
from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_required_environment(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """An error for each variable of REQUIRED_ENVIRONMENT that is unset or empty, read as the
    settings read it: NAME_FILE's file, else NAME (settings that name none require none:
    development and the tests)."""
    return [
        Error(f"Set the {name} environment variable (or {name}_FILE)", id="health.E001")
        for name in getattr(settings, "REQUIRED_ENVIRONMENT", ())
        if not environ.FileAwareEnv().str(name, default="")
    ]
