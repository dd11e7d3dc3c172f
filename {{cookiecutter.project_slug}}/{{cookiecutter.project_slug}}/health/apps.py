from django.apps import AppConfig
from django.conf import settings


class HealthConfig(AppConfig):
    # The package this module is in: the app's dotted path, whatever the project is named.
    name = __name__.removesuffix(".apps")
    verbose_name = "Health"

    def ready(self) -> None:
        # Defining the system check registers it.
        from . import checks  # noqa: F401
        from .reporting import start

        # Sentry, where production.py read a SENTRY_DSN (health/reporting.py).
        start(getattr(settings, "SENTRY_DSN", ""), getattr(settings, "SENTRY_ENVIRONMENT", ""))
