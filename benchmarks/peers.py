"""This template beside cookiecutter-django and the FastAPI full-stack template: one
authenticated user read (`/users/me`) on each, on one machine, one PostgreSQL, the same workers.

Run it from the template's root, in the environment its tests use, with a checkout of each peer
(`git clone` of cookiecutter/cookiecutter-django and fastapi/full-stack-fastapi-template):

    .venv/bin/python benchmarks/peers.py --cookiecutter-django ../cookiecutter-django \\
        --fastapi ../full-stack-fastapi-template [--python 3.13] [--before ../an-earlier-checkout]

Every setup gets a virtual environment of its own made by uv from its own lock, on the same
Python, and a database of its own on the PostgreSQL at --postgres (dropped and made again):

    ours-default     this template's default bake (database=postgresql): JWTAuthentication
    ours-stateless   the same with stateless_auth: the user from the token's claims
    before-default, before-stateless   the same of another version of this template (--before)
    cookiecutter-django   baked with rest_api=DRF: DRF's TokenAuthentication, /api/users/me/
    fastapi          the template's backend: PyJWT, SQLModel, /api/v1/users/me

each served as its project says: our bakes with `gunicorn -c config/gunicorn.py`,
cookiecutter-django with its production start command (`gunicorn config.wsgi`), the FastAPI
backend with its container's `fastapi run`, all with --workers (default 2) and production
settings. Each logs in once over HTTP for its token. Then wrk loads each setup in turn, the rounds
interleaved (A B C D, A B C D, ...) so that a busy machine slows every setup alike; the ratios
are the medians of the ratios within each round. Server CPU per request is read from /proc (the
server's processes, before and after each run). SQL statements per request are counted before
the load, on a second start of each server whose database connections pass through a counting
proxy (the PostgreSQL protocol's Query and Execute messages), over sequential requests. Last, a
table of what differs between the setups (versions, authentication, transactions, connections,
middleware, access log, password hasher), read from each running project.

Needs wrk, uv and PostgreSQL (trust authentication for --postgres-user); installs nothing but
the setups' environments, in a temporary directory (--keep keeps it).
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE))
from cookiecutter.main import cookiecutter  # noqa: E402

from benchmarks.auth_cost import (  # noqa: E402
    WRK_MISSING,
    add_load_arguments,
    check_load_arguments,
    parse_requests,
    parse_wrk,
    positive,
)
from harness.bakes import bake as bake_template  # noqa: E402
from harness.bakes import dotenv  # noqa: E402
from harness.environments import project_environment  # noqa: E402
from harness.pythons import find_python  # noqa: E402
from harness.serving import LOOPBACK, ServerDidNotStart, serving  # noqa: E402

USERNAME, PASSWORD, EMAIL = "benchmark", "a-long-benchmark-passphrase-42", "benchmark@example.com"
REFERENCE = "cookiecutter-django"
START_ATTEMPTS = 3
# (setup, against, at least this ratio), by rate and by server CPU per request (issue 28).
GOALS = [
    ("ours-default", "cookiecutter-django", 1.3),
    ("ours-stateless", "cookiecutter-django", 1.5),
    ("ours-default", "fastapi", 1.0),
    ("ours-stateless", "fastapi", 1.0),
]

# Run in a Django setup's environment (DJANGO_SETTINGS_MODULE set): migrates, makes the user,
# prints what the comparison table shows of the project as JSON.
DJANGO_PREPARE = """\
import json, sys
import django
django.setup()
from importlib.metadata import version
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher
from django.core.management import call_command
from django.db import connection

call_command("migrate", verbosity=0)
User = get_user_model()
fields = {User.USERNAME_FIELD: sys.argv[1]}
if User.USERNAME_FIELD != "email":
    fields["email"] = sys.argv[3]
if not User._default_manager.filter(**fields).exists():
    User._default_manager.create_user(**fields, password=sys.argv[2])
database = settings.DATABASES["default"]
hasher = get_hasher()
print(json.dumps({
    "versions": {name: version(name) for name in ("django", "djangorestframework", "psycopg")},
    "authentication": settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"],
    "transaction per request": bool(database.get("ATOMIC_REQUESTS")),
    "connections": "CONN_MAX_AGE=%s, CONN_HEALTH_CHECKS=%s%s" % (
        database.get("CONN_MAX_AGE"), database.get("CONN_HEALTH_CHECKS"),
        ", pool" if database.get("OPTIONS", {}).get("pool") else ""),
    "middleware": len(settings.MIDDLEWARE),
    "password hasher": "%s %s" % (hasher.algorithm, {
        name: getattr(hasher, name) for name in ("time_cost", "memory_cost", "parallelism",
                                                 "iterations") if hasattr(hasher, name)}),
}))
"""


@dataclass
class Setup:
    """One project to serve: how to start it, what to request, and what was measured."""

    name: str
    directory: Path
    environment: dict[str, str]
    # The server's command, `{port}` in it the port and `{workers}` the worker count.
    command: list[str]
    path: str
    login: Callable[[str], str]  # the server's URL -> the Authorization header to send
    facts: dict[str, object] = field(default_factory=dict)
    header: str = ""
    rates: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # server CPU ms per request, per run
    statements: list[str] = field(default_factory=list)  # of one request
    statements_per_request: float | None = None
    url: str = ""
    pid: int = 0
    database: str = ""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Serve a bake of this template, cookiecutter-django and the FastAPI "
        "full-stack template side by side and load /users/me on each with wrk."
    )
    parser.add_argument("--cookiecutter-django", type=Path, help="checkout of cookiecutter-django")
    parser.add_argument("--fastapi", type=Path, help="checkout of full-stack-fastapi-template")
    parser.add_argument(
        "--python",
        default="3.13",
        help="the Python version every setup runs (default 3.13): python3.X on PATH or pyenv's",
    )
    add_load_arguments(parser, "setup", "server workers")
    parser.add_argument(
        "--postgres",
        default="127.0.0.1:5432",
        help="PostgreSQL host:port (default 127.0.0.1:5432)",
    )
    parser.add_argument("--postgres-user", default="postgres", help="its user (trust auth)")
    parser.add_argument(
        "--database-prefix",
        default="peers_benchmark",
        help="each setup's database is <prefix>_<setup>, dropped and made again "
        "(default peers_benchmark)",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/9",
        help="cookiecutter-django's production cache (not used by /users/me)",
    )
    parser.add_argument(
        "--statement-requests",
        type=positive,
        default=20,
        help="sequential requests the statements are counted over (default 20)",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of an earlier version of this template: its bakes run beside "
        "(before-default, before-stateless)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the environments and logs")
    arguments = parser.parse_args(argv)
    check_load_arguments(parser, arguments)
    for name in ("cookiecutter_django", "fastapi", "before"):
        path = getattr(arguments, name)
        if path is not None and not path.is_dir():
            parser.error(f"--{name.replace('_', '-')}: no directory at {path}")
    if not re.fullmatch(r"3\.\d+", arguments.python):
        parser.error(f"--python: a version such as 3.13, got {arguments.python!r}")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", arguments.database_prefix):
        parser.error("--database-prefix: lowercase letters, digits and underscores only")
    return arguments


# -- SQL statements, counted on the wire ------------------------------------------------------

# The startup-phase requests a client may send before its startup message (no type byte).
SSL_REQUEST, GSSENC_REQUEST = 80877103, 80877104


class StatementCounter:
    """The statements the clients of one PostgreSQL send, read from the protocol's messages:
    a simple Query ('Q') is one, an extended-protocol Execute ('E') runs the statement its Bind
    named, whose text came with a Parse ('P') on the same connection (named statements are
    parsed once and executed again and again: psycopg prepares repeated queries)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statements: list[str] = []

    def take(self) -> list[str]:
        """The statements counted since the last call, in order."""
        with self.lock:
            taken, self.statements = self.statements, []
        return taken

    def connection(self) -> Callable[[bytes], None]:
        """A parser for one client connection's stream: call it with each chunk received."""
        buffer = bytearray()
        prepared: dict[bytes, str] = {}
        bound = [b""]
        started = [False]

        def feed(chunk: bytes) -> None:
            buffer.extend(chunk)
            while True:
                if not started[0]:
                    if len(buffer) < 8:
                        return
                    length, code = struct.unpack("!ii", buffer[:8])
                    if len(buffer) < length:
                        return
                    del buffer[:length]
                    started[0] = code not in (SSL_REQUEST, GSSENC_REQUEST)
                    continue
                if len(buffer) < 5:
                    return
                kind = bytes(buffer[:1])
                (length,) = struct.unpack("!i", buffer[1:5])
                if len(buffer) < 1 + length:
                    return
                body = bytes(buffer[5 : 1 + length])
                del buffer[: 1 + length]
                self.message(kind, body, prepared, bound)

        return feed

    def message(
        self, kind: bytes, body: bytes, prepared: dict[bytes, str], bound: list[bytes]
    ) -> None:
        if kind == b"Q":
            self.count(body.split(b"\0", 1)[0].decode(errors="replace"))
        elif kind == b"P":
            name, _, rest = body.partition(b"\0")
            prepared[name] = rest.split(b"\0", 1)[0].decode(errors="replace")
        elif kind == b"B":
            _portal, _, rest = body.partition(b"\0")
            bound[0] = rest.split(b"\0", 1)[0]
        elif kind == b"E":
            self.count(prepared.get(bound[0], "?"))

    def count(self, statement: str) -> None:
        with self.lock:
            self.statements.append(statement)


@contextlib.contextmanager
def counting_proxy(upstream: tuple[str, int], counter: StatementCounter) -> Iterator[int]:
    """A loopback TCP proxy to `upstream` that shows `counter` what its clients send; yields
    its port, and closes every connection after."""
    listener = socket.create_server((LOOPBACK, 0))
    sockets: list[socket.socket] = [listener]

    def pipe(source: socket.socket, target: socket.socket, feed: Callable[[bytes], None] | None):
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                if feed is not None:
                    feed(chunk)
                target.sendall(chunk)
        for each in (source, target):
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                server = socket.create_connection(upstream)
                sockets.extend([client, server])
                feed = counter.connection()
                for args in ((client, server, feed), (server, client, None)):
                    threading.Thread(target=pipe, args=args, daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        for each in sockets:
            with contextlib.suppress(OSError):
                each.close()


def summary(statement: str) -> str:
    """A statement in a few words: its verb and the table it reads or writes."""
    words = statement.split()
    if not words:
        return "(empty)"
    verb = words[0].upper()
    table = re.search(r'\b(?:FROM|INTO|UPDATE)\s+("?[\w.]+"?)', statement, re.IGNORECASE)
    if verb in ("SELECT", "INSERT", "UPDATE", "DELETE") and table:
        return f"{verb} {table.group(1).strip(chr(34))}"
    return " ".join(words[:3]).rstrip(";")


# -- CPU of a server's processes --------------------------------------------------------------


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by process `pid` and all its descendants, read
    from /proc; None where there is no /proc."""
    if not Path("/proc/self/stat").exists():
        return None
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = path.read_text()
        except OSError:  # the process ended meanwhile
            continue
        fields = stat.rpartition(")")[2].split()
        process = int(path.parent.name)
        parents[process] = int(fields[1])
        ticks[process] = int(fields[11]) + int(fields[12])  # utime, stime
    tree = {pid}
    grew = True
    while grew:
        grew = False
        for process, parent in parents.items():
            if parent in tree and process not in tree:
                tree.add(process)
                grew = True
    return sum(ticks.get(process, 0) for process in tree) / os.sysconf("SC_CLK_TCK")


# -- the setups -------------------------------------------------------------------------------


def uv_environment(python: str, **variables: str) -> dict[str, str]:
    environment = project_environment(UV_PYTHON=python, UV_PYTHON_DOWNLOADS="never", **variables)
    environment.pop("VIRTUAL_ENV", None)
    return environment


def check_call(
    args: list[str], cwd: Path, environment: dict[str, str], timeout: float = 900
) -> str:
    result = subprocess.run(
        args,
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        command = " ".join(args)
        raise RuntimeError(
            f"`{command}` exited {result.returncode} in {cwd}:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def post(url: str, body: bytes, content_type: str) -> dict:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def database_url(arguments: argparse.Namespace, name: str, port: int | None = None) -> str:
    host, _, default_port = arguments.postgres.rpartition(":")
    return f"postgres://{arguments.postgres_user}@{host}:{port or default_port}/{name}"


def ours(
    arguments: argparse.Namespace,
    workdir: Path,
    name: str,
    template: Path = TEMPLATE,
    **answers: object,
) -> Setup:
    """A bake of this template (or of `template`, another version of it) with PostgreSQL, its
    own environment from its uv.lock."""
    answers = {
        "project_slug": "bench",
        "database": "postgresql",
        # The run takes longer than the default 5 minutes: one token serves all of it.
        "access_token_lifetime_minutes": 240,
        **answers,
    }
    if template == TEMPLATE:
        project = bake_template(workdir / name, **answers)
    else:
        project = Path(
            cookiecutter(str(template), no_input=True, output_dir=str(workdir / name),
                         extra_context=answers, default_config=True)
        )  # fmt: skip
    environment = uv_environment(arguments.python)
    check_call(["uv", "sync", "--locked", "--no-dev"], project, environment)
    environment = project_environment(
        **dotenv(project),
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_ALLOWED_HOSTS=LOOPBACK,
        DJANGO_SECURE_SSL_REDIRECT="false",
    )

    def login(url: str) -> str:
        body = json.dumps({"username": USERNAME, "password": PASSWORD}).encode()
        return "Bearer " + post(url + "/api/token/", body, "application/json")["access"]

    python = str(project / ".venv" / "bin" / "python")
    return Setup(
        name, project, environment,
        [python, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi",
         "--bind", f"{LOOPBACK}:{{port}}", "--workers", "{workers}"],
        "/api/users/me/", login,
    )  # fmt: skip


def cookiecutter_django(arguments: argparse.Namespace, workdir: Path) -> Setup:
    """cookiecutter-django baked with its DRF API, its environment from the lock its post-gen
    hook writes (with uv, as it does without Docker)."""
    output = workdir / "cookiecutter-django"
    environment = uv_environment(arguments.python)
    check_call(
        [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(output),
         str(arguments.cookiecutter_django.resolve()), "project_slug=ccd", "rest_api=DRF",
         "use_docker=n", "cloud_provider=None", "use_whitenoise=y", "mail_service=Other SMTP",
         "username_type=username"],
        workdir, environment,
    )  # fmt: skip
    project = output / "ccd"
    check_call(["uv", "sync", "--locked", "--no-dev"], project, environment)
    environment = project_environment(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ADMIN_URL="admin/",
        DJANGO_ALLOWED_HOSTS=LOOPBACK,
        DJANGO_SECURE_SSL_REDIRECT="False",
        REDIS_URL=arguments.redis_url,
    )

    def login(url: str) -> str:
        body = json.dumps({"username": USERNAME, "password": PASSWORD}).encode()
        return "Token " + post(url + "/api/auth-token/", body, "application/json")["token"]

    python = str(project / ".venv" / "bin" / "python")
    # Its compose/production/django/start, with our port and worker count.
    return Setup(
        "cookiecutter-django", project, environment,
        [python, "-m", "gunicorn", "config.wsgi", "--bind", f"{LOOPBACK}:{{port}}",
         "--workers", "{workers}"],
        "/api/users/me/", login,
    )  # fmt: skip


def fastapi(arguments: argparse.Namespace, workdir: Path) -> Setup:
    """The FastAPI template's backend, its environment from the workspace's uv.lock (its
    Dockerfile's `uv sync --frozen --package app`), made outside the checkout."""
    checkout = arguments.fastapi.resolve()
    venv = workdir / "fastapi-venv"
    check_call(
        ["uv", "sync", "--frozen", "--no-dev", "--package", "app"],
        checkout,
        uv_environment(arguments.python, UV_PROJECT_ENVIRONMENT=str(venv)),
    )
    environment = project_environment(
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        ENVIRONMENT="production",
        PROJECT_NAME="benchmark",
        SECRET_KEY=secrets.token_urlsafe(32),
        FIRST_SUPERUSER=EMAIL,
        FIRST_SUPERUSER_PASSWORD=PASSWORD,
        POSTGRES_USER=arguments.postgres_user,
        # Unused with trust authentication; the template refuses its own placeholder.
        POSTGRES_PASSWORD="unused-with-trust-authentication",
    )

    def login(url: str) -> str:
        body = urllib.parse.urlencode({"username": EMAIL, "password": PASSWORD}).encode()
        token = post(url + "/api/v1/login/access-token", body, "application/x-www-form-urlencoded")
        return "Bearer " + token["access_token"]

    # Its Dockerfile's command, with our port and worker count.
    return Setup(
        "fastapi", checkout / "backend", environment,
        [str(venv / "bin" / "fastapi"), "run", "--host", LOOPBACK, "--port", "{port}",
         "--workers", "{workers}", "app/main.py"],
        "/api/v1/users/me", login,
    )  # fmt: skip


# Run in the FastAPI backend's environment, in backend/, after its prestart steps: the same
# facts as DJANGO_PREPARE's, as far as they apply.
FASTAPI_FACTS = """\
import json
from importlib.metadata import version
from app.main import app
from app.core.db import engine
print(json.dumps({
    "versions": {name: version(name) for name in ("fastapi", "sqlmodel", "psycopg", "pyjwt")},
    "authentication": ["app.api.deps.get_current_user: PyJWT, then the user (Session.get)"],
    "transaction per request": "a Session per request",
    "connections": "SQLAlchemy pool of %s" % engine.pool.size(),
    "middleware": len(app.user_middleware),
    "password hasher": "pwdlib " + version("pwdlib") + " (Argon2Hasher defaults of argon2-cffi)",
}))
"""


def database_environment(
    arguments: argparse.Namespace, name: str, port: int | None = None
) -> dict[str, str]:
    """Where a setup finds its database, in each of the ways the setups read it; `port` (the
    counting proxy's) instead of PostgreSQL's own."""
    host, _, default_port = arguments.postgres.rpartition(":")
    return {
        "DATABASE_URL": database_url(arguments, name, port),
        "POSTGRES_SERVER": host,
        "POSTGRES_PORT": str(port or default_port),
        "POSTGRES_DB": name,
        # Plain connections, which the counting proxy can read (loopback: nothing to protect).
        "PGSSLMODE": "disable",
        "PGGSSENCMODE": "disable",
    }


def database_name(arguments: argparse.Namespace, setup: str) -> str:
    return f"{arguments.database_prefix}_{setup.replace('-', '_')}"


def recreate_databases(arguments: argparse.Namespace, names: list[str]) -> None:
    import psycopg

    host, _, port = arguments.postgres.rpartition(":")
    with psycopg.connect(
        host=host, port=port, user=arguments.postgres_user, dbname="postgres", autocommit=True
    ) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')


def drop_databases(arguments: argparse.Namespace, names: list[str]) -> None:
    import psycopg

    host, _, port = arguments.postgres.rpartition(":")
    with psycopg.connect(
        host=host, port=port, user=arguments.postgres_user, dbname="postgres", autocommit=True
    ) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(setup: Setup, arguments: argparse.Namespace) -> None:
    """Migrate, make the benchmark's user, and read the facts the comparison shows."""
    environment = {**setup.environment, **database_environment(arguments, setup.database)}
    # The environment's own interpreter: every server command starts with one of its programs.
    python = str(Path(setup.command[0]).with_name("python"))
    if setup.name == "fastapi":
        # Its scripts/prestart.sh, less the wait for the database.
        check_call([str(Path(setup.command[0]).with_name("alembic")), "upgrade", "head"],
                   setup.directory, environment)  # fmt: skip
        check_call([python, "app/initial_data.py"], setup.directory, environment)
        output = check_call([python, "-c", FASTAPI_FACTS], setup.directory, environment)
    else:
        output = check_call(
            [python, "-c", DJANGO_PREPARE, USERNAME, PASSWORD, EMAIL],
            setup.directory,
            environment,
        )
    setup.facts.update(json.loads(output.strip().splitlines()[-1]))
    version = "import platform; print(platform.python_version())"
    setup.facts["Python"] = check_call(
        [python, "-c", version], setup.directory, environment
    ).strip()


@contextlib.contextmanager
def serve(
    setup: Setup,
    arguments: argparse.Namespace,
    workdir: Path,
    port: int | None = None,
    tag: str = "load",
) -> Iterator[Path]:
    """The setup's server on a free loopback port (its database through `port` if given),
    logged in: sets its URL, PID and header; yields its log."""
    environment = {
        **setup.environment,
        **database_environment(arguments, setup.database, port),
    }
    command = [part.replace("{workers}", str(arguments.workers)) for part in setup.command]
    log = workdir / f"{setup.name}-{tag}.log"
    with contextlib.ExitStack() as stack:
        # On a busy machine uvicorn's supervisor can give up on workers that start too slowly
        # for its health check, and never serve: such a start is tried again.
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                server = stack.enter_context(
                    serving(command, setup.directory, environment, log, timeout=120)
                )
                break
            except ServerDidNotStart:
                if attempt == START_ATTEMPTS:
                    raise
        setup.url, setup.pid = server.url, server.process.pid
        setup.header = setup.login(setup.url)
        yield log


def get(setup: Setup) -> None:
    request = urllib.request.Request(
        setup.url + setup.path, headers={"Authorization": setup.header}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"{setup.name}: {setup.path} answered {response.status}")
        response.read()


def count_statements(setup: Setup, arguments: argparse.Namespace, workdir: Path) -> None:
    """Serve `setup` once with its database behind a counting proxy; send sequential requests
    and record the statements per request, the statements of one, and the access log's lines."""
    host, _, port = arguments.postgres.rpartition(":")
    counter = StatementCounter()
    with (
        counting_proxy((host, int(port)), counter) as proxy_port,
        serve(setup, arguments, workdir, proxy_port, tag="statements") as log,
    ):
        for _ in range(4 * arguments.workers):  # every worker connected and warm
            get(setup)
        time.sleep(0.5)
        lines_before = len(log.read_text().splitlines())
        counter.take()
        total = 0
        for _ in range(arguments.statement_requests):
            get(setup)
            setup.statements = counter.take()
            total += len(setup.statements)
        time.sleep(0.5)
        lines = len(log.read_text().splitlines()) - lines_before
    setup.statements_per_request = total / arguments.statement_requests
    setup.facts["access log"] = (
        f"{lines / arguments.statement_requests:g} line(s) a request" if lines else "none"
    )


def run_wrk(setup: Setup, arguments: argparse.Namespace, duration: int) -> None:
    command = ["wrk", f"-t{arguments.threads}", f"-c{arguments.connections}",
               f"-d{duration}s", "--timeout", "10s", "-H", f"Authorization: {setup.header}",
               setup.url + setup.path]  # fmt: skip
    before = tree_cpu_seconds(setup.pid)
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    get(setup)  # answered once the server has caught up with what wrk left in flight
    after = tree_cpu_seconds(setup.pid)
    setup.rates.append(parse_wrk(result.stdout))
    if before is not None and after is not None:
        setup.cpu.append((after - before) * 1000 / (parse_requests(result.stdout) + 1))


# -- the report -------------------------------------------------------------------------------


def round_ratios(setups: dict[str, Setup], against: str) -> dict[str, tuple[float, float | None]]:
    """Each setup against `against`: (rate ratio, CPU ratio), each the median of the ratios
    within a round; a CPU ratio above 1 means fewer CPU milliseconds per request."""
    reference = setups[against]
    result = {}
    for name, setup in setups.items():
        rate = statistics.median(
            mine / theirs for mine, theirs in zip(setup.rates, reference.rates, strict=True)
        )
        cpu = (
            statistics.median(
                theirs / mine for mine, theirs in zip(setup.cpu, reference.cpu, strict=True)
            )
            if setup.cpu and reference.cpu
            else None
        )
        result[name] = (rate, cpu)
    return result


def format_rows(rows: list[tuple[str, ...]]) -> str:
    """A Markdown table: first row the header, numbers right-aligned."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    numeric = [
        all(re.fullmatch(r"[-+\d.x?]+", row[column]) for row in rows[1:])
        for column in range(len(rows[0]))
    ]

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ]
        return "| " + " | ".join(cells) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (width + 1) + (":" if right else "-")
            for width, right in zip(widths, numeric, strict=True)
        )
        + "|"
    )
    return "\n".join([line(rows[0]), rule, *(line(row) for row in rows[1:])])


def format_table(setups: list[Setup], against: str) -> str:
    by_name = {setup.name: setup for setup in setups}
    ratio = round_ratios(by_name, against)
    rows = [
        (
            "setup",
            "req/s",
            f"x {against}",
            "CPU ms/req",
            "x less CPU",
            "SQL/req",
            "statements of one request",
        )
    ]
    for setup in setups:
        rate, cpu = ratio[setup.name]
        per_request = (
            "?" if setup.statements_per_request is None else f"{setup.statements_per_request:g}"
        )
        rows.append((
            setup.name,
            f"{statistics.median(setup.rates):.0f}",
            f"{rate:.2f}x",
            f"{statistics.median(setup.cpu):.2f}" if setup.cpu else "?",
            "?" if cpu is None else f"{cpu:.2f}x",
            per_request,
            ", ".join(summary(statement) for statement in setup.statements) or "-",
        ))  # fmt: skip
    return format_rows(rows)


FACT_ORDER = ["server", "Python", "versions", "authentication", "transaction per request",
              "connections", "middleware", "access log", "password hasher"]  # fmt: skip


def format_differences(setups: list[Setup]) -> str:
    """The facts of each setup, one row a fact; only the facts that differ between setups."""
    rows = [("", *(setup.name for setup in setups))]
    for fact in FACT_ORDER:
        values = [setup.facts.get(fact, "-") for setup in setups]
        texts = [
            ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict)
            else ", ".join(map(str, value)) if isinstance(value, list)
            else str(value)
            for value in values
        ]  # fmt: skip
        if len(set(texts)) > 1:
            rows.append((fact, *(text.replace("|", "/") for text in texts)))
    return format_rows(rows)


def goal_lines(setups: list[Setup]) -> list[str]:
    by_name = {setup.name: setup for setup in setups}
    lines = []
    for mine, theirs, goal in GOALS:
        if mine not in by_name or theirs not in by_name:
            continue
        rate, cpu = round_ratios(by_name, theirs)[mine]
        for measure, value in (("req/s", rate), ("less CPU", cpu)):
            if value is None:
                continue
            verdict = "met" if value >= goal else "MISSED"
            lines.append(f"goal {mine} >= {goal:g}x {theirs} ({measure}): {value:.2f}x, {verdict}")
    return lines


def describe_server(setup: Setup, workers: int) -> str:
    """The server's command as a reader would type it: no paths, no port."""
    words = []
    for word in setup.command:
        if word in ("--bind", "--host", "--port") or word.startswith(LOOPBACK) or word == "{port}":
            continue
        words.append(Path(word).name if Path(word).is_absolute() else word)
    return " ".join(words).replace("{workers}", str(workers))


def plan(arguments: argparse.Namespace, workdir: Path) -> list[Setup]:
    setups = [
        ours(arguments, workdir, "ours-default"),
        ours(arguments, workdir, "ours-stateless", stateless_auth=True),
    ]
    if arguments.before:
        setups[:0] = [
            ours(arguments, workdir, "before-default", arguments.before.resolve()),
            ours(arguments, workdir, "before-stateless", arguments.before.resolve(),
                 stateless_auth=True),
        ]  # fmt: skip
    if arguments.cookiecutter_django:
        setups.append(cookiecutter_django(arguments, workdir))
    if arguments.fastapi:
        setups.append(fastapi(arguments, workdir))
    for setup in setups:
        setup.database = database_name(arguments, setup.name)
        setup.facts["server"] = describe_server(setup, arguments.workers)
    return setups


def main(argv: list[str] | None = None) -> int:
    arguments = parse_args(argv)
    missing = [tool for tool in ("wrk", "uv") if shutil.which(tool) is None]
    if missing:
        uv_missing = "uv is not installed: it makes every setup's environment (docs.astral.sh/uv)."
        print(WRK_MISSING if "wrk" in missing else uv_missing, file=sys.stderr)
        return 2
    python = find_python((3, int(arguments.python.split(".")[1])), exact=True)
    if python is None:
        print(f"no Python {arguments.python} found (python{arguments.python} on PATH, or "
              "under pyenv): every setup runs on it.", file=sys.stderr)  # fmt: skip
        return 2
    arguments.python = python
    workdir = Path(tempfile.mkdtemp(prefix="peers-"))
    names: list[str] = []
    try:
        return measure(arguments, workdir, names)
    finally:
        if names:
            drop_databases(arguments, names)
        if arguments.keep:
            print(f"environments and server logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def output_to_stderr() -> Iterator[None]:
    """Standard output, this process's and its children's, goes to standard error meanwhile."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def measure(arguments: argparse.Namespace, workdir: Path, names: list[str]) -> int:
    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    say(f"making the environments in {workdir} ...")
    with output_to_stderr():  # what bakes and installers print stays out of the table
        setups = plan(arguments, workdir)
    names.extend(setup.database for setup in setups)
    recreate_databases(arguments, names)
    for setup in setups:
        say(f"preparing {setup.name} ...")
        prepare(setup, arguments)
        count_statements(setup, arguments, workdir)
    with contextlib.ExitStack() as servers:
        for setup in setups:
            servers.enter_context(serve(setup, arguments, workdir))
            get(setup)
            run_wrk(setup, arguments, 2)  # warm up
            setup.rates.clear()
            setup.cpu.clear()
        for round_number in range(1, arguments.rounds + 1):
            for setup in setups:
                run_wrk(setup, arguments, arguments.duration)
            rates = ", ".join(f"{setup.name} {setup.rates[-1]:.0f}" for setup in setups)
            say(f"round {round_number}/{arguments.rounds}: {rates}")
    against = REFERENCE if any(setup.name == REFERENCE for setup in setups) else setups[0].name
    print(
        f"GET /users/me with a reused token, {arguments.workers} workers each, "
        f"wrk -t{arguments.threads} -c{arguments.connections}, {arguments.rounds} interleaved "
        f"runs of {arguments.duration} s, {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{load:.2f}' for load in os.getloadavg())}"
    )
    print(format_table(setups, against))
    print()
    print(format_differences(setups))
    print()
    print("\n".join(goal_lines(setups)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
