"""Settings for servers. Every secret comes from the environment. The system checks (run by
`manage.py check --deploy` and by gunicorn's start, config/gunicorn.py) name every variable that
is missing (REQUIRED_ENVIRONMENT), weak or unusable, all at once and without a traceback.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, JWT_SIGNING_KEY{{ ", EMAIL_URL,
DJANGO_FRONTEND_URL, DJANGO_DEFAULT_FROM_EMAIL" if cookiecutter.registration }}.
Run behind a proxy that terminates TLS and sets X-Forwarded-Proto (see SECURE_PROXY_SSL_HEADER).
"""

from django.core.management.utils import get_random_secret_key

from .base import *
from .components import env
from .components.static_storage import *

# The variables a server must set: the health app's system check names each one missing. They
# are read with empty defaults, so a missing one is reported with the others instead of stopping
# the import (the signing key is the tokens app's to check). The components read DATABASE_URL
# with a development default; servers must set it all the same.
REQUIRED_ENVIRONMENT = [
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
{%- if cookiecutter.registration %}
    "EMAIL_URL",
    "DJANGO_FRONTEND_URL",
    "DJANGO_DEFAULT_FROM_EMAIL",
{%- endif %}
]
# Django and simplejwt refuse to load with an empty key: while the variable is missing, a random
# key of this process stands in (nothing signed with it outlives the process, nothing can be
# forged with it) and the check names the variable.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or get_random_secret_key()
DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
# Keep database connections open between requests instead of reconnecting every time, and check
# them before reuse so a restarted database does not fail the first request (with PostgreSQL,
# without a round trip: the package's database/postgresql/).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
{%- if cookiecutter.registration %}

# Sign-up and password reset mail their links: a server that sends links to a development front
# end, or from a default sender, would strand every new user. (A mail server that is not an SMTP
# one is refused by the registration app's system check.)
FRONTEND_URL = env.str("DJANGO_FRONTEND_URL", default="").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="")
{%- endif %}

# A JSON object a line, for the log collector (components/logging.py).
LOGGING["handlers"]["console"]["formatter"] = "json"

# HTTPS everywhere. The proxy in front must set X-Forwarded-Proto, and must strip it from clients.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers probe servers over plain HTTP: a redirect would count as unhealthy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HTTP Strict Transport Security. Browsers remember it for SECURE_HSTS_SECONDS: start with an
# hour, then raise it to a year (31536000) once every subdomain serves HTTPS. Ask for preloading
# only then: the browsers' preload list takes a year or more, and is hard to leave.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# Without preloading, `check --deploy` warns that the domain cannot join the preload list
# (security.W021): that is the choice made above, until the year.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Error reporting to Sentry, off while SENTRY_DSN is empty (the health app starts it, and decides
# what an event may carry: no token, password, cookie or Authorization header).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")

# The schema and the docs page map every endpoint of the API: staff only (an admin session or a
# staff user's access token) unless DJANGO_API_DOCS_PUBLIC=true opens them to anyone.
API_DOCS_PUBLIC = env.bool("DJANGO_API_DOCS_PUBLIC", default=False)
