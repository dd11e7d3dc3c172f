from django.apps import AppConfig


class FactorsConfig(AppConfig):
    """The second factor: TOTP and recovery codes, and the login step that asks for them."""

    name = __name__.removesuffix(".apps")

    def ready(self) -> None:
        # Defining the schema's extension registers it.
        from . import schema  # noqa: F401
