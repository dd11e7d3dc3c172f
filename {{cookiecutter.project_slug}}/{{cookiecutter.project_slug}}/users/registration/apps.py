from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    """Sign-up with an activation mail, and password reset by mail."""

    name = __name__.removesuffix(".apps")
    label = "registration"
    verbose_name = "Registration"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (defining them registers them)
