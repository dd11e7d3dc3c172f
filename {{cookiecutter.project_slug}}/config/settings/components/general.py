"""The site itself: its secret key, hosts, language and entry points."""

from . import env

# https://docs.djangoproject.com/en/dev/ref/settings/#core-settings
# Every environment sets it: local from .env, tests a fixed one, production requires it.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The bearer token a Prometheus scraper sends for /metrics. Empty: /metrics answers 404
# (production.py reads METRICS_TOKEN).
METRICS_TOKEN = ""
