"""The SQLite database file holds the password hashes: it is created readable by its owner only,
like .env and the signing keys, and so are the write-ahead log and its index."""

import os
import stat
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.utils import load_backend


def modes_of_a_new_database(
    directory: Path, django_db_blocker: Any, *statements: str
) -> dict[str, int]:
    """The modes of the files of a new database `directory`/db.sqlite3, opened with the project's
    database settings (as migrate and the server open it) under the usual umask, which leaves new
    files readable by everyone, once `statements` ran: by file name, read while it is open."""
    settings = connections["default"].settings_dict | {"NAME": str(directory / "db.sqlite3")}
    connection = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="new-file")
    umask = os.umask(0o022)
    try:
        with django_db_blocker.unblock():
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
                modes = {
                    path.name: stat.S_IMODE(path.stat().st_mode)
                    for path in directory.glob("db.sqlite3*")
                }
            connection.close()
    finally:
        os.umask(umask)
    return modes


def test_the_database_file_is_created_readable_by_its_owner_only(tmp_path, django_db_blocker):
    modes = modes_of_a_new_database(
        tmp_path, django_db_blocker, "CREATE TABLE hashes (password TEXT)"
    )

    assert modes["db.sqlite3"] == 0o600


def test_the_write_ahead_log_is_readable_by_its_owner_only(tmp_path, django_db_blocker):
    # The settings put the file in WAL mode: writes, password hashes too, go to db.sqlite3-wal
    # (and its index, -shm) until a checkpoint copies them into the database.
    modes = modes_of_a_new_database(
        tmp_path,
        django_db_blocker,
        "CREATE TABLE hashes (password TEXT)",
        "INSERT INTO hashes VALUES ('argon2$...')",
    )

    assert modes == {"db.sqlite3": 0o600, "db.sqlite3-wal": 0o600, "db.sqlite3-shm": 0o600}
