"""Django's SQLite backend, creating the database file readable by its owner only.

The file holds the password hashes; SQLite would create it under the umask, usually readable by
everyone. Its journal and WAL files take the same permissions. config/settings/base.py names
this backend as the ENGINE.
"""

import contextlib
import os
from typing import Any

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: Any) -> Any:
        if not self.is_in_memory_db():
            # A file that exists keeps its permissions; one that cannot be made is SQLite's to
            # report, as usual.
            with contextlib.suppress(OSError):
                os.close(os.open(conn_params["database"], os.O_CREAT | os.O_EXCL, 0o600))
        return super().get_new_connection(conn_params)
