from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    """Sign-up with an activation mail, and password reset by mail (djoser's views)."""

    name = "{{ cookiecutter.project_slug }}.users.registration"
    label = "registration"
    verbose_name = "Registration"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (defining them registers them)
