from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed


class TokensConfig(AppConfig):
    """The JSON Web Tokens: their endpoints, how they are checked and how they are signed."""

    name = __name__.removesuffix(".apps")

    def ready(self) -> None:
        # Imported once the apps are loaded: they import DRF's and simplejwt's modules. Defining
        # the schema's classes and the system checks registers them.
        from . import checks, login_events, schema, signing, tokens  # noqa: F401

        user_login_failed.connect(login_events.login_failed, dispatch_uid="login_failed_event")
        user_logged_in.connect(login_events.logged_in, dispatch_uid="logged_in_event")

        # The keys are parsed once, here. None: they could not be loaded, and a system check
        # says why before anything serves.
        backend = signing.build_token_backend()
        if backend is not None:
            tokens.install_token_backend(backend)
