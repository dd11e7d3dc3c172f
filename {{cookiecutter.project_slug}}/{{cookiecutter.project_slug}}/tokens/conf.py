"""The tokens app's settings: the project's TOKENS setting over the defaults below.

Read them as `token_settings.NAME`. Tests that change TOKENS with override_settings see the new
values at once: Django's setting_changed signal drops the ones read before.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULTS: dict[str, Any] = {
    "MAX_TOKEN_LENGTH": 8 * 1024,
    "ISSUE_TOKEN_MAX_LIFETIME": timedelta(days=7),
    "VERIFIED_TOKEN_CACHE_SIZE": 1024,
    # The project's settings name the issuer and the audience (config/settings/components/).
    "ISSUER": "",
    "AUDIENCE": [],
}


class TokenSettings:
    """TOKENS, each name falling back to its default; an unknown name is an AttributeError."""

    def __init__(self) -> None:
        self._values: dict[str, Any] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._values is None:
            self._values = {**DEFAULTS, **getattr(settings, "TOKENS", {})}
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"No TOKENS setting {name!r}") from None

    def reload(self) -> None:
        """Read TOKENS again at the next access."""
        self._values = None


token_settings = TokenSettings()


@receiver(setting_changed)
def reload_token_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == "TOKENS":
        token_settings.reload()
