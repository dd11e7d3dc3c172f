"""Logging: every record on the console with its request's id; a line of text each in
development, a JSON object each on servers (production.py picks the "json" formatter)."""

from typing import Any

from . import PACKAGE

# https://docs.djangoproject.com/en/dev/topics/logging/
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": f"{PACKAGE}.request_id.RequestIdFilter"},
        "refused_host": {"()": f"{PACKAGE}.logs.RefusedHostFilter"},
    },
    "formatters": {
        "plain": {
            "format": "{asctime} {levelname} {name} [{request_id}] {message}",
            "style": "{",
        },
        # python-json-logger: the record's fields, and every `extra` given to the call (the
        # security events' user_id, client, ...) as keys of their own.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message", "request_id"],
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC, to the microsecond.
            "timestamp": "time",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        },
    },
    "loggers": {
        # A request for a host not in ALLOWED_HOSTS: one warning line, without a traceback.
        "django.security.DisallowedHost": {"filters": ["refused_host"]},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}
