"""The system check of a server's environment: every variable the settings require is set
(production.py's REQUIRED_ENVIRONMENT), each missing one named, all in one run."""

import os
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_required_environment(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """An error for each variable of REQUIRED_ENVIRONMENT that is unset or empty (settings that
    name none require none: development and the tests)."""
    return [
        Error(f"Set the {name} environment variable", id="health.E001")
        for name in getattr(settings, "REQUIRED_ENVIRONMENT", ())
        if not os.environ.get(name)
    ]
