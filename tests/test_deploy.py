"""The default bake deployed as its README says: gunicorn started with the README's command, with
the production variables but no DJANGO_SETTINGS_MODULE, alone and behind Debian's nginx running
the bake's deploy/nginx.conf, both on loopback ports.

Behind nginx, slow clients no longer starve the sync workers, the rate limits see the client's
own address, and plain HTTP is redirected to HTTPS (which nginx terminates with a certificate
made here). Run with `pytest -rP` to see the /healthz times with and without nginx.
"""

import contextlib
import re
import socket
import ssl
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import harness.nginx
from bakery import OPTION_SETS
from harness.client import HANG_LIMIT, call
from harness.commands import run
from harness.deployment import GUNICORN, production_environment
from harness.services import REDIS_HOST, REDIS_PORT, require, require_redis
from harness.serving import LOOPBACK, reserved_port, serving

# Fewer workers than slow clients: without a buffering proxy, the clients hold every worker.
WORKERS, SLOW_CLIENTS, SLOW_SECONDS = 2, 5, 3
# Other loopback addresses to connect from: nginx connects to gunicorn from 127.0.0.1.
CLIENT, OTHER_CLIENT = "127.0.0.2", "127.0.0.3"
LOGINS_A_MINUTE = 3

# Every test shares the default bake with the other tests of that option set.
pytestmark = pytest.mark.xdist_group("default")


def readme_environment(database: Path, **variables: str) -> dict[str, str]:
    """The variables the README's Deploy table lists, and no DJANGO_SETTINGS_MODULE."""
    environment = production_environment(
        OPTION_SETS["default"],
        DATABASE_URL=f"sqlite:///{database}",
        GUNICORN_WORKERS=str(WORKERS),
        **variables,
    )
    del environment["DJANGO_SETTINGS_MODULE"]
    return environment


@pytest.fixture(scope="module")
def project(bake) -> Path:
    return bake(**OPTION_SETS["default"])


def test_a_server_started_without_its_settings_module_never_shows_a_debug_page(project, tmp_path):
    # A database file that is not one: every query fails, a crash Django does not expect.
    database = tmp_path / "broken.sqlite3"
    database.write_text("not a database\n" * 100)
    environment = readme_environment(database)
    with serving(GUNICORN, project, environment, tmp_path / "gunicorn.log") as server:
        # What a TLS proxy adds: without it, production settings answer a redirect to HTTPS.
        from_proxy = {"X-Forwarded-Proto": "https"}
        unknown_host = call("GET", f"{server.url}/healthz", headers={"Host": "attacker.example"})
        crash = call(
            "POST",
            f"{server.url}/api/token/",
            {"username": "admin", "password": "guess"},
            headers=from_proxy,
        )

    # Django's plain error pages, a few hundred bytes; the debug pages were tens of KB.
    assert unknown_host.status == 400
    assert "<h1>Bad Request (400)</h1>" in unknown_host.body
    assert len(unknown_host.body) < 1000, unknown_host.body
    assert crash.status == 500
    assert crash.body == {"detail": "Server error.", "code": "server_error"}


def test_a_server_whose_settings_cannot_work_refuses_to_start(project, tmp_path):
    # gunicorn's start runs the system checks, the deployment ones included, and names every
    # problem at once before it opens a port.
    environment = readme_environment(
        tmp_path / "db.sqlite3", DJANGO_SECRET_KEY="change-me", JWT_ISSUER=""
    )
    command = [arg.format(port=reserved_port()) for arg in GUNICORN]

    result = run(command, project, environment, timeout=HANG_LIMIT * 6, check=False)

    assert result.returncode != 0
    assert "(users.E001) DJANGO_SECRET_KEY is a placeholder" in result.stderr, result.stderr
    assert "(tokens.E002) JWT_ISSUER must not be empty" in result.stderr, result.stderr
    assert "Booting worker" not in result.stderr


@pytest.fixture(scope="module")
def deployment(project, tmp_path_factory) -> Iterator[dict]:
    """The bake migrated and served by gunicorn as the README says, with Redis for the rate
    limits' counters; nginx not yet."""
    require_redis()
    tmp_path = tmp_path_factory.mktemp("deploy")
    environment = readme_environment(
        tmp_path / "db.sqlite3",
        REDIS_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/0",
        # Counters of this run only, in a Redis that others use too.
        DJANGO_CACHE_KEY_PREFIX=f"deploy-{uuid.uuid4().hex}",
        DJANGO_THROTTLE_LOGIN=f"{LOGINS_A_MINUTE}/minute",
        DJANGO_NUM_PROXIES="1",
    )
    # manage.py defaults to the local settings: the README has servers name the production ones.
    manage = environment | {"DJANGO_SETTINGS_MODULE": "config.settings.production"}
    run([sys.executable, "manage.py", "migrate", "--no-input"], project, manage)
    with serving(GUNICORN, project, environment, tmp_path / "gunicorn.log") as server:
        yield {"gunicorn": server.url, "tmp_path": tmp_path, "project": project}


@pytest.fixture(scope="module")
def nginx(deployment) -> Iterator[dict]:
    """Debian's nginx with the bake's deploy/nginx.conf in front of that gunicorn: its HTTP and
    HTTPS URLs, and a client context that trusts its certificate."""
    require(
        harness.nginx.executable() is not None,
        "nginx is not installed: `apt-get install nginx` (Debian) to serve a bake behind it",
    )
    with harness.nginx.nginx(
        deployment["project"], deployment["gunicorn"], deployment["tmp_path"] / "nginx"
    ) as running:
        yield {
            "http": running.http,
            "https": running.https,
            "tls": running.tls,
            "certificate": str(running.certificate),
        }


@contextlib.contextmanager
def slow_clients(url: str) -> Iterator[list[float]]:
    """SLOW_CLIENTS connections to `url`, each sending a GET /healthz a byte a second for
    SLOW_SECONDS; yields, once all are connected, the list that gets the time each answer came
    back (time.monotonic()). Closes them all after."""
    host, port = url.removeprefix("http://").split(":")
    connections = [
        socket.create_connection((host, int(port)), timeout=HANG_LIMIT * 2)
        for _ in range(SLOW_CLIENTS)
    ]
    answered: list[float] = []

    def crawl(connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            connection.sendall(f"GET /healthz HTTP/1.1\r\nHost: {LOOPBACK}\r\nX-Slow: ".encode())
            for _ in range(SLOW_SECONDS):
                time.sleep(1)
                connection.sendall(b"z")
            connection.sendall(b"\r\nConnection: close\r\n\r\n")
            if connection.recv(1024):
                answered.append(time.monotonic())

    threads = [threading.Thread(target=crawl, args=(c,), daemon=True) for c in connections]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # every worker has taken a slow client (or nginx has them all)
    try:
        yield answered
    finally:
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        for thread in threads:
            thread.join(timeout=HANG_LIMIT)


def test_slow_clients_starve_gunicorn_alone_but_not_behind_nginx(deployment, nginx):
    figures = {}
    for name, url in [("gunicorn alone", deployment["gunicorn"]), ("behind nginx", nginx["http"])]:
        with slow_clients(url) as answered:
            health = call("GET", f"{url}/healthz")
            first_slow_answer = min(answered, default=None)
            figures[name] = health.seconds
        assert health.status == 200, health
        if name == "gunicorn alone":
            # The control: the slow clients held every worker until one of them was done.
            assert first_slow_answer is not None
        else:
            assert first_slow_answer is None, "/healthz had to wait for a slow client"
    print(f"/healthz under {SLOW_CLIENTS} clients sending a byte a second, {WORKERS} workers:")
    for name, seconds in figures.items():
        print(f"  {name:15} {seconds:6.2f} s")


def test_rate_limits_see_the_clients_address_not_nginxs(nginx):
    def login(source: str, n: int, headers: dict[str, str] | None = None) -> int:
        credentials = {"username": f"nobody-{uuid.uuid4().hex}", "password": f"guess-{n}"}
        url = f"{nginx['https']}/api/token/"
        return call(
            "POST", url, credentials, headers=headers, source=source, tls=nginx["tls"]
        ).status

    assert [login(CLIENT, n) for n in range(LOGINS_A_MINUTE)] == [401] * LOGINS_A_MINUTE
    assert login(CLIENT, LOGINS_A_MINUTE) == 429
    # A forged X-Forwarded-For is not believed: nginx appends the address it sees.
    assert login(CLIENT, 0, {"X-Forwarded-For": "203.0.113.9"}) == 429
    # Another client, through the same nginx, has its own allowance.
    assert login(OTHER_CLIENT, 0) == 401


def test_plain_http_is_redirected_to_https_and_https_is_served(nginx):
    plain = call("GET", f"{nginx['http']}/api/subscribers/?page=2")
    forged = call(
        "GET", f"{nginx['http']}/api/subscribers/", headers={"X-Forwarded-Proto": "https"}
    )
    secure = call("GET", f"{nginx['https']}/api/subscribers/", tls=nginx["tls"])
    probe = call("GET", f"{nginx['http']}/healthz")

    assert plain.status == 301
    assert plain.headers["Location"] == f"https://{LOOPBACK}/api/subscribers/?page=2"
    assert forged.status == 301  # nginx replaces the client's X-Forwarded-Proto
    assert secure.status == 401  # served: the API wants a token
    assert "max-age=" in secure.headers["Strict-Transport-Security"]
    assert probe.status == 200  # load balancers probe over plain HTTP


def test_nginx_forwards_the_clients_request_id_or_its_own(nginx):
    given = call("GET", f"{nginx['http']}/healthz", headers={"X-Request-ID": "lb-42"})
    made = [call("GET", f"{nginx['http']}/healthz") for _ in range(2)]

    assert given.headers["X-Request-ID"] == "lb-42"
    # nginx's $request_id: 32 hex digits, a new one for each request.
    assert all(re.fullmatch(r"[0-9a-f]{32}", answer.headers["X-Request-ID"]) for answer in made)
    assert made[0].headers["X-Request-ID"] != made[1].headers["X-Request-ID"]


def test_nginx_answers_the_apis_json_when_gunicorn_cannot_answer(project, tmp_path):
    # Nothing listens upstream, as while gunicorn restarts; a worker killed mid-request is the
    # same 502 to nginx. Clients get the API's error shape and a hint to retry, not nginx's page.
    require(
        harness.nginx.executable() is not None,
        "nginx is not installed: `apt-get install nginx` (Debian) to serve a bake behind it",
    )
    nobody = f"http://{LOOPBACK}:{reserved_port()}"
    with harness.nginx.nginx(project, nobody, tmp_path / "nginx") as running:
        answer = call("GET", f"{running.https}/api/subscribers/", tls=running.tls)

    assert answer.status == 502
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.body == {
        "detail": "Service temporarily unavailable, try again later.",
        "code": "service_unavailable",
    }
    assert answer.headers["Retry-After"] == "5"
    assert "nginx/" not in answer.headers["Server"]  # no version for scanners


def test_nginx_hides_its_version_refuses_weak_suites_and_keeps_health_to_its_network(nginx):
    secure = call("GET", f"{nginx['https']}/api/subscribers/", tls=nginx["tls"])
    # TLS 1.2 with a CBC suite and SHA-1 MACs (ECDHE-ECDSA-AES128-SHA): no handshake.
    weak = ssl.create_default_context(cafile=nginx["certificate"])
    weak.maximum_version = ssl.TLSVersion.TLSv1_2
    weak.set_ciphers("ECDHE-ECDSA-AES128-SHA")

    assert secure.headers["Server"] == "nginx"  # server_tokens off: no version
    with pytest.raises(ssl.SSLError):
        call("GET", f"{nginx['https']}/api/subscribers/", tls=weak)
    # /healthz and /readyz name the database's and the cache's state: to the machine and private
    # networks (a load balancer's) only; 127.0.0.2 stands for any other address.
    for url, tls in ((nginx["http"], None), (nginx["https"], nginx["tls"])):
        for probe in ("healthz", "readyz"):
            assert call("GET", f"{url}/{probe}", tls=tls).status == 200
            refused = call("GET", f"{url}/{probe}", source=CLIENT, tls=tls)
            assert refused.status == 403
            assert "database" not in str(refused.body)
        # /metrics too, token or not (its scraper sits on a private network).
        assert call("GET", f"{url}/metrics", source=CLIENT, tls=tls, token="x").status == 403
