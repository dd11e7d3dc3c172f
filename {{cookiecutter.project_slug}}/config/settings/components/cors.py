"""Browser front ends: CORS for the origins they are served from (the refresh token cookie is the
tokens app's: tokens/transport.py)."""

from . import env
from .apps import INSTALLED_APPS, MIDDLEWARE

# https://github.com/adamchainz/django-cors-headers#configuration
INSTALLED_APPS.append("corsheaders")
# Before CommonMiddleware, which can answer a request before CORS headers are added to it.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
    "corsheaders.middleware.CorsMiddleware",
)

# Browser front ends served from other origins (scheme://host:port): only these may call the API
# from a page, and with credentials, i.e. the refresh token cookie.
CORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = True
# Only the API a front end calls: not the admin (an allowed origin could otherwise read its pages
# with a staff member's session), nor the schema and its docs page.
CORS_URLS_REGEX = r"^/api/(?!schema/|docs/)"
