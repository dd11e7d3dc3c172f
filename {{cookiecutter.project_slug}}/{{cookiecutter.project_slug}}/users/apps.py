from django.apps import AppConfig


class UsersConfig(AppConfig):
    """The project's users: the user model, its admin, and the account endpoints."""

    name = "{{ cookiecutter.project_slug }}.users"
    verbose_name = "Users"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (defining them registers them)
