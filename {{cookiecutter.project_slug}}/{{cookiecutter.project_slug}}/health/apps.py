from django.apps import AppConfig


class HealthConfig(AppConfig):
    # The package this module is in: the app's dotted path, whatever the project is named.
    name = __name__.removesuffix(".apps")
    verbose_name = "Health"

    def ready(self) -> None:
        # Defining the system check registers it.
        from . import checks  # noqa: F401
