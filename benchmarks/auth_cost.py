"""What authentication costs a request, for each way a baked project can authenticate.

Run it from the template's root, in the environment its tests use (README.md, "Benchmark"):

    .venv/bin/python benchmarks/auth_cost.py

It bakes the template twice (stateless_auth off and on), serves each bake with gunicorn on
127.0.0.1 under its production settings, and drives the same endpoint (GET /api/subscribers/, a
page of four rows) with wrk in each mode:

    baseline   the endpoint with no authentication at all
    drf_token  DRF's TokenAuthentication (rest_framework.authtoken), the usual alternative
    default    the bake's own JWTAuthentication: loads the user on every request
    stateless  the stateless_auth bake: the user comes from the token's claims

each JWT mode twice: one token sent with every request (a client calling many times, which the
bake's cache of verified tokens answers after the first) and, as `<mode>_fresh`, a new token
with every request (wrk cycles through thousands of tokens issued beforehand, more than the
cache holds, so that every request verifies its token in full), plus the login endpoint
(POST /api/token/) with the production password hasher. Runs are interleaved (A B C D E,
A B C D E, ...) so that drift on a shared machine falls on every mode alike; the table shows
each mode's median rate, and its ratio to the baseline as the median of the ratios within each
round. Queries per request are counted by Django
(CaptureQueriesContext) on the same request through the test client.

baseline and drf_token are not options of the template: for them the script adds a settings
module to its baked copy (config/settings/benchmark.py) that swaps the authentication classes.
The template itself is not changed.

Needs wrk (Debian/Ubuntu: `apt-get install wrk`, macOS: `brew install wrk`); installs nothing.
The last line reads `ratio stateless=<a> stateless_fresh=<b> default=<c> default_fresh=<d>
drf_token=<e>`, each against the baseline.
"""

import argparse
import contextlib
import functools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
# The harness package (and benchmarks, for auth_profile.py), when this runs as a script.
sys.path.insert(0, str(TEMPLATE))
from harness.answers import ASYMMETRIC_ALGORITHMS  # noqa: E402
from harness.bakes import bake as bake_template  # noqa: E402
from harness.bakes import dotenv  # noqa: E402
from harness.environments import project_environment  # noqa: E402
from harness.serving import serving  # noqa: E402

ENDPOINT = "/api/subscribers/"
LOGIN = "/api/token/"
USERNAME, PASSWORD = "benchmark", "a-long-benchmark-passphrase"

# The goals of issue 17, on a 2-core machine: (mode, against, at least this ratio). Each goal
# holds for a client that sends one token many times and for one that sends a new token every
# time (the `_fresh` modes), which no cache of verified tokens can answer.
GOALS = [
    ("stateless", "baseline", 0.95),
    ("stateless_fresh", "baseline", 0.90),
    ("stateless", "drf_token", 1.3),
    ("stateless_fresh", "drf_token", 1.3),
    ("default", "drf_token", 1.1),
    ("default_fresh", "drf_token", 1.1),
]

WRK_MISSING = (
    "wrk is not installed: this benchmark drives its load with it. Install it with "
    "`apt-get install wrk` (Debian, Ubuntu) or `brew install wrk` (macOS), then run again."
)

# Written into each baked copy: production settings on 127.0.0.1, with the authentication
# BENCHMARK_AUTH names ("project" keeps the bake's own).
SETTINGS_MODULE = '''\
"""Written by the template's benchmarks/auth_cost.py; not part of the project."""

import os
from datetime import timedelta

from .production import *

# One token serves the whole run.
SIMPLE_JWT = {**SIMPLE_JWT, "ACCESS_TOKEN_LIFETIME": timedelta(hours=4)}

AUTH = os.environ["BENCHMARK_AUTH"]
if AUTH == "none":
    REST_FRAMEWORK = {
        **REST_FRAMEWORK,
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    }
elif AUTH == "drf_token":
    INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework.authtoken"]
    REST_FRAMEWORK = {
        **REST_FRAMEWORK,
        "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    }
'''

# Run in each baked copy under one BENCHMARK_AUTH: creates the data, prints the Authorization
# header to send and the queries one request costs, as JSON.
PREPARE_SCRIPT = '''\
"""Written by the template's benchmarks/auth_cost.py; not part of the project."""

import json
import os

import django

django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string
from rest_framework_simplejwt.settings import api_settings

auth = os.environ["BENCHMARK_AUTH"]
username, password = os.environ["BENCHMARK_USER"], os.environ["BENCHMARK_PASSWORD"]
call_command("migrate", verbosity=0)
Subscriber = import_string(os.environ["BENCHMARK_SUBSCRIBER_MODEL"])
for number in range(4):
    Subscriber.objects.get_or_create(
        email=f"subscriber{number}@example.com",
        defaults={"name": f"Subscriber {number}", "age": 30},
    )
user = get_user_model().objects.filter(username=username).first()
if user is None:
    user = get_user_model().objects.create_user(username=username, password=password)

if auth == "none":
    header = ""
elif auth == "drf_token":
    from rest_framework.authtoken.models import Token

    header = "Token " + Token.objects.get_or_create(user=user)[0].key
else:
    serializer = import_string(api_settings.TOKEN_OBTAIN_SERIALIZER)
    keyword = api_settings.AUTH_HEADER_TYPES[0]
    header = f"{keyword} {serializer.get_token(user).access_token}"
    # Many tokens for one user, sent in turn (FRESH_TOKENS_LUA).
    # TOKENS since issue 23; JWT_VERIFIED_TOKEN_CACHE_SIZE in bakes from before it.
    cache_size = getattr(settings, "TOKENS", {}).get(
        "VERIFIED_TOKEN_CACHE_SIZE", getattr(settings, "JWT_VERIFIED_TOKEN_CACHE_SIZE", 0)
    )
    count = max(int(os.environ["BENCHMARK_TOKENS"]), 4 * cache_size)
    with open(os.environ["BENCHMARK_TOKENS_FILE"], "w") as tokens:
        tokens.writelines(
            f"{keyword} {serializer.get_token(user).access_token}\\n" for _ in range(count)
        )


def count_queries(method, path, **extra):
    client = Client(HTTP_HOST="127.0.0.1")
    getattr(client, method)(path, **extra)  # the first request opens the connection
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, **extra)
    assert response.status_code == 200, (path, response.status_code, response.content)
    return len(queries)


headers = {"HTTP_AUTHORIZATION": header} if header else {}
queries = count_queries("get", os.environ["BENCHMARK_ENDPOINT"], **headers)
result = {"header": header, "queries": queries}
if auth == "project":
    body = {"username": username, "password": password}
    result["login_queries"] = count_queries(
        "post", os.environ["BENCHMARK_LOGIN"], data=body, content_type="application/json"
    )
print(json.dumps(result))
'''

LOGIN_LUA = """\
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username": "%s", "password": "%s"}'
"""

# Each request sends the next Authorization header of the file, each wrk thread from its own
# place in it: a token comes back only after every other one has been sent.
FRESH_TOKENS_LUA = """\
local headers = {}
for line in io.lines("%s") do headers[#headers + 1] = line end
local threads = 0
function setup(thread)
  thread:set("first", threads * 7919)
  threads = threads + 1
end
function init(args)
  position = first
end
function request()
  position = position %% #headers + 1
  return wrk.format(nil, nil, {["Authorization"] = headers[position]})
end
"""
# Tokens a fresh-token run cycles through, at least: PREPARE_SCRIPT issues four times as many as
# a worker's cache of verified tokens holds (JWT_VERIFIED_TOKEN_CACHE_SIZE) if that is more. With
# two workers, each then sees twice the cache's size of other tokens before one comes back, and
# finds it evicted: every request of such a run verifies its token in full.
FRESH_TOKENS = 4096


@dataclass
class Mode:
    """One server to load and how: a bake, the authentication it runs, the request to send."""

    name: str
    label: str
    bake: str
    auth: str
    path: str = ENDPOINT
    header: str = ""
    queries: int | None = None
    rates: list[float] = field(default_factory=list)
    # Milliseconds of server CPU per request: steadier than the rate when others load the machine.
    cpu: list[float] = field(default_factory=list)
    url: str = ""
    server_pid: int = 0
    # A wrk Lua script that writes the requests (logins; a new token each time); None: `header`.
    script: Path | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.rates)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Bake the template, serve each authentication mode with gunicorn and "
        "measure requests per second with wrk.",
    )
    add_load_arguments(parser, "mode", "gunicorn sync workers")
    parser.add_argument(
        "--algorithm",
        action="append",
        dest="algorithms",
        help="jwt_algorithm to bake (repeat for several; default HS256, plus the template's "
        "first asymmetric choice if it offers one)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the baked projects and server logs"
    )
    arguments = parser.parse_args(argv)
    check_load_arguments(parser, arguments)
    return arguments


def add_load_arguments(parser: argparse.ArgumentParser, run: str, workers: str) -> None:
    """The load options this benchmark and peers.py share: interleaved rounds of a `run` (what
    each round loads once: a mode, a setup), wrk's threads and connections, the `workers` each
    server runs. check_load_arguments() checks them once parsed."""
    parser.add_argument("--rounds", type=positive, default=5, help=f"runs per {run} (default 5)")
    parser.add_argument("--duration", type=positive, default=6, help="seconds per run (default 6)")
    parser.add_argument(
        "--connections", type=positive, default=16, help="wrk connections (default 16)"
    )
    parser.add_argument("--threads", type=positive, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=positive, default=2, help=f"{workers} (default 2)")


def check_load_arguments(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    if arguments.connections < arguments.threads:
        parser.error("--connections must be at least --threads (each wrk thread needs one)")


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0, got {text!r}")
    return value


def default_algorithms() -> list[str]:
    """HS256, and the first asymmetric algorithm the template offers, if any."""
    return ["HS256", *ASYMMETRIC_ALGORITHMS[:1]]


def parse_wrk(output: str) -> float:
    """Requests per second from wrk's report; an error if any answer was not a success."""
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if failed:
        raise RuntimeError(f"{failed.group(1)} responses were errors:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rate is None:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{output}")
    return float(rate.group(1))


def parse_requests(output: str) -> int:
    found = re.search(r"(\d+) requests in", output)
    if found is None:
        raise RuntimeError(f"no request count in wrk's output:\n{output}")
    return int(found.group(1))


def workers_cpu_seconds(master_pid: int) -> float | None:
    """CPU seconds (user + system) used so far by the worker processes of a gunicorn master,
    read from /proc; None where there is no /proc."""
    if not Path("/proc/self/stat").exists():
        return None
    ticks = 0
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = path.read_text()
        except OSError:  # the process ended meanwhile
            continue
        # Fields after the command name, which sits in parentheses and may hold spaces.
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == master_pid:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def ratios(modes: dict[str, Mode]) -> dict[str, float]:
    """Each API mode's rate against the baseline: the median of the ratios within each round.

    A mode's run and the baseline's run of the same round are seconds apart, so a change in
    what else loads the machine touches both: their ratio is steadier than the ratio of medians.
    """
    baseline = modes["baseline"].rates
    return {
        name: statistics.median(
            rate / base for rate, base in zip(mode.rates, baseline, strict=True)
        )
        for name, mode in modes.items()
        if mode.path == ENDPOINT
    }


def format_table(modes: list[Mode], ratio: dict[str, float]) -> str:
    rows = [("mode", "req/s median", "vs baseline", "server CPU ms/request", "DB queries/request")]
    for mode in modes:
        ratio_text = f"{ratio[mode.name]:.2f}x" if mode.name in ratio else "-"
        cpu = f"{statistics.median(mode.cpu):.2f}" if mode.cpu else "?"
        queries = "?" if mode.queries is None else str(mode.queries)
        rows.append((mode.label, f"{mode.median:.1f}", ratio_text, cpu, queries))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def cpu_ratios(modes: dict[str, Mode]) -> dict[str, float]:
    """Like ratios(), from server CPU per request: what the rate would be on an idle machine
    where the servers are CPU-bound, and barely moved by what else runs meanwhile."""
    baseline = modes["baseline"].cpu
    return {
        name: statistics.median(base / cpu for cpu, base in zip(mode.cpu, baseline, strict=True))
        for name, mode in modes.items()
        if mode.path == ENDPOINT and mode.cpu
    }


def goal_lines(ratio: dict[str, float], measure: str = "req/s") -> list[str]:
    lines = []
    for mode, against, goal in GOALS:
        if mode not in ratio or against not in ratio:
            continue
        value = ratio[mode] / ratio[against]
        verdict = "met" if value >= goal else "MISSED"
        lines.append(f"goal {mode} >= {goal:g}x {against} ({measure}): {value:.3f}x, {verdict}")
    return lines


RATIO_LINE_MODES = ["stateless", "stateless_fresh", "default", "default_fresh", "drf_token"]


def ratio_line(ratio: dict[str, float]) -> str:
    return "ratio " + " ".join(
        f"{name}={ratio[name]:.2f}" for name in RATIO_LINE_MODES if name in ratio
    )


def bake(output: Path, **answers: object) -> Path:
    """The template baked into `output` as `bench`, with this script's settings module and data
    script, and its signing key made as a developer's machine makes it."""
    project = bake_template(output, project_slug="bench", **answers)
    (project / "config" / "settings" / "benchmark.py").write_text(SETTINGS_MODULE)
    (project / "benchmark_prepare.py").write_text(PREPARE_SCRIPT)
    # A public-key bake makes its signing key (keys/signing.pem) the first time local settings
    # load, as on a developer's machine; production settings then read it from the file.
    subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=project,
        env=project_environment(DJANGO_SETTINGS_MODULE="config.settings.local"),
        check=True,
        capture_output=True,
    )
    return project


def server_environment(project: Path, auth: str) -> dict[str, str]:
    """Production settings, with the secrets the bake wrote to .env and a database of its own."""
    environment = project_environment(**dotenv(project))
    key_file = project / "keys" / "signing.pem"
    if key_file.exists():
        environment["JWT_SIGNING_KEY_FILE"] = str(key_file)
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.benchmark",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{project / 'benchmark.sqlite3'}",
        DJANGO_SECURE_SSL_REDIRECT="false",
        # Logins are the point of one run: lift the rate limits that would answer 429.
        DJANGO_THROTTLE_LOGIN="1000000/second",
        DJANGO_THROTTLE_LOGIN_USERNAME="1000000/second",
        BENCHMARK_AUTH=auth,
        BENCHMARK_USER=USERNAME,
        BENCHMARK_PASSWORD=PASSWORD,
        BENCHMARK_ENDPOINT=ENDPOINT,
        BENCHMARK_LOGIN=LOGIN,
        BENCHMARK_SUBSCRIBER_MODEL="bench.subscribers.models.Subscriber",
    )
    return environment


def prepare(mode: Mode, project: Path, tokens: Path) -> dict:
    """Data and the Authorization header for `mode`; for the bake's own authentication, also
    FRESH_TOKENS or more headers written to `tokens`, one a line."""
    environment = server_environment(project, mode.auth)
    environment.update(BENCHMARK_TOKENS=str(FRESH_TOKENS), BENCHMARK_TOKENS_FILE=str(tokens))
    result = subprocess.run(
        [sys.executable, "benchmark_prepare.py"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"preparing {mode.name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@functools.cache
def gunicorn_options() -> tuple[str, ...]:
    help_text = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--help"], capture_output=True, text=True, check=False
    ).stdout
    # Recent gunicorn opens a control socket at one fixed path per user: servers started side
    # by side (these, or anyone else's) would take it from each other.
    return ("--no-control-socket",) if "--no-control-socket" in help_text else ()


def gunicorn_command(port: int | str, workers: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "sync", "--error-logfile", "-", *gunicorn_options()]  # fmt: skip


@contextlib.contextmanager
def serve(project: Path, auth: str, workers: int, log: Path) -> Iterator[tuple[str, int]]:
    """gunicorn with `workers` sync workers on a free loopback port: yields its URL and PID,
    and stops it after."""
    command = gunicorn_command("{port}", workers)
    with serving(command, project, server_environment(project, auth), log, timeout=60) as server:
        yield server.url, server.process.pid


def check_answer(mode: Mode) -> None:
    """Refuse to measure a server that answers anything but 200 to the benchmark's request."""
    request = urllib.request.Request(mode.url + mode.path)
    if mode.header:
        request.add_header("Authorization", mode.header)
    if mode.path == LOGIN:
        request.add_header("Content-Type", "application/json")
        request.data = json.dumps({"username": USERNAME, "password": PASSWORD}).encode()
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status != 200:
            raise RuntimeError(f"{mode.name}: {mode.path} answered {response.status}")


def run_wrk(mode: Mode, arguments: argparse.Namespace, duration: int) -> None:
    """One wrk run against `mode`; records its rate and CPU once the server is idle again."""
    if mode.path == LOGIN:
        # A login takes a worker a quarter second: more connections than workers would only
        # queue logins that keep the CPU busy after wrk stops, in the next mode's run.
        threads = connections = arguments.workers
    else:
        threads, connections = arguments.threads, arguments.connections
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
    if mode.script:
        command += ["-s", str(mode.script)]
    elif mode.header:
        command += ["-H", f"Authorization: {mode.header}"]
    command.append(mode.url + mode.path)
    cpu_before = workers_cpu_seconds(mode.server_pid)
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    # Queued behind whatever wrk left in flight: answered once the server has caught up.
    check_answer(mode)
    cpu_after = workers_cpu_seconds(mode.server_pid)
    mode.rates.append(parse_wrk(result.stdout))
    if cpu_before is not None and cpu_after is not None:
        requests = parse_requests(result.stdout) + 1  # and the check
        mode.cpu.append((cpu_after - cpu_before) * 1000 / requests)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_args(argv)
    if shutil.which("wrk") is None:
        print(WRK_MISSING, file=sys.stderr)
        return 2
    algorithms = arguments.algorithms or default_algorithms()
    workdir = Path(tempfile.mkdtemp(prefix="auth-cost-"))
    try:
        return measure(arguments, algorithms, workdir)
    finally:
        if arguments.keep:
            print(f"baked projects and server logs kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def plan(algorithms: list[str], workdir: Path) -> tuple[dict[str, Path], list[Mode]]:
    """Bake into `workdir` and prepare every mode: the bakes by name, and the modes in the order
    they run (logins last)."""
    bakes: dict[str, Path] = {}
    modes: list[Mode] = []
    for index, algorithm in enumerate(algorithms):
        default = f"default-{algorithm}"
        stateless = f"stateless-{algorithm}"
        bakes[default] = bake(workdir / default, jwt_algorithm=algorithm)
        bakes[stateless] = bake(workdir / stateless, jwt_algorithm=algorithm, stateless_auth=True)
        if index == 0:
            # The baseline and DRF's tokens do not depend on the JWT algorithm: measured once.
            modes += [
                Mode("baseline", "baseline (no authentication)", default, "none"),
                Mode("drf_token", "DRF TokenAuthentication", default, "drf_token"),
            ]
        suffix = "" if index == 0 else f"-{algorithm}"
        modes += [
            Mode(f"default{suffix}", f"JWT default ({algorithm})", default, "project"),
            Mode(f"stateless{suffix}", f"JWT stateless ({algorithm})", stateless, "project"),
        ]
    fresh_modes = []
    # drf_token first: its migrations are a superset of every other mode's.
    for mode in sorted(modes, key=lambda mode: mode.auth != "drf_token"):
        tokens = workdir / f"tokens-{mode.name}.txt"
        prepared = prepare(mode, bakes[mode.bake], tokens)
        mode.header, mode.queries = prepared["header"], prepared["queries"]
        if mode.auth == "project":
            # The same server, sent a new token with every request.
            name, _, suffix = mode.name.partition("-")
            fresh = Mode(f"{name}_fresh{_}{suffix}", f"{mode.label}, new token", mode.bake,
                         mode.auth, header=mode.header, queries=mode.queries,
                         script=workdir / f"{mode.name}.lua")  # fmt: skip
            fresh.script.write_text(FRESH_TOKENS_LUA % tokens)
            fresh_modes.append(fresh)
        if mode.name == "default":
            login = Mode("login", f"token obtain ({algorithms[0]}, Argon2)", mode.bake, "project")
            login.path, login.queries = LOGIN, prepared["login_queries"]
            login.script = workdir / "login.lua"
            login.script.write_text(LOGIN_LUA % (USERNAME, PASSWORD))
    return bakes, [*modes, *fresh_modes, login]


@contextlib.contextmanager
def started(
    modes: list[Mode], bakes: dict[str, Path], arguments: argparse.Namespace, workdir: Path
) -> Iterator[None]:
    """Serve every mode (one server per bake and authentication, and one for logins), each
    checked and warmed up; stop them all after."""
    with contextlib.ExitStack() as servers:
        by_server: dict[tuple[str, str, str], tuple[str, int]] = {}
        for mode in modes:
            # Logins get a server of their own, so no login can hold up an API request.
            key = (mode.bake, mode.auth, mode.path)
            if key not in by_server:
                log = workdir / f"gunicorn-{mode.bake}-{mode.auth}.log"
                by_server[key] = servers.enter_context(
                    serve(bakes[mode.bake], mode.auth, arguments.workers, log)
                )
            mode.url, mode.server_pid = by_server[key]
            check_answer(mode)
            run_wrk(mode, arguments, 2)  # warm up: imports, connections, caches
            mode.rates.clear()
            mode.cpu.clear()
        yield


def measure(arguments: argparse.Namespace, algorithms: list[str], workdir: Path) -> int:
    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    say(f"baking into {workdir} ...")
    bakes, modes = plan(algorithms, workdir)
    with started(modes, bakes, arguments, workdir):
        for round_number in range(1, arguments.rounds + 1):
            for mode in modes:
                run_wrk(mode, arguments, arguments.duration)
            say(
                f"round {round_number}/{arguments.rounds}: "
                + ", ".join(f"{mode.name} {mode.rates[-1]:.1f}" for mode in modes)
            )

    by_name = {mode.name: mode for mode in modes}
    ratio = ratios(by_name)
    print(
        f"GET {ENDPOINT} (4 rows), gunicorn {arguments.workers} sync workers, "
        f"wrk -t{arguments.threads} -c{arguments.connections}, {arguments.rounds} interleaved "
        f"runs of {arguments.duration} s per mode, {os.cpu_count()} CPUs"
    )
    print(format_table(modes, ratio))
    print("\n".join(goal_lines(ratio) + goal_lines(cpu_ratios(by_name), "server CPU")))
    print(ratio_line(ratio))
    return 0


if __name__ == "__main__":
    sys.exit(main())
