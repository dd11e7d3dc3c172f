"""The system checks of a server's environment: every variable the settings require is set
(production.py's REQUIRED_ENVIRONMENT), each missing one named, all in one run. One given as a
file (NAME_FILE, config/settings/components/__init__.py) counts if the file holds a value, which
must then be the file's whole content."""

import os
from collections.abc import Sequence
from pathlib import Path
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


# The variables that hold secrets, and are so the likeliest to come from a file (NAME_FILE).
SECRET_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "JWT_SIGNING_KEY",
    "DATABASE_URL",
    "DATABASE_PASSWORD",
    "REDIS_URL",
    "EMAIL_URL",
    "METRICS_TOKEN",
    "SENTRY_DSN",
)


@register(Tags.security, deploy=True)
def check_secret_files(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """An error for each secret given as a one-line file that ends with a line break (`echo`
    writes one): the settings would take it as part of the value, where PostgreSQL's image and
    psql drop it, so the API's database password would differ from its role's. Files of several
    lines (a PEM key) are left as they are."""
    errors: list[CheckMessage] = []
    for name in SECRET_VARIABLES:
        path = os.environ.get(f"{name}_FILE")
        try:
            value = Path(path).read_text(encoding="utf-8") if path else ""
        except OSError:
            continue  # the settings that read it say so; a bake that does not, ignores it
        if value.endswith("\n") and value.count("\n") == 1:
            errors.append(
                Error(
                    f"{name}_FILE: {path} ends with a line break, which would be part of {name}; "
                    "write the value alone (printf '%s' VALUE > FILE)",
                    id="health.E002",
                )
            )
    return errors
