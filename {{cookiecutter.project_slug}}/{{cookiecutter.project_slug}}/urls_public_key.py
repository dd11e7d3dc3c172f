"""The project's own endpoints, which config/urls.py mounts: the tokens under /api/token/, the
accounts under /api/users/, and the public keys that verify the tokens at /.well-known/jwks.json.

A verifier-only service (JWT_JWKS_URL set) holds no private key and no accounts: it checks tokens
with the keys its issuer publishes, and issues none.
"""

from django.urls import URLPattern, URLResolver, include, path

from .tokens import urls as token_urls
from .tokens import verifier_urls
from .tokens.conf import token_settings
from .tokens.views.jwks import jwks
from .users import urls as user_urls

urlpatterns: list[URLPattern | URLResolver]
if token_settings.JWKS_URL:
    urlpatterns = [path("api/token/", include(verifier_urls))]
else:
    urlpatterns = [
        path("api/token/", include(token_urls)),
        path("api/users/", include(user_urls)),
        path(".well-known/jwks.json", jwks, name="jwks"),
    ]
