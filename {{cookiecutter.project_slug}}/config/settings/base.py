"""Settings shared by every environment.

Secrets and anything that differs between machines come from the environment (django-environ);
local.py, test.py and production.py build on this module.
"""

import re
from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured

# Lets classes typed generic by django-stubs, such as ModelAdmin[Subscriber], take the type
# arguments at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
{%- if cookiecutter.blacklist_after_rotation %}
    "rest_framework_simplejwt.token_blacklist",
{%- endif %}
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "{{ cookiecutter.project_slug }}.subscribers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL",
{%- if cookiecutter.database == "sqlite" %}
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
{%- else %}
        default="postgres://postgres@127.0.0.1:5432/{{ cookiecutter.project_slug }}",
{%- endif %}
    ),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Throttle counters live here, so every server must share it: set REDIS_URL
# (redis://host:6379/0) when more than one process serves the API.
CACHES = {"default": env.cache_url("REDIS_URL", default="locmemcache://")}

# Argon2 for new and changed passwords; the others only check hashes made before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

REST_FRAMEWORK = {
    # Only JWTs authenticate API calls: no session fallback, so a request without a valid token
    # gets 401 with a WWW-Authenticate header rather than a CSRF-flavoured 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "{{ cookiecutter.project_slug }}.tokens.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Only the token endpoints are throttled (see tokens/throttling.py). Rates: a number per
    # second, minute, hour or day.
    "DEFAULT_THROTTLE_RATES": {
        "login": env("DJANGO_THROTTLE_LOGIN", default="20/minute"),
        "login_username": env("DJANGO_THROTTLE_LOGIN_USERNAME", default="5/minute"),
        "token": env("DJANGO_THROTTLE_TOKEN", default="60/minute"),
    },
    # How many proxies in front of the servers append to X-Forwarded-For. 0 trusts only the
    # connection's address: a client cannot dodge the limits by sending that header itself.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
}
for scope, rate in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].items():
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", rate):
        raise ImproperlyConfigured(
            f"DJANGO_THROTTLE_{scope.upper()} must look like 20/minute, got {rate!r}"
        )

# Longest token (in characters) accepted in a header or a request body; ours are under 1 KB.
JWT_MAX_TOKEN_LENGTH = 8 * 1024

JWT_SIGNING_KEY = env("JWT_SIGNING_KEY")
# RFC 7518 section 3.2: an HMAC key at least as long as the hash ({{ cookiecutter.jwt_algorithm }}: {{ cookiecutter.jwt_algorithm[2:] | int }} bits).
JWT_SIGNING_KEY_MIN_BYTES = {{ cookiecutter.jwt_algorithm[2:] | int // 8 }}
if len(JWT_SIGNING_KEY.encode()) < JWT_SIGNING_KEY_MIN_BYTES or JWT_SIGNING_KEY == SECRET_KEY:
    raise ImproperlyConfigured(
        f"JWT_SIGNING_KEY must be at least {JWT_SIGNING_KEY_MIN_BYTES} random bytes, unlike "
        "DJANGO_SECRET_KEY; generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

SIMPLE_JWT = {
    "ALGORITHM": "{{ cookiecutter.jwt_algorithm }}",
    # A key of its own, not SECRET_KEY: it can be rotated, or shared with services that verify
    # tokens, without touching sessions or password reset links.
    "SIGNING_KEY": JWT_SIGNING_KEY,
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes={{ cookiecutter.access_token_lifetime_minutes | int }}),
    "REFRESH_TOKEN_LIFETIME": timedelta(days={{ cookiecutter.refresh_token_lifetime_days | int }}),
    "ROTATE_REFRESH_TOKENS": {{ cookiecutter.rotate_refresh_tokens }},
    "BLACKLIST_AFTER_ROTATION": {{ cookiecutter.blacklist_after_rotation }},
    "AUTH_HEADER_TYPES": ("{{ cookiecutter.auth_header_type }}",),
    "UPDATE_LAST_LOGIN": False,
    # Tokens carry a hash of the user's password hash: changing the password revokes them.
    "CHECK_REVOKE_TOKEN": True,
    "TOKEN_REFRESH_SERIALIZER": "{{ cookiecutter.project_slug }}.tokens.serializers.TokenRefreshSerializer",
    "TOKEN_VERIFY_SERIALIZER": "{{ cookiecutter.project_slug }}.tokens.serializers.TokenVerifySerializer",
{%- if cookiecutter.blacklist_after_rotation %}
    "TOKEN_BLACKLIST_SERIALIZER": "{{ cookiecutter.project_slug }}.tokens.serializers.TokenBlacklistSerializer",
{%- endif %}
}

SPECTACULAR_SETTINGS = {
    "TITLE": {{ cookiecutter.project_name | python_string }},
    "DESCRIPTION": {{ cookiecutter.description | python_string }},
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's assets come from drf-spectacular-sidecar: the docs page loads nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}
