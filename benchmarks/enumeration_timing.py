"""Whether the time of an answer tells if an address has an account (registration=true bakes).

Run it from the template's root, in the environment its tests use:

    .venv/bin/python benchmarks/enumeration_timing.py [--rounds 15] [--postgresql]
        [--smtp-delay 0.1]

It bakes the template with registration, serves the bake with gunicorn (one sync worker) under
its production settings, with its mail worker (`manage.py db_worker`) sending through SMTP to an
aiosmtpd server in this process, and times each mail endpoint for an address of each kind,
interleaved round by round so that drift on a shared machine falls on every case alike. The
database is SQLite, or with --postgresql a database of its own on the PostgreSQL server at
127.0.0.1:5432 (user postgres). --smtp-delay makes the SMTP server take that many seconds to
accept each mail, as a distant one does (TLS, round trips). The table shows each case's median
over the rounds and its ratio to the endpoint's own case that sends the link; the last line
reads `ratio <case>=<x> ...`, one per case that sends no link.
"""

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg

TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE))
from harness.bakes import bake, dotenv  # noqa: E402
from harness.deployment import MAIL_WORKER  # noqa: E402
from harness.environments import project_environment  # noqa: E402
from harness.mail import smtp_server  # noqa: E402
from harness.services import POSTGRES_HOST, POSTGRES_PORT, reachable  # noqa: E402
from harness.serving import running, serving  # noqa: E402

PASSWORD = "a-long-benchmark-passphrase"
ACTIVE, PENDING = "active@example.com", "pending@example.com"
# (endpoint, case, body for round n): each endpoint's first case sends the link.
CASES = [
    ("signup", "new address", lambda n: {"username": f"new{n}", "email": f"new{n}@example.com"}),
    ("signup", "taken address", lambda n: {"username": f"other{n}", "email": ACTIVE}),
    ("signup", "signed up, not activated", lambda n: {"username": "pending", "email": PENDING}),
    ("password-reset", "active", lambda n: {"email": ACTIVE}),
    ("password-reset", "signed up, not activated", lambda n: {"email": PENDING}),
    ("password-reset", "unknown", lambda n: {"email": f"nobody{n}@example.com"}),
]
PREPARE = f"""
from django.contrib.auth import get_user_model
from bench.users.registration.models import SignUp
get_user_model().objects.create_user("active", "{ACTIVE}", "{PASSWORD}")
SignUp.open("{PENDING}", {{"username": "pending"}})
"""


def timed_post(url: str, body: dict) -> float:
    """Seconds until `url` answered a POST of `body`, which must be 202."""
    request = urllib.request.Request(
        url, json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "X-Forwarded-Proto": "https"},
    )  # fmt: skip
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 202, response.status
    return time.perf_counter() - started


@contextlib.contextmanager
def database_url(database: str, workdir: Path) -> Iterator[str]:
    """A new database's URL: an SQLite file in `workdir`, or a PostgreSQL database, dropped
    after."""
    if database == "sqlite":
        yield f"sqlite:///{workdir / 'benchmark.sqlite3'}"
        return
    if not reachable(POSTGRES_HOST, POSTGRES_PORT):
        raise SystemExit(f"--postgresql: no PostgreSQL server at {POSTGRES_HOST}:{POSTGRES_PORT}")
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--postgresql", action="store_true", help="PostgreSQL, not SQLite")
    parser.add_argument("--smtp-delay", type=float, default=0, help="seconds to accept a mail")
    arguments = parser.parse_args(argv)
    rounds, database = arguments.rounds, "postgresql" if arguments.postgresql else "sqlite"
    with (
        tempfile.TemporaryDirectory() as workdir,
        smtp_server(delay=arguments.smtp_delay) as mailbox,
        database_url(database, Path(workdir)) as url,
    ):
        project = bake(Path(workdir), project_slug="bench", registration=True, database=database)
        environment = project_environment(**dotenv(project))
        environment |= {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": url,
            "EMAIL_URL": f"smtp://127.0.0.1:{mailbox.port}",
            "DJANGO_FRONTEND_URL": "https://app.example.com",
            "DJANGO_DEFAULT_FROM_EMAIL": "bench@example.com",
            # Every request must reach its view: lift the mail limits.
            "DJANGO_THROTTLE_MAIL": "1000000/second",
            "DJANGO_THROTTLE_MAIL_RECIPIENT": "1000000/second",
        }
        for command in (["migrate", "--no-input"], ["shell", "-c", PREPARE]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=project,
                           env=environment, check=True, capture_output=True)  # fmt: skip
        gunicorn = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind",
                    "127.0.0.1:{port}", "--workers", "1", "--no-control-socket"]  # fmt: skip
        times: dict[int, list[float]] = {index: [] for index in range(len(CASES))}
        expected = (rounds + 1) * len(CASES)
        with (
            running(MAIL_WORKER, project, environment, Path(workdir) / "worker.log"),
            serving(gunicorn, project, environment, Path(workdir) / "gunicorn.log") as server,
        ):
            for n in range(rounds + 1):
                for index, (endpoint, _, body) in enumerate(CASES):
                    seconds = timed_post(f"{server.url}/api/users/{endpoint}/", body(n))
                    if n:  # round 0 warms the worker up
                        times[index].append(seconds)
            # The mail worker sends them after the answers: wait for the last, at most 120 s.
            deadline = time.monotonic() + 120
            while mailbox.received.qsize() < expected and time.monotonic() < deadline:
                time.sleep(0.1)
        assert mailbox.received.qsize() == expected, "one mail per request"

    print(f"Median of {rounds} rounds, one gunicorn sync worker, production settings, {database},")
    print(f"the SMTP server accepting each mail after {arguments.smtp_delay * 1000:.0f} ms")
    print()
    print("| endpoint | address | median (ms) | ratio |")
    print("|---|---|---:|---:|")
    ratios, reference = {}, 0.0
    for index, (endpoint, case, _) in enumerate(CASES):
        median = statistics.median(times[index])
        if index == 0 or CASES[index - 1][0] != endpoint:
            reference = median
        else:
            ratios[f"{endpoint}:{case}".replace(" ", "_")] = median / reference
        print(f"| {endpoint} | {case} | {median * 1000:.1f} | {median / reference:.2f} |")
    print("\nratio " + " ".join(f"{name}={value:.2f}" for name, value in ratios.items()))


if __name__ == "__main__":
    main()
