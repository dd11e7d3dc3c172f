"""The soak: a bake under production settings (gunicorn's sync workers behind the bake's
deploy/nginx.conf, a PostgreSQL cluster and a Redis of its own), simulated users over HTTPS for
a set time, faults at set times, then what the clients saw checked against the database.

Users log in, refresh their tokens (rotation), list, create, update and delete subscribers,
change their password and log out, each from a loopback address of its own (so the per-address
limits apply to each user, as behind nginx in production) over one keep-alive connection. An
access token is refreshed once it is ACCESS_SECONDS old: the bake's lifetime is minutes, a soak
wants many refreshes. Requests that get no answer or a 502/503/504 are retried as a careful
client would (after Retry-After), each attempt recorded.

Faults:
    worker    the users pause; refresh bursts (two per worker, from accounts of their own) keep
              every worker busy refreshing; one worker is killed with SIGKILL mid-burst (gunicorn
              starts another); the refreshes it had in flight are recorded and retried.
    postgres  the cluster is stopped (fast: every session ends) and started DOWN_SECONDS later.
    redis     redis-server is stopped (its counters are lost) and started DOWN_SECONDS later.

Plain Python, no pytest: the benchmark (benchmarks/soak.py) and the test (tests/test_soak.py)
run it.
"""

import base64
import contextlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import ssl
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from harness.deployment import GUNICORN, production_environment
from harness.local_servers import (
    PostgresCluster,
    RedisServer,
    free_port,
    postgres_cluster,
    redis_server,
)
from harness.nginx import nginx
from harness.serving import serving

# The soak's loopback ports (its engineers' range): PostgreSQL and Redis of its own.
PORTS = (26000, 26999)
# Seconds a dependency stays down in a restart.
DOWN_SECONDS = 3.0
# An access token is refreshed once this old (seconds).
ACCESS_SECONDS = 3.0
# A session (login to logout or password change) lasts this long (seconds), drawn at random.
SESSION_SECONDS = (20.0, 45.0)
# The service must answer normally again within this many seconds after a fault has ended.
RECOVERY_LIMIT = 10.0
# A request with no answer after this long counts as failed (nginx gives up at 35 s).
CLIENT_TIMEOUT = 15.0
# How long a client keeps retrying one operation that gets no answer, or 502/503/504.
RETRY_FOR = 30.0
UNAVAILABLE = {0, 502, 503, 504}
# Pause between a user's requests (seconds), drawn at random: keeps the load light.
THINK = (0.05, 0.3)
HEALTH_EVERY = 0.25
# A keep-alive connection idle this long is not reused: nginx closes them after 75 s.
IDLE_LIMIT = 60.0


@dataclass(frozen=True)
class Record:
    """One HTTP request: who, what, when (seconds since the load began), its status (0: no
    answer), DRF's error code if any, and whether its body was JSON (or empty, as a 204's)."""

    who: str
    what: str
    started: float
    seconds: float
    status: int
    code: str = ""
    json: bool = True

    @property
    def ended(self) -> float:
        return self.started + self.seconds

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 500


@dataclass
class Fault:
    kind: str
    started: float
    ended: float = 0.0
    detail: str = ""


@dataclass
class Ledger:
    """What one client knows for sure, and what it cannot know, about the server's state."""

    created: dict[str, int] = field(default_factory=dict)  # email -> id, answered 201
    unsure_created: set[str] = field(default_factory=set)  # no answer, then 400 "exists"
    deleted: set[int] = field(default_factory=set)  # answered 204, or 404 on a retry
    passwords: list[str] = field(default_factory=list)  # the current one first, then maybes
    sessions_lost: list[tuple[float, str]] = field(default_factory=list)  # (when, why)


class Run:
    """The shared state of one soak: the clock, the records, the pause for bursts."""

    def __init__(self, base: str, tls: ssl.SSLContext):
        self.base = base
        self.tls = tls
        self.origin = time.monotonic()
        self.records: list[Record] = []
        self.faults: list[Fault] = []
        self.stop = threading.Event()
        self.go = threading.Event()  # cleared while a burst needs the workers to itself
        self.go.set()
        self._in_flight = 0
        self._lock = threading.Lock()

    def now(self) -> float:
        return time.monotonic() - self.origin

    @contextlib.contextmanager
    def in_flight(self) -> Iterator[None]:
        with self._lock:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    def quiet(self, timeout: float = 10.0) -> None:
        """Pause the users, and wait (up to `timeout` seconds) for their requests to end."""
        self.go.clear()
        deadline = time.monotonic() + timeout
        while self._in_flight and time.monotonic() < deadline:
            time.sleep(0.01)


class Client:
    """HTTPS to nginx from a loopback address of its own, over one keep-alive connection."""

    def __init__(self, run: Run, who: str, source: str):
        self.run, self.who, self.source = run, who, source
        self.connection: http.client.HTTPSConnection | None = None
        self.used = 0.0  # when the connection last answered
        self.last_seconds = 0.0

    def call(
        self, what: str, method: str, path: str, body: dict | None = None, token: str = ""
    ) -> tuple[int, dict, dict]:
        """One request, recorded: (status, JSON body, headers); status 0 if no answer came."""
        target = urllib.parse.urlsplit(self.run.base)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        started = self.run.now()
        status, data, answer_headers, is_json = 0, {}, {}, True
        with self.run.in_flight():
            try:
                if self.connection is not None and time.monotonic() - self.used > IDLE_LIMIT:
                    self.close()  # nginx has closed it by now, or is about to
                if self.connection is None:
                    self.connection = http.client.HTTPSConnection(
                        target.hostname,
                        target.port,
                        context=self.run.tls,
                        timeout=CLIENT_TIMEOUT,
                        source_address=(self.source, 0),
                    )
                self.connection.request(
                    method, path, json.dumps(body).encode() if body is not None else None, headers
                )
                response = self.connection.getresponse()
                content = response.read()
                status, answer_headers = response.status, dict(response.headers)
                self.used = time.monotonic()
                if response.will_close:
                    self.close()
                try:
                    data = json.loads(content or b"{}")
                except ValueError:
                    data, is_json = {"text": content[:200].decode(errors="replace")}, False
            except (OSError, http.client.HTTPException):
                self.close()
        code = data.get("code", "") if isinstance(data, dict) else ""
        self.last_seconds = self.run.now() - started
        self.run.records.append(
            Record(self.who, what, started, self.last_seconds, status, str(code), is_json)
        )
        return status, data if isinstance(data, dict) else {"results": data}, answer_headers

    def retried(
        self, what: str, method: str, path: str, body: dict | None = None, token: str = ""
    ) -> tuple[int, dict, bool]:
        """call(), again while there is no answer or a 502/503/504, for up to RETRY_FOR seconds;
        (status, body, whether an attempt went unanswered or failed before this one)."""
        deadline = time.monotonic() + RETRY_FOR
        retried = False
        while True:
            status, data, headers = self.call(what, method, path, body, token)
            if status not in UNAVAILABLE or time.monotonic() > deadline or self.run.stop.is_set():
                return status, data, retried
            retried = True
            wait = min(float(headers.get("Retry-After", 0.5) or 0.5), 5.0)
            self.run.stop.wait(wait * random.uniform(0.5, 1.0))

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class User(threading.Thread):
    """A client of the API: a session of SESSION_SECONDS, then a password change or a logout."""

    def __init__(self, run: Run, number: int, username: str, password: str):
        super().__init__(daemon=True, name=username)
        self.shared = run
        self.username = username
        self.client = Client(run, username, f"127.0.1.{number + 1}")
        self.ledger = Ledger(passwords=[password])
        self.access = self.refresh_token = ""
        self.access_at = self.session_ends = 0.0
        self.sequence = 0
        self.random = random.Random(number)

    def run(self) -> None:
        while not self.shared.stop.is_set():
            self.shared.stop.wait(self.random.uniform(*THINK))
            self.shared.go.wait(timeout=30)
            if self.shared.stop.is_set():
                break
            if not self.access:
                self.login()
            elif self.shared.now() > self.session_ends:
                if self.random.random() < 1 / 3:
                    self.change_password()
                else:
                    self.logout()
            elif self.shared.now() - self.access_at > ACCESS_SECONDS:
                self.refresh()
            else:
                self.act()
        self.client.close()

    # The token flow.
    def login(self) -> bool:
        for password in list(self.ledger.passwords):
            status, data, _ = self.client.retried(
                "login", "POST", "/api/token/", {"username": self.username, "password": password}
            )
            if status == 200:
                self.ledger.passwords = [password]
                self.start_session(data)
                return True
            if status == 429:
                self.shared.stop.wait(5)
                return False
        return False

    def start_session(self, tokens: dict) -> None:
        self.access, self.refresh_token = tokens["access"], tokens["refresh"]
        self.access_at = self.shared.now()
        self.session_ends = self.access_at + self.random.uniform(*SESSION_SECONDS)

    def end_session(self, why: str) -> None:
        if why:
            self.ledger.sessions_lost.append((self.shared.now(), why))
        self.access = self.refresh_token = ""

    def refresh(self) -> None:
        status, data, retried = self.client.retried(
            "refresh", "POST", "/api/token/refresh/", {"refresh": self.refresh_token}
        )
        if status == 200:
            self.access, self.refresh_token = data["access"], data["refresh"]
            self.access_at = self.shared.now()
        else:
            why = f"refresh {status} {data.get('code', '')}" + (
                " after a retry" if retried else ""
            )
            self.end_session(why)

    def logout(self) -> None:
        status, data, retried = self.client.retried(
            "logout", "POST", "/api/token/blacklist/", {"refresh": self.refresh_token}
        )
        # A retry of a logout that went through finds the token blacklisted already: also done.
        done = status == 200 or (retried and status == 401)
        self.end_session("" if done else f"logout {status} {data.get('code', '')}")

    def change_password(self) -> None:
        current, new = self.ledger.passwords[0], f"soak-{secrets.token_urlsafe(12)}"
        body = {"current_password": current, "new_password": new}
        status, data, retried = self.client.retried(
            "password", "POST", "/api/users/me/password/", body, self.access
        )
        if status == 200:
            self.ledger.passwords = [new]
            self.start_session(data)
        elif retried:
            # The change may have gone through before the answer was lost: either may be current.
            self.ledger.passwords = [new, current]
            self.end_session(f"password change {status} after a retry")
        else:
            self.end_session(f"password change {status} {data.get('code', '')}")

    # The subscribers.
    def act(self) -> None:
        mine = [pk for pk in self.ledger.created.values() if pk not in self.ledger.deleted]
        action = self.random.choices(
            ["list", "create", "update", "delete"],
            weights=[35, 30, 20, 15] if mine else [1, 1, 0, 0],
        )[0]
        if action == "list":
            status, _, _ = self.client.retried(
                "list",
                "GET",
                "/api/subscribers/",
                token=self.access,
            )
            self.check(status, {200})
        elif action == "create":
            self.sequence += 1
            email = f"{self.username}-{self.sequence}@example.com"
            body = {
                "name": f"Soak {self.sequence}",
                "age": self.random.randint(18, 99),
                "email": email,
            }
            status, data, retried = self.client.retried(
                "create", "POST", "/api/subscribers/", body, self.access
            )
            if status == 201:
                self.ledger.created[email] = data["id"]
            elif status == 400 and retried:
                self.ledger.unsure_created.add(email)  # the lost attempt created it
            else:
                self.check(status, set())
        elif action == "update":
            pk = self.random.choice(mine)
            status, _, _ = self.client.retried(
                "update",
                "PATCH",
                f"/api/subscribers/{pk}/",
                {"age": self.random.randint(18, 99)},
                self.access,
            )
            self.check(status, {200})
        else:
            pk = self.random.choice(mine)
            status, _, retried = self.client.retried(
                "delete", "DELETE", f"/api/subscribers/{pk}/", token=self.access
            )
            if status == 204 or (status == 404 and retried):
                self.ledger.deleted.add(pk)
            else:
                self.check(status, set())

    def check(self, status: int, expected: set[int]) -> None:
        """After an API call: a 401 ends the session (the access token is no longer good)."""
        if status == 401:
            self.end_session("API call 401")


class BurstAccount:
    """An account that only refreshes, in bursts, so that a worker can be killed mid-refresh."""

    def __init__(self, run: Run, who: str, source: str, username: str, password: str):
        self.username, self.password = username, password
        self.client = Client(run, who, source)
        self.access = self.refresh_token = ""

    def login(self) -> int:
        """One login (no retry); its status."""
        body = {"username": self.username, "password": self.password}
        status, data, _ = self.client.call("login", "POST", "/api/token/", body)
        if status == 200:
            self.access, self.refresh_token = data["access"], data["refresh"]
        return status

    def refresh(self) -> int:
        """One refresh (no retry); its status."""
        status, data, _ = self.client.call(
            "refresh", "POST", "/api/token/refresh/", {"refresh": self.refresh_token}
        )
        if status == 200:
            self.access, self.refresh_token = data["access"], data["refresh"]
        return status

    def retry(self) -> tuple[int, str]:
        """A careful client's retry of a refresh that got no answer: the same token again,
        while unanswered; (status, DRF's code). Any answer but 200 ends the login."""
        status, data, _ = self.client.retried(
            "refresh", "POST", "/api/token/refresh/", {"refresh": self.refresh_token}
        )
        if status == 200:
            self.access, self.refresh_token = data["access"], data["refresh"]
        else:
            self.access = self.refresh_token = ""
        return status, data.get("code", "")


def workers_of(master: int) -> list[int]:
    """The process ids of gunicorn's workers: its master's children."""
    path = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in path.read_text().split()]


def kill_mid_refresh(
    run: Run, master: int, accounts: list[BurstAccount], attempts: int = 5
) -> str:
    """Pause the users, fire a refresh from every burst account at once and SIGKILL a worker
    while they are being served; again until a refresh went unanswered (at most `attempts`).
    Returns what happened, for the fault's record."""
    detail = []
    try:
        for attempt in range(1, attempts + 1):
            run.quiet()
            for account in accounts:
                if not account.refresh_token:
                    account.login()
                # The TLS handshake now, not in the burst (401: no token, no database).
                account.client.call("burst warm-up", "GET", "/api/subscribers/")
            results: dict[str, int] = {}
            fired = run.now()
            barrier = threading.Barrier(len(accounts) + 1)

            threads = [
                threading.Thread(target=_fire, args=(a, barrier, results), daemon=True)
                for a in accounts
            ]
            for thread in threads:
                thread.start()
            barrier.wait(timeout=10)
            time.sleep(0.03)  # the refreshes reach the workers
            busy = [pid for pid in workers_of(master) if _state(pid) == "R"]
            victim = (busy or workers_of(master))[0]
            os.kill(victim, signal.SIGKILL)
            killed_at = run.now()
            for thread in threads:
                thread.join(timeout=CLIENT_TIMEOUT + 5)
            unanswered = [name for name, status in results.items() if status in UNAVAILABLE]
            in_flight = [
                r for r in run.records
                if r.who == "burst" and r.what == "refresh" and r.started >= fired
                and r.started <= killed_at <= r.ended
            ]  # fmt: skip
            line = (
                f"attempt {attempt}: SIGKILL to worker {victim} at {killed_at:.2f} s, "
                f"{len(in_flight)} of {len(accounts)} refreshes in flight; answers "
                f"{dict(Counter(results.values()))}"
            )
            for account in accounts:
                if account.username in unanswered:
                    status, code = account.retry()
                    line += f"; {account.username} retried: {status} {code}".rstrip()
            detail.append(line)
            if unanswered:
                break
    finally:
        run.go.set()
    return "\n".join(detail)


def _fire(account: BurstAccount, barrier: threading.Barrier, results: dict) -> None:
    barrier.wait(timeout=10)
    results[account.username] = account.refresh()


def _state(pid: int) -> str:
    """A process's scheduler state (R running, S sleeping, ...), or '' once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return ""


def while_down(account: "BurstAccount") -> str:
    """What a login, a refresh and an API call answer while a dependency is down, and how
    fast: one of each, as the fault's detail."""
    seen = []
    for what, answer in [
        ("login", account.login),
        ("refresh", account.refresh),
        (
            "list",
            lambda: account.client.call("list", "GET", "/api/subscribers/", token=account.access)[
                0
            ],
        ),
    ]:
        status = answer()
        seen.append(f"{what} {status} in {account.client.last_seconds:.2f} s")
    return "while down: " + ", ".join(seen)


def probe_health(run: Run, client: Client) -> None:
    """/healthz every HEALTH_EVERY seconds, recorded, until the run stops."""
    while not run.stop.wait(HEALTH_EVERY):
        run.go.wait(timeout=30)
        client.call("healthz", "GET", "/healthz")
    client.close()


@dataclass
class Deployment:
    url: str
    tls: ssl.SSLContext
    master: int
    database_url: str
    cluster: PostgresCluster
    redis: RedisServer
    gunicorn_log: Path


@contextlib.contextmanager
def deployment(
    project: Path,
    answers: dict,
    workdir: Path,
    workers: int,
    usernames: list[str],
    password: str,
    **variables: str,
) -> Iterator[Deployment]:
    """`project` (a bake of `answers` with PostgreSQL; a copy of it, which other tests leave
    alone) served as production serves it, with a PostgreSQL cluster and a Redis of its own,
    and accounts for `usernames`."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    copy = workdir / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
    postgres_port = free_port(*PORTS)
    redis_port = free_port(postgres_port + 1, PORTS[1])
    with (
        postgres_cluster(workdir / "postgres", postgres_port) as cluster,
        redis_server(workdir / "redis", redis_port) as redis,
    ):
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE soak")
        environment = production_environment(
            answers,
            DATABASE_URL=cluster.url("soak"),
            REDIS_URL=redis.url(),
            GUNICORN_WORKERS=str(workers),
            # nginx appends the client's address: each simulated user has a loopback one.
            DJANGO_NUM_PROXIES="1",
            **variables,
        )
        manage = [sys.executable, "manage.py"]
        # No collectstatic: the API answers JSON only, and the soak never asks for a file.
        subprocess.run(
            [*manage, "migrate", "--no-input"],
            cwd=copy,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
        # One password hash for every account: each hash costs Argon2's time.
        create_users = (
            "import os; from django.contrib.auth import get_user_model; "
            "from django.contrib.auth.hashers import make_password; User = get_user_model(); "
            "hashed = make_password(os.environ['SOAK_PASSWORD']); "
            "User.objects.bulk_create([User(username=name, password=hashed) "
            "for name in os.environ['SOAK_USERS'].split()])"
        )
        subprocess.run(
            [*manage, "shell", "-c", create_users],
            cwd=copy,
            check=True,
            capture_output=True,
            env=environment | {"SOAK_PASSWORD": password, "SOAK_USERS": " ".join(usernames)},
            timeout=300,
        )

        log = workdir / "gunicorn.log"
        with (
            serving(GUNICORN, copy, environment, log, timeout=60) as server,
            nginx(copy, server.url, workdir / "nginx") as proxy,
        ):
            yield Deployment(
                proxy.https,
                proxy.tls,
                server.process.pid,
                cluster.url("soak"),
                cluster,
                redis,
                log,
            )


@dataclass
class Report:
    duration: float
    records: list[Record]
    faults: list[Fault]
    invariants: list[tuple[str, bool, str]]
    tracebacks: int
    # Sessions that ended other than by logging out: (seconds, why), e.g. a retried refresh.
    sessions_lost: list[tuple[float, str]] = field(default_factory=list)

    def table(self) -> str:
        return figures_table(self)


def soak(
    project: Path,
    answers: dict,
    workdir: Path,
    duration: float,
    users: int,
    workers: int,
    schedule: list[tuple[float, str]],
) -> Report:
    """Run the soak: `users` simulated users for `duration` seconds against `workers` gunicorn
    workers, the faults of `schedule` ((seconds after the start, "worker" | "postgres" |
    "redis"), in order) each at its time. Then check the invariants."""
    password = f"soak-{secrets.token_urlsafe(12)}"
    usernames = [f"soak-user-{n}" for n in range(users)]
    burst_names = [f"soak-burst-{n}" for n in range(2 * workers)]
    accounts_made = [*usernames, *burst_names, "soak-probe"]
    with deployment(project, answers, workdir, workers, accounts_made, password) as d:
        run = Run(d.url, d.tls)
        people = [User(run, n, name, password) for n, name in enumerate(usernames)]
        accounts = [
            BurstAccount(run, "burst", f"127.0.2.{n + 1}", name, password)
            for n, name in enumerate(burst_names)
        ]
        prober_account = BurstAccount(run, "fault probe", "127.0.3.2", "soak-probe", password)
        for account in [*accounts, prober_account]:
            account.login()
        run.origin = time.monotonic()
        prober = threading.Thread(
            # From 127.0.0.1: nginx answers /healthz to the machine and private networks only.
            target=probe_health,
            args=(run, Client(run, "probe", "127.0.0.1")),
            daemon=True,
        )
        prober.start()
        for person in people:
            person.start()
        try:
            for at, kind in schedule:
                if run.stop.wait(max(0.0, at - run.now())):
                    break
                fault = Fault(kind, run.now())
                run.faults.append(fault)
                if kind == "worker":
                    fault.detail = kill_mid_refresh(run, d.master, accounts)
                elif kind == "postgres-quiet":
                    # Nothing reaches the workers while it is down: each keeps its connection
                    # to the stopped server, and finds it dead at its next request.
                    run.quiet()
                    try:
                        d.cluster.stop()
                        time.sleep(DOWN_SECONDS)
                        d.cluster.start()
                    finally:
                        run.go.set()
                elif kind in ("postgres", "redis"):
                    server = d.cluster if kind == "postgres" else d.redis
                    server.stop()
                    down = time.monotonic()
                    fault.detail = while_down(prober_account)
                    time.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - down)))
                    server.start()
                else:
                    raise ValueError(f"unknown fault {kind!r}")
                fault.ended = run.now()
            run.stop.wait(max(0.0, duration - run.now()))
        finally:
            run.stop.set()
            run.go.set()
            for thread in [*people, prober]:
                thread.join(timeout=RETRY_FOR + CLIENT_TIMEOUT)
        ended = run.now()
        invariants = check_invariants(run, people, accounts, d)
        tracebacks = d.gunicorn_log.read_text(errors="replace").count("Traceback")
    with (workdir / "records.jsonl").open("w") as output:
        for record in run.records:
            output.write(json.dumps(record.__dict__) + "\n")
    lost = sorted(entry for person in people for entry in person.ledger.sessions_lost)
    return Report(ended, run.records, run.faults, invariants, tracebacks, lost)


def families(database_url: str) -> Counter[str]:
    """How many live refresh tokens (issued, unexpired, not blacklisted) each family holds."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT o.token FROM token_blacklist_outstandingtoken o "
            "LEFT JOIN token_blacklist_blacklistedtoken b ON b.token_id = o.id "
            "WHERE b.id IS NULL AND o.expires_at > now()"
        ).fetchall()
    counts: Counter[str] = Counter()
    for (token,) in rows:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        counts[str(claims.get("family", claims["jti"]))] += 1
    return counts


def check_invariants(
    run: Run, people: list[User], accounts: list[BurstAccount], d: Deployment
) -> list[tuple[str, bool, str]]:
    """Each invariant: (what it says, whether it holds, the evidence)."""
    created = {
        e: pk for p in people for e, pk in p.ledger.created.items() if pk not in p.ledger.deleted
    }
    unsure = {e for p in people for e in p.ledger.unsure_created}
    deleted = {pk for p in people for pk in p.ledger.deleted}
    with psycopg.connect(d.database_url) as connection:
        counts = dict(
            connection.execute(
                "SELECT email, count(*) FROM subscribers_subscriber WHERE email = ANY(%s) "
                "GROUP BY email",
                [list(created) + list(unsure)],
            ).fetchall()
        )
        survivors = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM subscribers_subscriber WHERE id = ANY(%s)", [list(deleted)]
            ).fetchall()
        ]
        inactive = connection.execute(
            "SELECT count(*) FROM users_user WHERE NOT is_active"
        ).fetchone()[0]
    wrong = {e: counts.get(e, 0) for e in created if counts.get(e, 0) != 1}
    wrong |= {e: counts[e] for e in unsure if counts.get(e, 0) > 1}
    live = families(d.database_url)
    forked = {family: n for family, n in live.items() if n > 1}

    # Every user logs in again with the password it knows (a maybe-changed one: either).
    refused = {}
    for person in people:
        person.access = ""
        run.stop.clear()
        if not person.login():
            refused[person.username] = [r.status for r in run.records if r.who == person.username][
                -3:
            ]
        person.client.close()
    run.stop.set()

    recovered = []
    for fault in run.faults:
        late = recovery_seconds(run.records, fault, run.faults)
        recovered.append((fault.kind, late))
    slow = [(k, late) for k, late in recovered if late is None or late > RECOVERY_LIMIT]
    unexpected_500 = sum(r.status == 500 for r in run.records)
    not_json = Counter(r.status for r in run.records if r.status and not r.json)
    return [
        (
            f"every subscriber a client saw created exists once ({len(created)} checked, "
            f"{len(unsure)} created by a retried request)",
            not wrong,
            str(wrong)[:300],
        ),
        (
            f"no subscriber a client saw deleted exists ({len(deleted)} checked)",
            not survivors,
            str(survivors)[:300],
        ),
        (
            f"every refresh-token family has at most one live token ({len(live)} families)",
            not forked,
            str(forked)[:300],
        ),
        (
            f"every user logs in again ({len(people)} users), none deactivated",
            not refused and inactive == 0,
            f"refused {refused}, inactive {inactive}",
        ),
        (
            f"the service answers normally within {RECOVERY_LIMIT:.0f} s after each fault",
            bool(run.faults) and not slow,
            ", ".join(f"{k} {'never' if s is None else f'{s:.1f} s'}" for k, s in recovered),
        ),
        (
            "no 500 answer (a dependency down answers 503)",
            unexpected_500 == 0,
            f"{unexpected_500} answered 500",
        ),
        (
            "every answer is JSON, nginx's own included",
            not not_json,
            f"not JSON, by status: {dict(not_json)}",
        ),
    ]


def window(fault: Fault, faults: list[Fault]) -> tuple[float, float]:
    """The span a fault's figures cover: from its start to RECOVERY_LIMIT after its end, or to
    the next fault's start if that comes first."""
    later = [f.started for f in faults if f.started > fault.started]
    return fault.started, min([fault.ended + RECOVERY_LIMIT, *later])


def overlaps(record: Record, start: float, end: float) -> bool:
    """Whether a request was answered (or given up) between `start` and `end`: one that
    started before a fault but was still waiting when it came belongs to that fault."""
    return start <= record.ended < end


def recovery_seconds(records: list[Record], fault: Fault, faults: list[Fault]) -> float | None:
    """Seconds from the fault's end to the end of the last failed request it caused (0 if
    none failed after it ended); None if nothing succeeded after that failure."""
    start, end = window(fault, faults)
    inside = [r for r in records if overlaps(r, start, end)]
    failures = [r for r in inside if r.failed]
    if not failures:
        return 0.0
    last = max(r.ended for r in failures)
    if not any(r.started >= last and not r.failed for r in records):
        return None
    return max(0.0, last - fault.ended)


def unavailability(records: list[Record], fault: Fault, faults: list[Fault]) -> float:
    """The longest stretch inside the fault's window with failed requests and no successful one:
    from the start of a failed request to the end of the first success after it."""
    start, end = window(fault, faults)
    inside = sorted((r for r in records if overlaps(r, start, end)), key=lambda r: r.started)
    longest, down_since = 0.0, None
    for record in inside:
        if record.failed:
            if down_since is None:
                down_since = record.started
        elif down_since is not None and record.started > down_since:
            longest = max(longest, record.ended - down_since)
            down_since = None
    if down_since is not None:
        longest = max(longest, end - down_since)
    return longest


def summary(records: list[Record], seconds: float) -> dict:
    """Requests per second, errors (no answer or 5xx), 5xx and latency percentiles."""
    latencies = sorted(r.seconds * 1000 for r in records if not r.failed)
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(records),
        "rate": len(records) / seconds if seconds else 0.0,
        "errors": sum(r.failed for r in records),
        "5xx": sum(r.status >= 500 for r in records),
        "p50": quantiles[49],
        "p99": quantiles[98],
    }


def figures_table(report: Report) -> str:
    """The figures, as a Markdown table, then each fault's unavailability and the invariants."""
    users = [r for r in report.records if r.who not in ("probe", "fault probe")]
    spans = [window(f, report.faults) for f in report.faults]
    inside = [r for r in users if any(overlaps(r, a, b) for a, b in spans)]
    outside = [r for r in users if not any(overlaps(r, a, b) for a, b in spans)]
    covered = sum(min(b, report.duration) - a for a, b in spans)
    rows = [
        ("whole run", users, report.duration),
        ("outside fault windows", outside, report.duration - covered),
        ("inside fault windows", inside, covered),
    ]
    for fault, (a, b) in zip(report.faults, spans, strict=True):
        rows.append(
            (
                f"{fault.kind} at {fault.started:.0f} s",
                [r for r in users if overlaps(r, a, b)],
                min(b, report.duration) - a,
            )
        )
    lines = [
        "| window | requests | req/s | errors | error rate | 5xx | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, records, seconds in rows:
        s = summary(records, seconds)
        rate = s["errors"] / s["requests"] if s["requests"] else 0.0
        lines.append(
            f"| {name} | {s['requests']} | {s['rate']:.1f} | {s['errors']} | "
            f"{rate:.2%} | {s['5xx']} | {s['p50']:.0f} | {s['p99']:.0f} |"
        )
    lines += [
        "",
        "| fault | at (s) | lasted (s) | longest unavailability (s) | answers normally "
        "after (s) | failed after it ended |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for fault in report.faults:
        late = recovery_seconds(report.records, fault, report.faults)
        _, end = window(fault, report.faults)
        after = sum(r.failed and fault.ended <= r.started <= end for r in users)
        lines.append(
            f"| {fault.kind} | {fault.started:.1f} | {fault.ended - fault.started:.1f} | "
            f"{unavailability(report.records, fault, report.faults):.1f} | "
            f"{'never' if late is None else f'{late:.1f}'} | {after} |"
        )
    lines += ["", "| invariant | holds | evidence |", "|---|---|---|"]
    for name, holds, evidence in report.invariants:
        lines.append(f"| {name} | {'yes' if holds else 'NO'} | {evidence if not holds else ''} |")
    statuses = Counter(r.status for r in users)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for r in users:
        if r.failed or r.status == 401:
            by_kind[r.what][r.status] += 1
    lines += [
        "",
        f"statuses: {dict(sorted(statuses.items()))}; tracebacks in gunicorn's log: "
        f"{report.tracebacks}",
        f"failed or 401 by request: { {k: dict(v) for k, v in sorted(by_kind.items())} }",
    ]
    latency = {
        what: summary([r for r in users if r.what == what], 1)
        for what in sorted({r.what for r in users})
    }
    lines.append(
        "p50/p99 ms by request: "
        + ", ".join(f"{what} {s['p50']:.0f}/{s['p99']:.0f}" for what, s in latency.items())
    )
    reasons = Counter(why for _, why in report.sessions_lost)
    lines.append(f"sessions that ended without a logout: {dict(reasons) or 0}")
    stray = [r for r in outside if r.failed][:5]
    if stray:
        lines.append(f"failed outside the faults' windows: {stray}")
    for fault in report.faults:
        if fault.detail:
            lines.append(f"{fault.kind} at {fault.started:.1f} s: {fault.detail}")
    return "\n".join(lines)
