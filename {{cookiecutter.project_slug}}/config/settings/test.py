"""Settings for the test suite: fixed secrets and fast password hashing.

Needs no .env file, so the suite runs the same in a fresh clone and in CI.
"""

import os
{%- if cookiecutter.jwt_algorithm | asymmetric %}

from {{ cookiecutter.project_slug }}.tokens.keys import generate_private_key, private_key_pem
{%- endif %}

# As long and as varied as production settings require (config/secrets.py).
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-django-secret-key-" + "0123456789abcdef" * 3)
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
# Long enough for every HS algorithm: PyJWT warns about HMAC keys shorter than the hash.
os.environ.setdefault("JWT_SIGNING_KEY", "test-only-jwt-signing-key-" + "0123456789abcdef" * 4)
{%- else %}
# A fresh key for every test run, held in memory only.
os.environ.setdefault("JWT_SIGNING_KEY", private_key_pem(generate_private_key("{{ cookiecutter.jwt_algorithm }}")))
{%- endif %}

from .base import *

# Hashing with MD5 makes each login in a test take microseconds instead of a quarter second.
# Never use it anywhere else.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Throttle counters in this process only, never in a Redis that REDIS_URL may point at: the
# suite clears the cache before every test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Static files straight from the apps, as in development: the suite needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
