"""The project's token classes: simplejwt's, signed and verified by the project's backend.

simplejwt 5.5 finds the backend of a token through `Token.token_backend`, which by default
imports its module global `rest_framework_simplejwt.state.token_backend`, a backend built from
settings without this project's checks. The classes here override that property, simplejwt's
seam for it, with the backend the tokens app builds once at start-up (apps.py). Whatever makes or
reads a token names one of these: AUTH_TOKEN_CLASSES in the settings, the serializers, rotation,
the cookie views and issue_token.
"""

from rest_framework_simplejwt import tokens

from .types import TypedTokenBackend

_backend: TypedTokenBackend | None = None


def token_backend() -> TypedTokenBackend:
    """The backend that signs and verifies every token of the project."""
    if _backend is None:
        raise RuntimeError("No token backend yet: the tokens app installs it when it is ready.")
    return _backend


def install_token_backend(backend: TypedTokenBackend) -> TypedTokenBackend | None:
    """Sign and verify every token with `backend` from now on; return the backend it replaces.

    The tokens app installs the one it builds at start-up; tests install others (other keys,
    another issuer) and put the first back.
    """
    global _backend
    previous, _backend = _backend, backend
    return previous


# Each class overrides the property itself: a mixin beside simplejwt's RefreshToken makes mypy
# compare simplejwt's own BlacklistMixin and Token, which disagree on for_user's type.


class AccessToken(tokens.AccessToken):
    @property
    def token_backend(self) -> TypedTokenBackend:
        return token_backend()


class RefreshToken(tokens.RefreshToken):
    access_token_class = AccessToken

    @property
    def token_backend(self) -> TypedTokenBackend:
        return token_backend()


class UntypedToken(tokens.UntypedToken):
    """A token of any kind, as the verify endpoint takes it."""

    @property
    def token_backend(self) -> TypedTokenBackend:
        return token_backend()
