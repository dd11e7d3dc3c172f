{%- if not cookiecutter.jwt_algorithm | asymmetric -%}
from django.apps import AppConfig


class TokensConfig(AppConfig):
    """Everything about the JSON Web Tokens: their endpoints and how they are checked."""

    name = "{{ cookiecutter.project_slug }}.tokens"
{%- else -%}
import json

from django.apps import AppConfig
from django.conf import settings
from jwt import PyJWKClient


class TokensConfig(AppConfig):
    """Everything about the JSON Web Tokens: their endpoints, their keys and how they are checked."""

    name = "{{ cookiecutter.project_slug }}.tokens"
    jwks_json = b'{"keys": []}'

    def ready(self) -> None:
        """Parse the keys once, at start-up, and hand simplejwt the backend that uses them.

        simplejwt 5.5 builds its backend from settings when `state` is imported and looks it up
        there for every token (its TOKEN_BACKEND_CLASS setting was removed), so the backend is
        replaced in that one place. A bad key stops start-up here, never a request later.
        """
        # simplejwt's modules import the auth models: only possible once the apps are loaded.
        from rest_framework_simplejwt import state
        from rest_framework_simplejwt.settings import api_settings

        from .backends import KeyIdTokenBackend
        from .keys import KeySet

        options = {
            "audience": api_settings.AUDIENCE,
            "issuer": api_settings.ISSUER,
            "leeway": api_settings.LEEWAY,
            "json_encoder": api_settings.JSON_ENCODER,
        }
        if settings.JWT_JWKS_URL:
            client = PyJWKClient(
                settings.JWT_JWKS_URL,
                timeout=settings.JWT_JWKS_TIMEOUT,
                cooldown_duration=settings.JWT_JWKS_REFRESH_COOLDOWN,
            )
            state.token_backend = KeyIdTokenBackend(
                api_settings.ALGORITHM, jwks_client=client, **options
            )
            return
        key_set = KeySet.from_pems(
            api_settings.ALGORITHM, api_settings.SIGNING_KEY, settings.JWT_PREVIOUS_VERIFYING_KEYS
        )
        self.jwks_json = json.dumps(key_set.jwks).encode()
        state.token_backend = KeyIdTokenBackend(api_settings.ALGORITHM, key_set=key_set, **options)
{%- endif %}
