"""Settings for the test suite: fixed secrets and fast password hashing.

Needs no .env file, so the suite runs the same in a fresh clone and in CI.
"""

from .base import *

# As long and as varied as production requires (users/checks.py).
SECRET_KEY = "test-only-django-secret-key-" + "0123456789abcdef" * 3
{%- if cookiecutter.jwt_algorithm | asymmetric %}
# With no key given, the tokens app makes a fresh signing key for every test run, in memory only.
TOKENS = {**TOKENS, "GENERATE_SIGNING_KEY": True}
{%- else %}
# Long enough for every HS algorithm: PyJWT warns about HMAC keys shorter than the hash.
SIMPLE_JWT = {**SIMPLE_JWT, "SIGNING_KEY": "test-only-jwt-signing-key-" + "0123456789abcdef" * 4}
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
