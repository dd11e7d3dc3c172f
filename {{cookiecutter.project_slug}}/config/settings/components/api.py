{%- set slug = cookiecutter.project_slug -%}
"""Django REST framework: how API calls authenticate, parse, page and are throttled."""

from typing import Any

from . import env

# https://www.django-rest-framework.org/api-guide/settings/
REST_FRAMEWORK: dict[str, Any] = {
    # Only JWTs authenticate API calls: no session fallback, so a request without a valid token
    # gets 401 with a WWW-Authenticate header rather than a CSRF-flavoured 403.
    # JWTAuthentication loads the user the token names (one query); JWTStatelessUserAuthentication
    # builds request.user from the access token's claims (tokens/claims.py writes them), no query.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "{{ slug }}.tokens.authentication.{{ "JWTStatelessUserAuthentication" if cookiecutter.stateless_auth else "JWTAuthentication" }}",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "{{ slug }}.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Only the token endpoints are throttled (see tokens/throttling.py). Rates: a number per
    # second, minute, hour or day; tokens/checks.py refuses any other at start-up, where DRF
    # would only read it at the first throttled request.
    "DEFAULT_THROTTLE_RATES": {
        "login": env.str("DJANGO_THROTTLE_LOGIN", default="20/minute"),
        "login_username": env.str("DJANGO_THROTTLE_LOGIN_USERNAME", default="5/minute"),
        "token": env.str("DJANGO_THROTTLE_TOKEN", default="60/minute"),
    },
    # How many proxies in front of the servers append to X-Forwarded-For. 0 trusts only the
    # connection's address: a client cannot dodge the limits by sending that header itself.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
}
