from django.apps import AppConfig


class TokensConfig(AppConfig):
    """The JSON Web Tokens: their endpoints, how they are checked and how they are signed."""

    name = "{{ cookiecutter.project_slug }}.tokens"

    def ready(self) -> None:
        # Imported once the apps are loaded: they import DRF's and simplejwt's modules. Defining
        # schema's classes registers them.
        from . import schema, tokens  # noqa: F401
        from .{{ "backends" if cookiecutter.jwt_algorithm | asymmetric else "types" }} import build_token_backend

        # The keys are parsed once, here: a bad key stops start-up, never a request later.
        tokens.install_token_backend(build_token_backend())
