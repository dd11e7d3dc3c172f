"""The database: PostgreSQL, and the app that runs migrations under its advisory lock."""

from . import PACKAGE, env
from .apps import INSTALLED_APPS

# https://docs.djangoproject.com/en/dev/ref/settings/#databases
# Django's PostgreSQL backend, whose check of a reused connection (CONN_HEALTH_CHECKS) costs no
# round trip to the server while the connection is sound (the package's database/postgresql/).
DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default=f"postgres://postgres@127.0.0.1:5432/{PACKAGE}",
        engine=f"{PACKAGE}.database.postgresql",
    ),
}
# A database that does not answer fails the request (503) after this many seconds instead of
# hanging it; `?connect_timeout=` in DATABASE_URL overrides it.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
# The password may come apart from the URL, winning over one in it: DATABASE_PASSWORD, or the file
# DATABASE_PASSWORD_FILE names (compose.yaml mounts the one PostgreSQL gave the API's role).
DATABASES["default"]["PASSWORD"] = env.str(
    "DATABASE_PASSWORD", default=DATABASES["default"]["PASSWORD"]
)

# Its `migrate` waits for any other server's migrations to finish (the package's database/).
INSTALLED_APPS.append(f"{PACKAGE}.database")
