from django.apps import AppConfig


class TokensConfig(AppConfig):
    """The JSON Web Tokens: their endpoints, how they are checked and how they are signed."""

    name = __name__.removesuffix(".apps")

    def ready(self) -> None:
        # Imported once the apps are loaded: they import DRF's and simplejwt's modules. Defining
        # the schema's classes and the system checks registers them.
        from . import checks, schema, signing, tokens  # noqa: F401

        # The keys are parsed once, here. None: they could not be loaded, and a system check
        # says why before anything serves.
        backend = signing.build_token_backend()
        if backend is not None:
            tokens.install_token_backend(backend)
