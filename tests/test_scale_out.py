"""Two gunicorn servers share one PostgreSQL and one Redis, as behind a load balancer: tokens,
refresh-token rotation and logout, and the login rate limit hold across both; writes from both
land once each; and when PostgreSQL or Redis goes away, they answer 503 quickly and recover by
themselves when it returns.

The services are the machine's real PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379),
reached through TCP proxies this test controls: cutting a proxy is the service going down, for
these servers only, without touching the real one that other programs use.
"""

import contextlib
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from bakery import OPTION_SETS
from harness.client import Answer, call
from harness.commands import run
from harness.deployment import FROM_PROXY, GUNICORN, production_environment
from harness.services import POSTGRES_PORT, REDIS_PORT, require_postgres, require_redis
from harness.serving import serving

PASSWORD = "a-long-password-for-the-scale-out-test"
USERS = ("alice", "bob", "carol", "dave", "redis-down", "redis-hung")
UNAVAILABLE = {
    "detail": "Service temporarily unavailable, try again later.",
    "code": "service_unavailable",
}


def forwarded(method: str, url: str, body: dict | None = None, token: str = "") -> Answer:
    """call(), as the TLS-terminating proxy in front of production servers forwards it."""
    return call(method, url, body, token, headers=FROM_PROXY)


class TcpProxy:
    """Forwards a free loopback port to a service's port, until told otherwise.

    cut(): the service is down: the port refuses connections, open ones are closed.
    freeze(): the service hangs: connections are accepted, nothing goes through either way.
    restore(): the service is back.
    close(): cut for good, and give the port back.
    """

    def __init__(self, target_port: int):
        self.target = ("127.0.0.1", target_port)
        # Bound but never listening, for the proxy's whole life: no other program is given the
        # port while the proxy is cut; the listener binds it too (both with SO_REUSEADDR).
        self._holder = socket.socket()
        self._holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._holder.bind(("127.0.0.1", 0))
        self.port = self._holder.getsockname()[1]
        self._flowing = threading.Event()
        self._listening = threading.Event()
        self._acceptor: threading.Thread | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.restore()

    def restore(self) -> None:
        self._listen()
        self._flowing.set()

    def freeze(self) -> None:
        self._listen()
        self._flowing.clear()

    def cut(self) -> None:
        self._listening.clear()
        if self._acceptor is not None:
            self._acceptor.join()  # the port is closed once it returns
            self._acceptor = None
        with self._lock:
            for open_socket in self._sockets:
                with contextlib.suppress(OSError):
                    open_socket.shutdown(socket.SHUT_RDWR)
        self._flowing.set()  # forwarding threads held by a freeze find their sockets shut

    def close(self) -> None:
        self.cut()
        self._holder.close()

    def _listen(self) -> None:
        if self._acceptor is None:
            listener = socket.create_server(("127.0.0.1", self.port))
            listener.settimeout(0.05)  # how often the acceptor checks whether to stop
            self._listening.set()
            self._acceptor = threading.Thread(target=self._accept, args=(listener,), daemon=True)
            self._acceptor.start()

    def _accept(self, listener: socket.socket) -> None:
        with listener:
            while self._listening.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    client.close()
                    continue
                for end in (client, upstream):
                    end.settimeout(None)
                with self._lock:
                    self._sockets |= {client, upstream}
                for source, destination in ((client, upstream), (upstream, client)):
                    threading.Thread(
                        target=self._forward, args=(source, destination), daemon=True
                    ).start()

    def _forward(self, source: socket.socket, destination: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                self._flowing.wait()
                destination.sendall(data)
        # Shutting both ends down wakes the thread forwarding the other way, which then closes
        # its own source: each socket is closed once, by the thread that reads it.
        with self._lock:
            for end in (source, destination):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
            self._sockets.discard(source)
        source.close()


class ServerLog:
    """A server's log file, read a piece at a time."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0  # bytes read so far, up to the end of a line

    def new_lines(self) -> str:
        """The whole lines written since the last call (the first call: since the start)."""
        with self.path.open("rb") as log:
            log.seek(self.offset)
            written = log.read()
        complete = written[: written.rfind(b"\n") + 1]
        self.offset += len(complete)
        return complete.decode(errors="replace")

    def requests(self) -> int:
        """How many requests the server has logged so far."""
        return sum('HTTP/1.1"' in line for line in self.path.read_text().splitlines())


@contextlib.contextmanager
def proxy_to(port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(port)
    try:
        yield proxy
    finally:
        proxy.close()


# One deployment serves every test here, so they all run on one worker (in any order).
pytestmark = pytest.mark.xdist_group("scale-out")


@pytest.fixture(scope="module")
def services(postgres_database) -> Iterator[dict]:
    """A fresh PostgreSQL database and the shared Redis, each behind a proxy of this test."""
    require_postgres()
    require_redis()
    database_url = postgres_database()
    with proxy_to(POSTGRES_PORT) as postgres, proxy_to(REDIS_PORT) as redis:
        yield {
            "database_url": database_url,
            "postgres": postgres,
            "redis": redis,
            "proxied_database_url": database_url.replace(
                f":{POSTGRES_PORT}/", f":{postgres.port}/"
            ),
        }


@pytest.fixture(scope="module")
def deployment(bake, services, tmp_path_factory) -> Iterator[dict]:
    """The postgresql bake deployed as its README says, on two servers started together."""
    tmp_path = tmp_path_factory.mktemp("scale-out")
    # A copy: collectstatic writes into the project, which other tests lint and scan.
    project = tmp_path / "project"
    shutil.copytree(bake(**OPTION_SETS["postgresql"]), project)
    environment = production_environment(
        OPTION_SETS["postgresql"],
        DATABASE_URL=services["proxied_database_url"],
        REDIS_URL=f"redis://127.0.0.1:{services['redis'].port}/0",
        # Counters of this run only, in a Redis that others use too.
        DJANGO_CACHE_KEY_PREFIX=f"scale-out-{uuid.uuid4().hex}",
        # Every request of this test comes from 127.0.0.1: the per-username limit is the one
        # under test, not the per-address one.
        DJANGO_THROTTLE_LOGIN="1000/minute",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="4",
        # No nginx in front here: gunicorn's own line per request shows which server answered.
        GUNICORN_ACCESS_LOG="-",
        # Staff only by default: the docs page test reads it anonymously.
        DJANGO_API_DOCS_PUBLIC="true",
    )
    manage = [sys.executable, "manage.py"]

    # Both servers migrate at the same moment, as servers started together do.
    migrations = [
        subprocess.Popen(
            [*manage, "migrate", "--no-input"],
            cwd=project,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [migration.communicate(timeout=300)[0] for migration in migrations]
    assert [migration.returncode for migration in migrations] == [0, 0], outputs
    run([*manage, "collectstatic", "--no-input"], project, environment)
    # One account per test that logs in: each has its own login allowance of 5 a minute.
    create_users = (
        "import os; from django.contrib.auth import get_user_model; "
        "[get_user_model().objects.create_user(name, password=os.environ['PASSWORD']) "
        f"for name in {USERS!r}]"
    )
    run([*manage, "shell", "-c", create_users], project, environment | {"PASSWORD": PASSWORD})

    logs = {
        "A": ServerLog(tmp_path / "gunicorn-a.log"),
        "B": ServerLog(tmp_path / "gunicorn-b.log"),
    }
    with (
        serving(GUNICORN, project, environment, logs["A"].path) as server_a,
        serving(GUNICORN, project, environment, logs["B"].path) as server_b,
    ):
        yield {"a": server_a.url, "b": server_b.url, "logs": logs, **services}


@pytest.fixture(autouse=True)
def no_traceback_logged(deployment) -> Iterator[None]:
    """After each test, in whatever order they run: neither server has logged a traceback since
    the last look (the first look takes in their start-up too)."""
    yield
    for name, log in deployment["logs"].items():
        written = log.new_lines()
        assert "Traceback" not in written, f"server {name} logged:\n{written}"


@pytest.fixture(scope="module")
def servers(deployment) -> tuple[str, str]:
    return deployment["a"], deployment["b"]


def login(server: str, username: str, password: str = PASSWORD) -> Answer:
    return forwarded("POST", f"{server}/api/token/", {"username": username, "password": password})


@pytest.fixture(scope="module")
def access(servers) -> str:
    """An access token for alice, from server A."""
    return login(servers[0], "alice").body["access"]


def test_both_servers_are_healthy_for_a_plain_http_probe(servers):
    for server in servers:
        health = call("GET", f"{server}/healthz")  # load balancers probe over HTTP

        assert (health.status, health.body) == (200, {"database": "ok", "cache": "ok"})


def test_docs_page_files_are_served_by_gunicorn_itself(servers):
    a, b = servers
    docs = call("GET", f"{b}/api/docs/", headers=FROM_PROXY)
    assert docs.status == 200
    script = docs.body.split('src="', 1)[1].split('"', 1)[0]
    assert script.startswith("/static/drf_spectacular_sidecar/"), script

    asset = call("GET", f"{a}{script}", headers=FROM_PROXY)
    assert asset.status == 200
    assert "immutable" in asset.headers["Cache-Control"]  # hashed name: cached for good


def test_token_from_one_server_is_accepted_by_the_other(servers):
    a, b = servers
    tokens = login(a, "alice").body

    assert forwarded("GET", f"{b}/api/subscribers/", token=tokens["access"]).status == 200


def test_refresh_token_rotated_on_one_server_is_refused_by_the_other(servers):
    a, b = servers
    refresh = {"refresh": login(a, "carol").body["refresh"]}

    assert forwarded("POST", f"{a}/api/token/refresh/", refresh).status == 200
    assert forwarded("POST", f"{b}/api/token/refresh/", refresh).status == 401


def test_logout_on_one_server_holds_on_the_other(servers):
    a, b = servers
    refresh = {"refresh": login(a, "dave").body["refresh"]}

    assert forwarded("POST", f"{b}/api/token/blacklist/", refresh).status == 200
    assert forwarded("POST", f"{a}/api/token/refresh/", refresh).status == 401


def test_login_limit_is_shared_by_both_servers(servers):
    # Guessing bob's password on A and B in turn uses up one allowance of 5 a minute...
    guesses = [login(servers[n % 2], "bob", f"guess-{n}").status for n in range(5)]
    assert guesses == [401] * 5

    # ...after which even the right password gets 429 from both.
    for server in servers:
        throttled = login(server, "bob", PASSWORD)
        assert throttled.status == 429
        assert int(throttled.headers["Retry-After"]) > 0


def test_concurrent_creates_through_both_servers_store_each_row_once(servers, access, deployment):
    def create(n: int) -> int:
        subscriber = {"name": f"Subscriber {n}", "age": 20 + n % 50, "email": f"s{n}@example.com"}
        return forwarded("POST", f"{servers[n % 2]}/api/subscribers/", subscriber, access).status

    with ThreadPoolExecutor(max_workers=32) as pool:
        created = Counter(pool.map(create, range(200)))

    assert created == {201: 200}
    with psycopg.connect(deployment["database_url"]) as connection:
        rows = connection.execute("SELECT count(*) FROM subscribers_subscriber").fetchone()[0]
    assert rows == 200
    for server in servers:
        assert forwarded("GET", f"{server}/api/subscribers/", token=access).body["count"] == 200


@pytest.mark.parametrize("outage", ["down", "hung"])
def test_without_redis_login_fails_closed_the_rest_works_then_all_recovers(
    servers, access, deployment, outage
):
    """Down: connections refused. Hung: connections open, no answers (socket_timeout)."""
    user = f"redis-{outage}"
    refresh = login(servers[1], user).body["refresh"]
    redis = deployment["redis"]
    figures = []
    if outage == "down":
        redis.cut()
    else:
        redis.freeze()
    try:
        for server, name in zip(servers, "AB", strict=True):
            health = health_without(server, "cache")
            refused = login(server, user)
            assert (refused.status, refused.body) == (503, UNAVAILABLE)
            assert refused.headers["Retry-After"] == "5"
            api = forwarded("GET", f"{server}/api/subscribers/", token=access)
            verify = forwarded("POST", f"{server}/api/token/verify/", {"token": access})
            assert (api.status, verify.status) == (200, 200)
            figures += [
                (f"Redis {outage}, server {name}: {what}", answer.status, answer.seconds)
                for what, answer in [
                    ("/healthz", health), ("login", refused), ("API", api), ("verify", verify)
                ]
            ]  # fmt: skip
        refreshed = forwarded("POST", f"{servers[0]}/api/token/refresh/", {"refresh": refresh})
        assert refreshed.status == 200
    finally:
        redis.restore()

    figures.append((f"Redis {outage}, back: /healthz polls until 200", *recover(*servers)))
    assert login(servers[0], user).status == 200
    print_figures(figures)


@pytest.mark.parametrize("outage", ["down", "hanging"])
def test_without_postgresql_requests_answer_503_quickly_then_recover(
    servers, access, deployment, outage
):
    """Down: connections refused, open ones closed. Hanging: open connections closed, new ones
    accepted but never answered (connect_timeout)."""
    postgres = deployment["postgres"]
    figures = []
    postgres.cut()
    if outage == "hanging":
        postgres.freeze()
    try:
        for server, name in zip(servers, "AB", strict=True):
            health = health_without(server, "database")
            api = forwarded("GET", f"{server}/api/subscribers/", token=access)
            assert (api.status, api.body) == (503, UNAVAILABLE)
            figures += [
                (f"PostgreSQL {outage}, server {name}: {what}", answer.status, answer.seconds)
                for what, answer in [("/healthz", health), ("API", api)]
            ]
    finally:
        postgres.restore()

    figures.append((f"PostgreSQL {outage}, back: /healthz polls until 200", *recover(*servers)))
    assert forwarded("GET", f"{servers[1]}/api/subscribers/", token=access).status == 200
    print_figures(figures)


def test_each_server_logs_the_requests_it_serves(servers, deployment):
    """The logs that no_traceback_logged reads are the servers' own: a request shows up there."""
    for server, log in zip(servers, deployment["logs"].values(), strict=True):
        before = log.requests()
        assert call("GET", f"{server}/healthz").status == 200
        deadline = time.monotonic() + 5  # gunicorn logs a request once it has answered it
        while log.requests() == before:
            assert time.monotonic() < deadline, f"{log.path.name} did not log the request"
            time.sleep(0.05)
    served = {name: log.requests() for name, log in deployment["logs"].items()}
    print(f"requests served per server so far: {served}")


def health_without(server: str, service: str) -> Answer:
    """/healthz of `server` while `service` ("database" or "cache") is gone: 503, naming it."""
    health = call("GET", f"{server}/healthz")
    assert health.status == 503
    assert health.body == {"database": "ok", "cache": "ok"} | {service: "unavailable"}
    return health


def recover(*servers: str, polls: int = 40) -> tuple[int, float]:
    """Probe /healthz on every server until all answer 200; (polls, seconds) it took."""
    started = time.monotonic()
    for poll in range(1, polls + 1):
        if all(call("GET", f"{server}/healthz").status == 200 for server in servers):
            return poll, time.monotonic() - started
        time.sleep(0.25)
    pytest.fail(f"servers still unhealthy after {polls} polls")


def print_figures(figures: list[tuple[str, int, float]]) -> None:
    """Shown with `pytest -rP`: what each outage cost a request."""
    for label, status, seconds in figures:
        print(f"{label:52} {status:>4} {seconds:6.2f} s")
