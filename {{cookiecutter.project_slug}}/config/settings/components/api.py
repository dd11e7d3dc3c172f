"""Django REST framework: how API calls are parsed, rendered, paged and throttled."""

from typing import Any

from . import PACKAGE, env

# https://www.django-rest-framework.org/api-guide/settings/
REST_FRAMEWORK: dict[str, Any] = {
    # tokens.py names the one class that authenticates API calls.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        f"{PACKAGE}.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # OPTIONS describes a view (docstring, fields) only to whom the schema is open.
    "DEFAULT_METADATA_CLASS": f"{PACKAGE}.metadata.ApiMetadata",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Only the token and account endpoints are throttled (see tokens/throttling.py). Rates: a number per
    # second, minute, hour or day; tokens/checks.py refuses any other at start-up, where DRF
    # would only read it at the first throttled request.
    "DEFAULT_THROTTLE_RATES": {
        "login": env.str("DJANGO_THROTTLE_LOGIN", default="20/minute"),
        "login_username": env.str("DJANGO_THROTTLE_LOGIN_USERNAME", default="5/minute"),
        "token": env.str("DJANGO_THROTTLE_TOKEN", default="60/minute"),
        # Password changes per account, where the current password can be guessed with a
        # stolen access token.
        "password_change": env.str("DJANGO_THROTTLE_PASSWORD_CHANGE", default="10/hour"),
    },
    # How many proxies in front of the servers append to X-Forwarded-For. 0 trusts only the
    # connection's address: a client cannot dodge the limits by sending that header itself.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
}
