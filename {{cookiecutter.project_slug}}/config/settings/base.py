{%- set cookie = cookiecutter.token_transport == "cookie" -%}
"""Settings shared by every environment, one section per concern.

Secrets and anything that differs between machines come from the environment (django-environ);
local.py, test.py and production.py build on this module.
"""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

{% if cookiecutter.registration -%}
import django
{% endif -%}
import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured
{%- if cookiecutter.jwt_algorithm | asymmetric %}

from {{ cookiecutter.project_slug }}.tokens.keys import read_key
{%- else %}

from config.secrets import check_secret
{%- endif %}

# Lets classes typed generic by django-stubs, such as ModelAdmin[Subscriber], take the type
# arguments at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# GENERAL
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/dev/ref/settings/#core-settings
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# APPS, MIDDLEWARE, URLS
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/dev/ref/applications/
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
{%- if cookie %}
    "corsheaders",
{%- endif %}
{%- if cookiecutter.database == "postgresql" %}
    "{{ cookiecutter.project_slug }}.database",
{%- endif %}
    "{{ cookiecutter.project_slug }}.health",
    "{{ cookiecutter.project_slug }}.subscribers",
    "{{ cookiecutter.project_slug }}.tokens",
    "{{ cookiecutter.project_slug }}.users",
]

# https://docs.djangoproject.com/en/dev/topics/http/middleware/
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the admin's and the docs page's files (collectstatic gathers them): a bare gunicorn
    # deployment needs no web server for them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
{%- if cookie %}
    "corsheaders.middleware.CorsMiddleware",
{%- endif %}
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # 503 instead of 500 while the database or the cache cannot be reached.
    "{{ cookiecutter.project_slug }}.health.outages.ServiceUnavailableMiddleware",
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

# DATABASE
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/dev/ref/settings/#databases
{%- if cookiecutter.database == "sqlite" %}
# Django's SQLite backend, but the database file it creates is readable by its owner only: it
# holds the password hashes ({{ cookiecutter.project_slug }}/database/sqlite3/).
DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        engine="{{ cookiecutter.project_slug }}.database.sqlite3",
    ),
}
# Transactions take SQLite's write lock as they begin: two that read and then write (a refresh
# token rotation) otherwise make one fail at once with "database is locked" instead of waiting.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
{%- else %}
DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default="postgres://postgres@127.0.0.1:5432/{{ cookiecutter.project_slug }}",
    ),
}
# A database that does not answer fails the request (503) after this many seconds instead of
# hanging it; `?connect_timeout=` in DATABASE_URL overrides it.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
{%- endif %}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHE
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/dev/topics/cache/
# Throttle counters live here, so every server must share it: set REDIS_URL
# (redis://host:6379/0) when more than one process serves the API.
CACHES = {"default": env.cache_url("REDIS_URL", default="locmemcache://")}
# Keeps this project's keys apart from other projects' in a shared Redis.
CACHES["default"]["KEY_PREFIX"] = env(
    "DJANGO_CACHE_KEY_PREFIX",
    default="{{ cookiecutter.project_slug }}",
)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that is down or stalled costs a request at most a second instead of hanging it:
    # login then answers 503, the other token endpoints skip their rate limit (see
    # tokens/throttling.py). `?socket_timeout=` in REDIS_URL overrides these.
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": 1,
        "socket_timeout": 1,
        **CACHES["default"].get("OPTIONS", {}),
    }

# USERS AND PASSWORDS
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/dev/topics/auth/customizing/#substituting-a-custom-user-model
AUTH_USER_MODEL = "users.User"

# https://docs.djangoproject.com/en/dev/topics/auth/passwords/
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

{% if cookiecutter.registration -%}
# SIGN-UP AND PASSWORD RESET BY EMAIL
# ------------------------------------------------------------------------------
# https://djoser.readthedocs.io/en/latest/settings.html
# The endpoints are {{ cookiecutter.project_slug }}/users/registration/; djoser provides the link checks and the
# mails, whose links lead to the front end (it serves the two pages the README names).
FRONTEND_URL = env.str("DJANGO_FRONTEND_URL", default="http://localhost:5173").rstrip("/")
DJOSER = {
    "SEND_ACTIVATION_EMAIL": True,
    "ACTIVATION_URL": "activate/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_URL": "reset-password/{uid}/{token}",
    # Tokens are simplejwt's: djoser's default would import DRF's authtoken model.
    "TOKEN_MODEL": None,
    "SERIALIZERS": {
        "activation": "{{ cookiecutter.project_slug }}.users.registration.serializers.ActivationSerializer",
        "password_reset_confirm": "{{ cookiecutter.project_slug }}.users.registration.serializers.PasswordResetConfirmSerializer",
    },
    "EMAIL": {
        "activation": "{{ cookiecutter.project_slug }}.users.registration.emails.ActivationEmail",
        "password_reset": "{{ cookiecutter.project_slug }}.users.registration.emails.PasswordResetEmail",
    },
}
# Activation and reset links stop working after this many seconds (Django's token generator);
# a reset link also dies once used or once the password changes.
PASSWORD_RESET_TIMEOUT = env.int("DJANGO_ACCOUNT_LINK_TIMEOUT", default=3 * 24 * 3600)

# https://docs.djangoproject.com/en/dev/topics/email/
# The mail server as a URL (django-environ): smtp+tls://user:password@host:587 (STARTTLS),
# smtp+ssl://...:465 (TLS) or smtp://. Default: mails are printed on the console; the tests keep them in
# memory (Django's test set-up); production settings require an SMTP server.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
# Whether EMAIL_URL names an SMTP server (production settings require one).
mail_by_smtp = EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# A mail server that does not answer fails the request after this many seconds.
mail_timeout = 10
if django.VERSION >= (6, 1):
    # Django 6.1 configures mail in MAILERS, and warns about the EMAIL_* settings (until 2028,
    # when they go): the same server, as one mailer. Drop the other branch with Django 5.2.
    smtp_options = {
        "EMAIL_HOST": "host",
        "EMAIL_PORT": "port",
        "EMAIL_HOST_USER": "username",
        "EMAIL_HOST_PASSWORD": "password",
        "EMAIL_USE_TLS": "use_tls",
        "EMAIL_USE_SSL": "use_ssl",
    }
    mailer_options: dict[str, Any] = {}
    if mail_by_smtp:
        mailer_options = {
            option: EMAIL_CONFIG[name]
            for name, option in smtp_options.items()
            if name in EMAIL_CONFIG
        }
        mailer_options["timeout"] = mail_timeout
    MAILERS = {"default": {"BACKEND": EMAIL_CONFIG["EMAIL_BACKEND"], "OPTIONS": mailer_options}}
else:
    vars().update(EMAIL_CONFIG)
    EMAIL_TIMEOUT = mail_timeout

{% endif -%}
# STATIC FILES
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/dev/howto/static-files/
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# JSON WEB TOKENS
# ------------------------------------------------------------------------------
# https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html
# Longest token (in characters) accepted in a header or a request body; ours are under 1 KB.
JWT_MAX_TOKEN_LENGTH = 8 * 1024
# The longest-lived access token `manage.py issue_token --lifetime` makes, for scripts and
# service accounts: it cannot be revoked before it expires, so keep this short.
JWT_ISSUE_TOKEN_MAX_LIFETIME = timedelta(days=7)
# Access tokens each worker keeps once verified, until they expire (tokens/verified.py): a
# client's next calls skip the signature check. 0 turns it off.
JWT_VERIFIED_TOKEN_CACHE_SIZE = env.int("JWT_VERIFIED_TOKEN_CACHE_SIZE", default=1024)
if JWT_VERIFIED_TOKEN_CACHE_SIZE < 0:
    raise ImproperlyConfigured("JWT_VERIFIED_TOKEN_CACHE_SIZE must be 0 (off) or more")
# Who issues the tokens (`iss`) and the services they are for (`aud`, comma-separated): written
# into every token and required on every verification (RFC 8725 sections 3.8 and 3.9), so a token
# meant for one service of an issuer opens no other. A verifier-only service sets JWT_ISSUER to
# its issuer's and JWT_AUDIENCE to its own name.
JWT_ISSUER = env.str("JWT_ISSUER", default="{{ cookiecutter.project_slug }}")
JWT_AUDIENCE = env.list("JWT_AUDIENCE", default=["{{ cookiecutter.project_slug }}"])
if not JWT_ISSUER:
    raise ImproperlyConfigured("JWT_ISSUER must not be empty")
if not JWT_AUDIENCE:
    raise ImproperlyConfigured("JWT_AUDIENCE must name one or more services")
{%- if not cookiecutter.jwt_algorithm | asymmetric %}

# A key of its own, not SECRET_KEY: it can be rotated, or shared with services that verify
# tokens, without touching sessions or password reset links.
JWT_SIGNING_KEY = env("JWT_SIGNING_KEY")
# RFC 7518 section 3.2: an HMAC key at least as long as the hash ({{ cookiecutter.jwt_algorithm }}: {{ 8 * cookiecutter.jwt_algorithm | hmac_key_bytes }} bits).
check_secret("JWT_SIGNING_KEY", JWT_SIGNING_KEY, min_length={{ cookiecutter.jwt_algorithm | hmac_key_bytes }})
if JWT_SIGNING_KEY == SECRET_KEY:
    raise ImproperlyConfigured("JWT_SIGNING_KEY must differ from DJANGO_SECRET_KEY")
{%- else %}

# Verifier-only mode: with JWT_JWKS_URL set to an issuer's /.well-known/jwks.json, this service
# verifies tokens with the issuer's public keys, holds no private key, issues no tokens, and takes
# request.user from the token's claims instead of the user table.
JWT_JWKS_URL = env.str("JWT_JWKS_URL", default="")
# Seconds between fetches of the JWKS when a token names a key it does not hold (a rotation), and
# how long one fetch may take.
JWT_JWKS_REFRESH_COOLDOWN = env.float("JWT_JWKS_REFRESH_COOLDOWN", default=30)
JWT_JWKS_TIMEOUT = env.float("JWT_JWKS_TIMEOUT", default=5)
# Where the keys live when they are files (a mounted secret; local settings use keys/): the
# rotate_jwt_key command rewrites them.
JWT_SIGNING_KEY_FILE = env.str("JWT_SIGNING_KEY_FILE", default="")
JWT_PREVIOUS_VERIFYING_KEYS_FILE = env.str("JWT_PREVIOUS_VERIFYING_KEYS_FILE", default="")
if JWT_JWKS_URL:
    JWT_SIGNING_KEY = JWT_PREVIOUS_VERIFYING_KEYS = ""
else:
    # The private key signs; its public half, derived at start-up, verifies and is published.
    # The tokens app parses both once, at start-up (tokens/backends.py).
    JWT_SIGNING_KEY = read_key("JWT_SIGNING_KEY")
    # Public keys of earlier signing keys: their tokens keep verifying until a key is removed.
    JWT_PREVIOUS_VERIFYING_KEYS = read_key("JWT_PREVIOUS_VERIFYING_KEYS", default="")
{%- endif %}

# Values of several types (str, timedelta, bool, tuple): typed Any, as simplejwt reads them.
SIMPLE_JWT: dict[str, Any] = {
    "ALGORITHM": "{{ cookiecutter.jwt_algorithm }}",
    "SIGNING_KEY": JWT_SIGNING_KEY,
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes={{ cookiecutter.access_token_lifetime_minutes | int }}),
    "REFRESH_TOKEN_LIFETIME": timedelta(days={{ cookiecutter.refresh_token_lifetime_days | int }}),
    "ROTATE_REFRESH_TOKENS": {{ cookiecutter.rotate_refresh_tokens }},
    "BLACKLIST_AFTER_ROTATION": {{ cookiecutter.blacklist_after_rotation }},
    "AUTH_HEADER_TYPES": ("{{ cookiecutter.auth_header_type }}",),
    "UPDATE_LAST_LOGIN": False,
    # The user's id in `sub`, the claim RFC 7519 and RFC 9068 name for it and the one other
    # services' JWT libraries and gateways read, rather than simplejwt's own `user_id`.
    "USER_ID_CLAIM": "sub",
    "ISSUER": JWT_ISSUER,
    # One audience is a string in the token, several a list (RFC 7519 section 4.1.3).
    "AUDIENCE": JWT_AUDIENCE[0] if len(JWT_AUDIENCE) == 1 else JWT_AUDIENCE,
    # Tokens carry a hash of the user's password hash: a password change revokes every token
    # that is checked against the user's row.
    "CHECK_REVOKE_TOKEN": True,
    # The project's token classes, verified by its own backend (tokens/tokens.py).
    "AUTH_TOKEN_CLASSES": ("{{ cookiecutter.project_slug }}.tokens.tokens.AccessToken",),
    "TOKEN_OBTAIN_SERIALIZER": "{{ cookiecutter.project_slug }}.tokens.serializers.TokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": "{{ cookiecutter.project_slug }}.tokens.serializers.TokenRefreshSerializer",
    "TOKEN_VERIFY_SERIALIZER": "{{ cookiecutter.project_slug }}.tokens.serializers.TokenVerifySerializer",
{%- if cookiecutter.blacklist_after_rotation and not cookie %}
    "TOKEN_BLACKLIST_SERIALIZER": "{{ cookiecutter.project_slug }}.tokens.serializers.TokenBlacklistSerializer",
{%- endif %}
}

# How API calls authenticate: the one class REST_FRAMEWORK names (tokens/authentication.py).
{%- if cookiecutter.stateless_auth %}
# Stateless: request.user is built from the access token's claims (tokens/claims.py writes them),
# with no query.
JWT_AUTHENTICATION_CLASS = "JWTStatelessUserAuthentication"
{%- elif cookiecutter.jwt_algorithm | asymmetric %}
# Each call loads the user the token names (one query); a verifier-only service has no copy of
# the issuer's users, so it builds request.user from the token's claims instead.
JWT_AUTHENTICATION_CLASS = (
    "JWTStatelessUserAuthentication" if JWT_JWKS_URL else "JWTAuthentication"
)
{%- else %}
# Each call loads the user the token names, with one query.
JWT_AUTHENTICATION_CLASS = "JWTAuthentication"
{%- endif %}

# DJANGO REST FRAMEWORK
# ------------------------------------------------------------------------------
# https://www.django-rest-framework.org/api-guide/settings/
REST_FRAMEWORK = {
    # Only JWTs authenticate API calls: no session fallback, so a request without a valid token
    # gets 401 with a WWW-Authenticate header rather than a CSRF-flavoured 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        f"{{ cookiecutter.project_slug }}.tokens.authentication.{JWT_AUTHENTICATION_CLASS}",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "{{ cookiecutter.project_slug }}.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
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
{%- if cookiecutter.registration %}
        # Sign-up, activation mail and password reset mail: per client address, per recipient.
        "mail": env("DJANGO_THROTTLE_MAIL", default="20/hour"),
        "mail_recipient": env("DJANGO_THROTTLE_MAIL_RECIPIENT", default="5/hour"),
{%- endif %}
    },
    # How many proxies in front of the servers append to X-Forwarded-For. 0 trusts only the
    # connection's address: a client cannot dodge the limits by sending that header itself.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
}
# DRF would read a malformed rate only at the first throttled request: refuse it at start-up.
for scope, rate in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].items():
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", rate):
        raise ImproperlyConfigured(
            f"DJANGO_THROTTLE_{scope.upper()} must look like 20/minute, got {rate!r}"
        )
{%- if cookie %}

# BROWSER FRONT ENDS: THE REFRESH TOKEN COOKIE AND CORS
# ------------------------------------------------------------------------------
# https://github.com/adamchainz/django-cors-headers#configuration
# The refresh token travels in an httpOnly cookie (tokens/views/cookie.py), sent over HTTPS only;
# local.py allows plain HTTP for the development server.
JWT_REFRESH_COOKIE_SECURE = True

# Browser front ends served from other origins (scheme://host:port): only these may call the API
# from a page, and with credentials, i.e. the refresh token cookie.
CORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOW_CREDENTIALS = True
{%- endif %}

# OPENAPI SCHEMA AND DOCS
# ------------------------------------------------------------------------------
# https://drf-spectacular.readthedocs.io/en/latest/settings.html
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
# Whether anyone may read the schema and the docs page, or staff only ({{ cookiecutter.project_slug }}/api_docs.py):
# anyone here (development, tests); production.py reads DJANGO_API_DOCS_PUBLIC, off by default.
API_DOCS_PUBLIC = True

# LOGGING
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/dev/topics/logging/
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
