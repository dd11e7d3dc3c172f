from django.apps import AppConfig


class UsersConfig(AppConfig):
    """The project's users: the user model, its admin, and the account endpoints."""

    # The package this module is in: the app's dotted path, whatever the project is named.
    name = __name__.removesuffix(".apps")
    verbose_name = "Users"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (defining them registers them)
