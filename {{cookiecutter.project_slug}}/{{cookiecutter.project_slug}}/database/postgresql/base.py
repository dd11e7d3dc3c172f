"""Django's PostgreSQL backend, with a health check that costs a healthy connection no round trip.

With CONN_HEALTH_CHECKS (production settings), Django checks a connection it reuses before the
first query of each request, so that a connection the server ended meanwhile (a restart, a
failover, pg_terminate_backend, idle_session_timeout) is replaced instead of failing the
request. Django's own check is a `SELECT 1`: a round trip to the server on every request.

Between requests an idle connection has nothing to read. A server that ends it says so (an
error message) and closes it, and either makes its socket readable. So the check here asks the
operating system, without waiting, whether the socket has anything to read: nothing, and the
connection is as good as after its last query; something, and Django's own check runs and
decides (the server may only have sent a notice). After a query failed (errors_occurred),
Django's own check runs, as before. A network that drops packets silently ends no socket: no
check notices that quickly, `SELECT 1` included (it would wait for the TCP timeout).
config/settings/components/database_postgresql.py names this backend as the ENGINE.
"""

import select

from django.db.backends.postgresql import base


def readable(descriptor: int) -> bool:
    """Whether the socket has data or an end of stream to read, asked without waiting."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(descriptor, select.POLLIN)
        return bool(poller.poll(0))
    # Windows has no poll(); its select() takes any socket.
    return bool(select.select([descriptor], [], [], 0)[0])


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        if self.errors_occurred or readable(self.connection.fileno()):
            return bool(super().is_usable())
        return True
