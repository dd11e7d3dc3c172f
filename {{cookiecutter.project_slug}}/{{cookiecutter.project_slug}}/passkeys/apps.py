from django.apps import AppConfig


class PasskeysConfig(AppConfig):
    """Passkeys (WebAuthn): a second factor, and login without a password."""

    name = __name__.removesuffix(".apps")

    def ready(self) -> None:
        # Defining the schema's extension registers it.
        from . import schema  # noqa: F401
