"""Settings for the test suite: secrets of its own and fast password hashing.

Needs no .env file, so the suite runs the same in a fresh clone and in CI.
"""

import secrets
{%- if cookiecutter.registration %}

import django
{%- endif %}

from .base import *

# Fresh for every run, in memory only: a key written here would be public, and would pass the
# checks a server makes of its keys.
SECRET_KEY = secrets.token_urlsafe(50)
{%- if cookiecutter.jwt_algorithm | asymmetric %}
# With no key given, the tokens app makes a fresh signing key for every test run, in memory only.
TOKENS = {**TOKENS, "GENERATE_SIGNING_KEY": True}
{%- else %}
# Long enough for every HS algorithm: PyJWT warns about HMAC keys shorter than the hash.
SIMPLE_JWT = {**SIMPLE_JWT, "SIGNING_KEY": secrets.token_urlsafe(64)}
{%- endif %}

# Hashing with MD5 makes each login in a test take microseconds instead of a quarter second.
# Never use it anywhere else.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Throttle counters in this process only, never in a Redis that REDIS_URL may point at: the
# suite clears the cache before every test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Static files straight from the apps, as in development: the suite needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
{%- if cookiecutter.registration %}

# Mail tasks run as they are enqueued, in the test's transaction: a test reads the mail it caused
# from django.core.mail.outbox at once. On Django 5.2 the framework is the backport, django-tasks.
_TASKS_PACKAGE = "django.tasks" if django.VERSION >= (6, 0) else "django_tasks"
TASKS = {"default": {"BACKEND": f"{_TASKS_PACKAGE}.backends.immediate.ImmediateBackend"}}
{%- endif %}
