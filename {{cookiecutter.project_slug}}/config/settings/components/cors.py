"""Browser front ends: the refresh token cookie, and CORS for the origins they are served from."""

from . import env
from .apps import INSTALLED_APPS, MIDDLEWARE
from .tokens import TOKENS

# https://github.com/adamchainz/django-cors-headers#configuration
INSTALLED_APPS.append("corsheaders")
# Before CommonMiddleware, which can answer a request before CORS headers are added to it.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
    "corsheaders.middleware.CorsMiddleware",
)

# The refresh token travels in an httpOnly cookie (tokens/views/cookie.py), sent over HTTPS
# only; local.py allows plain HTTP for the development server.
TOKENS["REFRESH_COOKIE_SECURE"] = True

# Browser front ends served from other origins (scheme://host:port): only these may call the API
# from a page, and with credentials, i.e. the refresh token cookie.
CORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = True
