from django.apps import AppConfig


class TokensConfig(AppConfig):
    """The JSON Web Tokens: their endpoints, how they are checked and how they are signed."""

    name = "{{ cookiecutter.project_slug }}.tokens"

    def ready(self) -> None:
        # Imported once the apps are loaded: they import DRF's and simplejwt's modules. Defining
        # the schema's classes and the system checks registers them.
        from . import checks, {{ "key_checks" if cookiecutter.jwt_algorithm | asymmetric else "hmac_checks" }}, schema  # noqa: F401
        from .{{ "backends" if cookiecutter.jwt_algorithm | asymmetric else "types" }} import install_token_backend

        install_token_backend()
