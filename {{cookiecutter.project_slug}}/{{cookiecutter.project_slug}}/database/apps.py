from django.apps import AppConfig


class DatabaseConfig(AppConfig):
    """What PostgreSQL deployments add to Django: `migrate` one server at a time (its command)."""

    name = "{{ cookiecutter.project_slug }}.database"
    verbose_name = "Database"
