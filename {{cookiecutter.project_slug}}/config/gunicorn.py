"""gunicorn's settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Each can be changed through the environment (below) or a command-line flag, which wins. The
application runs the production settings unless DJANGO_SETTINGS_MODULE names others (wsgi.py).
Sync workers serve one client each, start to finish: keep a buffering proxy in front of them
(deploy/nginx.conf), or a few slow clients hold them all. Before any worker starts, the system
checks run (on_starting, below): settings that cannot work stop the server there.
"""

import os
from typing import Any


def positive_int(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"{name} must be a whole number of at least 1, got {value!r}")
    return int(value)


# Loopback only by default: a reverse proxy or load balancer on the same host forwards to it.
# In a container, set GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# gunicorn's rule of thumb: two processes per core plus one, so a core never waits for a worker
# blocked on the database. os.cpu_count() sees the host's cores, not a container's CPU quota:
# set GUNICORN_WORKERS there. Every worker (and thread) keeps its own database connection open:
# with a database server, keep workers x threads x servers below its connection limit.
workers = positive_int("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1)
# More than 1 switches to gunicorn's threaded workers, which also keep idle client connections.
threads = positive_int("GUNICORN_THREADS", 1)

# Seconds a worker may stay silent on one request before gunicorn restarts it. Requests fail
# well before that when the database or the cache is down (see config/settings/base.py).
timeout = positive_int("GUNICORN_TIMEOUT", 30)
# Seconds running requests get to finish after a restart or stop (SIGTERM).
graceful_timeout = positive_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle client connection stays open (threaded workers only). Behind a load balancer,
# make it longer than the balancer's idle timeout, so that the balancer is the one to close.
keepalive = positive_int("GUNICORN_KEEPALIVE", 5)

# No line per request by default: the proxy in front logs every request already (deploy/nginx.conf:
# nginx's access log, with the client's own address rather than the proxy's), and gunicorn's
# line costs each request about as much CPU as a database query. Without such a proxy, set
# GUNICORN_ACCESS_LOG=- for one line per request on standard output (or a file's path):
# gunicorn's usual fields plus the time taken.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# gunicorn 25.1+ opens a control socket at one path per user account: several servers on one
# machine would take it from each other, and nothing here uses it.
control_socket_disable = True


def on_starting(server: Any) -> None:
    """Refuse to start, before any worker or port, if the system checks find a setting that
    cannot work, the deployment checks included: the same list `manage.py check --deploy`
    prints, every problem at once (a missing variable, a weak secret, an unreadable key, a
    malformed rate). Then say so if the rate limits count per worker (no REDIS_URL)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from django.db import connections

    django.setup()
    try:
        call_command("check", deploy=True, fail_level="ERROR")
    except SystemCheckError as error:
        raise SystemExit(str(error)) from None
    finally:
        # The workers open their own connections: none is shared across the fork.
        connections.close_all()
    warn_of_per_process_limits(server)


def when_ready(server: Any) -> None:
    """With PROMETHEUS_MULTIPROC_DIR, start from an empty directory: samples a previous run left
    would be added to this one's (prometheus-client's multiprocess mode)."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))


def child_exit(server: Any, worker: Any) -> None:
    """Drop a dead worker's live gauges from the multiprocess samples (its counters stay)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        # prometheus-client 0.26's multiprocess module has no annotations.
        multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


def warn_of_per_process_limits(server: Any) -> None:
    """Without a shared cache (REDIS_URL) each worker keeps its own rate-limit counters: state it
    once in the log, with what it lets a client do."""
    from django.conf import settings

    workers = server.cfg.workers
    cache = settings.CACHES["default"]["BACKEND"]
    if workers > 1 and cache.endswith("LocMemCache"):
        server.log.warning(
            "REDIS_URL is not set: each of the %d workers counts the rate limits on its own, "
            "so a client may get up to %d times each limit (login guesses included). Set "
            "REDIS_URL to share the counters.",
            workers,
            workers,
        )
