"""The database: SQLite, in a file readable by its owner only."""

from . import BASE_DIR, PACKAGE, env

# https://docs.djangoproject.com/en/dev/ref/settings/#databases
# Django's SQLite backend, but the database file it creates is readable by its owner only: it
# holds the password hashes (the package's database/sqlite3/).
DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        engine=f"{PACKAGE}.database.sqlite3",
    ),
}
# Transactions take SQLite's write lock as they begin: two that read and then write (a refresh
# token rotation) otherwise make one fail at once with "database is locked" instead of waiting.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
# Write-ahead logging: readers and the one writer do not wait for each other. In SQLite's default
# journal mode a reader (any request, the mail worker, a backup) holds up every write until it
# ends: under load, sign-ups beside the mail worker failed with "database is locked". The mode
# stays with the file; an in-memory database (the tests') keeps its own.
DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL")
