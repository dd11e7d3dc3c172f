"""The SQLite database file holds the password hashes: it is created readable by its owner only,
like .env and the signing keys."""

import os
import stat
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def test_migrate_creates_the_database_file_readable_by_its_owner_only(tmp_path):
    database = tmp_path / "db.sqlite3"

    # Under the usual umask, which leaves new files readable by everyone.
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=PROJECT_DIR,
        env=os.environ | {"DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        check=True,
        umask=0o022,
    )

    assert stat.S_IMODE(database.stat().st_mode) == 0o600
