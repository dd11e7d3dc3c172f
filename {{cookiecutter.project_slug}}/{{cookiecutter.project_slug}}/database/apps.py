from django.apps import AppConfig


class DatabaseConfig(AppConfig):
    """What PostgreSQL deployments add to Django: `migrate` one server at a time (its command)."""

    # The package this module is in: the app's dotted path, whatever the project is named.
    name = __name__.removesuffix(".apps")
    verbose_name = "Database"
