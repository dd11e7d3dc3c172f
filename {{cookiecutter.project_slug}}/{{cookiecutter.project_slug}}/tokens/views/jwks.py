"""The public keys that verify this service's tokens, published for other services."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ..backends import KeyIdTokenBackend
from ..tokens import token_backend

# Verifiers fetch again when they meet a kid they do not know, so a rotation reaches them at
# once, and keep their copy 30 s (JWT_JWKS_LIFESPAN): an HTTP cache between them keeps it no
# longer, or a withdrawn key would outlive the verifiers' bound.
JWKS_MAX_AGE = 30


@require_GET
@cache_control(public=True, max_age=JWKS_MAX_AGE)
def jwks(request: HttpRequest) -> HttpResponse:
    """The JWK Set (RFC 7517): the current signing key's public half and every previous key."""
    # The backend signing.build_token_backend() made at start-up.
    backend = cast(KeyIdTokenBackend, token_backend())
    return HttpResponse(backend.jwks_json, content_type="application/json")
