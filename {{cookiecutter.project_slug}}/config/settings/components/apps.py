"""The installed apps, the middleware every request passes through, and the templates.

Components of options add their apps and middleware to these lists (cors.py, registration.py).
"""

from . import PACKAGE

# https://docs.djangoproject.com/en/dev/ref/applications/
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    f"{PACKAGE}.health",
    f"{PACKAGE}.subscribers",
    f"{PACKAGE}.tokens",
    f"{PACKAGE}.users",
]

# https://docs.djangoproject.com/en/dev/topics/http/middleware/
MIDDLEWARE = [
    # First: every answer carries its request's id, and every log record the request causes.
    f"{PACKAGE}.request_id.RequestIdMiddleware",
    # Counts and times every request for /metrics (metrics.py).
    f"{PACKAGE}.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Serves the admin's and the docs page's files (collectstatic gathers them): a bare gunicorn
    # deployment needs no web server for them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # 503 instead of 500 while the database or the cache cannot be reached.
    f"{PACKAGE}.health.outages.ServiceUnavailableMiddleware",
]

# Only the admin writes messages ("... was changed successfully."): kept in its session, which it
# has anyway, not in a signed cookie, whose signer Django's default storage derives on every
# request, each API call included (~2% of the CPU of GET /api/users/me/).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

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
