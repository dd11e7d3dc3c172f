"""The SQLite database file holds the password hashes: it is created readable by its owner only,
like .env and the signing keys."""

import os
import stat

from django.db import connections
from django.db.utils import load_backend


def test_the_database_file_is_created_readable_by_its_owner_only(tmp_path, django_db_blocker):
    database = tmp_path / "db.sqlite3"
    # The project's database settings, as migrate and the server use them, with a new file.
    settings = connections["default"].settings_dict | {"NAME": str(database)}
    connection = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="new-file")

    # Under the usual umask, which leaves new files readable by everyone.
    umask = os.umask(0o022)
    try:
        with django_db_blocker.unblock():
            with connection.cursor() as cursor:
                cursor.execute("CREATE TABLE hashes (password TEXT)")
            connection.close()
    finally:
        os.umask(umask)

    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_the_write_ahead_log_is_readable_by_its_owner_only(tmp_path, django_db_blocker):
    # The settings put the file in WAL mode: writes, password hashes too, go to db.sqlite3-wal
    # (and its index, -shm) until a checkpoint copies them into the database.
    database = tmp_path / "db.sqlite3"
    settings = connections["default"].settings_dict | {"NAME": str(database)}
    connection = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="new-file")

    umask = os.umask(0o022)
    try:
        with django_db_blocker.unblock():
            with connection.cursor() as cursor:
                cursor.execute("CREATE TABLE hashes (password TEXT)")
                cursor.execute("INSERT INTO hashes VALUES ('argon2$...')")
                modes = {
                    path.name: stat.S_IMODE(path.stat().st_mode)
                    for path in tmp_path.glob("db.sqlite3-*")
                }
            connection.close()
    finally:
        os.umask(umask)

    assert modes == {"db.sqlite3-wal": 0o600, "db.sqlite3-shm": 0o600}
