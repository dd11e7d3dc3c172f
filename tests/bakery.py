"""Helpers for the template's tests: run a baked project as its user would."""

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.new_user import new_user_environment
from benchmarks.project_code import keys
from benchmarks.serving import LOOPBACK
from local_extensions import asymmetric

TEMPLATE = Path(__file__).resolve().parent.parent
# Screenshots and other files a test leaves for people to look at; git-ignored.
ARTIFACTS = TEMPLATE / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_HOST, POSTGRES_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# The password of the user that tests against a running server create and log in as.
PASSWORD = "a-long-password-for-the-e2e-user"
# A request that has not answered after this long is hung (gunicorn would kill its worker at 30 s).
HANG_LIMIT = 10
# What the TLS-terminating proxy in front of production servers adds to every request.
FROM_PROXY = {"X-Forwarded-Proto": "https"}
# What production settings also require of a bake with registration: the SMTP server (nothing
# listens on this one; the real-mail test starts its own), the front end and the mails' sender.
# Other bakes never read them.
MAIL_VARIABLES = {
    "EMAIL_URL": "smtp://127.0.0.1:25",
    "DJANGO_FRONTEND_URL": "https://app.example.com",
    "DJANGO_DEFAULT_FROM_EMAIL": "api@example.com",
}

# Algorithms with a public key: their bakes sign with a private key and publish a JWKS.
ALGORITHMS = tuple(json.loads((TEMPLATE / "cookiecutter.json").read_text())["jwt_algorithm"])
ASYMMETRIC_ALGORITHMS = tuple(filter(asymmetric, ALGORITHMS))
# The option sets every test of test_bake.py runs on: each option value is in at least one, every
# combination of the options that interact has its own, and one bake per family of signing
# algorithm (HMAC, RSA PKCS#1 v1.5, RSA-PSS, ECDSA, EdDSA) stands for that family. An algorithm's
# family decides its code, keys and tests; its hash size only their sizes, so the other sizes run
# the tests that sign and verify (test_algorithms.py), not the whole list again. Options that
# cannot affect each other share a bake: the algorithm changes no request, the header keyword and
# the lifetimes no key.
OPTION_SETS: dict[str, dict] = {
    "default": {},
    # Sign-up and password reset ride along here with header tokens and username login, and in
    # EdDSA-cookie-stateless-postgresql with the others: they change no token and no key.
    "HS512-JWT-keyword-long-lifetimes": {
        "jwt_algorithm": "HS512",
        "auth_header_type": "JWT",
        "access_token_lifetime_minutes": 60,
        "refresh_token_lifetime_days": 30,
        "registration": True,
    },
    "RS256-rotation-without-blacklist": {
        "jwt_algorithm": "RS256",
        "blacklist_after_rotation": False,
    },
    "PS256-blacklist-without-rotation": {
        "jwt_algorithm": "PS256",
        "rotate_refresh_tokens": False,
    },
    "ES256-no-rotation-no-blacklist": {
        "jwt_algorithm": "ES256",
        "rotate_refresh_tokens": False,
        "blacklist_after_rotation": False,
    },
    "stateless": {"stateless_auth": True},
    "postgresql": {"database": "postgresql"},
    "cookie": {"token_transport": "cookie"},
    # Without the blacklist, cookie logout only clears the cookie; without rotation, refresh
    # leaves it alone.
    "cookie-no-rotation-no-blacklist": {
        "token_transport": "cookie",
        "rotate_refresh_tokens": False,
        "blacklist_after_rotation": False,
    },
    # Public keys, the cookie and stateless authentication each touch the tokens app: together,
    # with PostgreSQL, this bake has every optional file and every optional dependency. Login by
    # email rides along: it changes the token endpoint, the stateless claims and the cookie
    # views, and its concurrent sign-up test needs PostgreSQL. So does registration: its sign-up
    # takes the email as the login, and a reset must end the tokens of cookie and stateless
    # clients too.
    "EdDSA-cookie-stateless-postgresql": {
        "jwt_algorithm": "EdDSA",
        "token_transport": "cookie",
        "stateless_auth": True,
        "database": "postgresql",
        "login_field": "email",
        "registration": True,
    },
}
# The option sets whose bakes test_fresh_environment.py makes as a user would (`uvx cookiecutter`)
# and runs every command of their CI workflow on, lint, type-check and test suite included, on
# both Pythons of its matrix: test_bake.py does not run those commands on them a third time.
WORKFLOW_SETS = ("default", "EdDSA-cookie-stateless-postgresql")
# The algorithms the option sets bake, and the others: test_algorithms.py runs the others' signing
# and verifying tests.
BAKED_ALGORITHMS = {answers.get("jwt_algorithm", "HS256") for answers in OPTION_SETS.values()}
OTHER_ALGORITHMS = tuple(name for name in ALGORITHMS if name not in BAKED_ALGORITHMS)
# The API's operations differ with these options only (the algorithm changes no request or
# response): the schema fuzz runs for one bake of each, not for all. test_fresh_environment.py
# fuzzes the default bake and EdDSA-cookie-stateless-postgresql, on two Pythons.
FUZZED_OPTION_SETS = (
    "HS512-JWT-keyword-long-lifetimes",
    "ES256-no-rotation-no-blacklist",
    "stateless",
    "postgresql",
    "cookie",
    "cookie-no-rotation-no-blacklist",
)


def option_set(name: str, *values: object):
    """A test parameter for the option set `name` of OPTION_SETS (and `values`, for the test's
    other arguments): the tests of one option set run on one worker, which bakes it once."""
    return pytest.param(name, *values, marks=pytest.mark.xdist_group(name))


def option_sets(names: Iterable[str]) -> list:
    """A test parameter for each option set in `names`."""
    return [option_set(name) for name in names]


def is_asymmetric(answers: dict) -> bool:
    return asymmetric(answers.get("jwt_algorithm", "HS256"))


def signing_key_pem(algorithm: str) -> str:
    """A new PEM private key that `algorithm` signs with, made by the project's own key code."""
    return keys.private_key_pem(keys.generate_private_key(algorithm))


def require(condition: bool, reason: str) -> None:
    """Skip with `reason` where a machine lacks what a test needs; under CI=true, fail instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run, not skip)")
    pytest.skip(reason)


def reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def require_postgres() -> None:
    require(
        reachable(POSTGRES_HOST, POSTGRES_PORT),
        f"PostgreSQL is not reachable at {POSTGRES_HOST}:{POSTGRES_PORT}: start one that lets the "
        "user 'postgres' in without a password (trust auth), e.g. "
        "`docker run -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:17`",
    )


def require_redis() -> None:
    require(
        reachable(REDIS_HOST, REDIS_PORT),
        f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}: start one without a password, "
        "e.g. `redis-server --port 6379 --save ''` or `docker run -p 6379:6379 redis:7`",
    )


def project_environment(**variables: str) -> dict[str, str]:
    """The environment a user's shell would give a baked project: nothing from this test run."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "DJANGO_", "COV_")) and name != "DATABASE_URL"
    }
    # Commands of the virtual environment running these tests (ruff, pytest) come first.
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.update(variables)
    return environment


# The command the bake's README serves it with in production; `--bind` (a flag wins over
# config/gunicorn.py) puts it on a free loopback port (benchmarks.serving.serving fills in {port}).
GUNICORN = [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.py",
            "config.wsgi", "--bind", f"{LOOPBACK}:{{port}}"]  # fmt: skip


def production_environment(answers: dict, **variables: str) -> dict[str, str]:
    """The environment of a bake of `answers` deployed as its README says, on loopback: the
    production settings, fresh secrets (the signing key too for HMAC bakes; public-key bakes name
    theirs in `variables`), the mail settings of bakes with registration, and `variables`."""
    deployed = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": LOOPBACK,
    }
    if not is_asymmetric(answers):
        deployed["JWT_SIGNING_KEY"] = secrets.token_urlsafe(64)
    if answers.get("registration"):
        deployed |= MAIL_VARIABLES
    return project_environment(**(deployed | variables))


def fresh_environment(tools: Path, **variables: str) -> dict[str, str]:
    """The environment of a new user's shell: no virtual environment and no package of this test
    run on PATH, only `tools` (the `uv_tools` fixture: uv and uvx)."""
    return new_user_environment(tools, project_environment(), **variables)


def run(
    args: list[str],
    cwd: Path,
    environment: dict[str, str] | None = None,
    timeout: float = 300,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """Run a command in a baked project; fail the test with the command's output if it fails
    (with `check`)."""
    result = subprocess.run(
        args,
        cwd=cwd,
        env=environment or project_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"`{' '.join(map(str, args))}` exited {result.returncode} in {cwd}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}",
            pytrace=False,
        )
    return result


def assert_suite_passed(output: str, at_least: int = 50) -> None:
    """Assert that a baked project's pytest run, whose output this is, passed in full: no test
    failed or was skipped, and at least `at_least` tests ran."""
    closing = output.strip().splitlines()[-1]
    counts = {
        word: int(count)
        for count, word in re.findall(r"(\d+) (passed|failed|skipped|error)", closing)
    }
    assert counts.get("passed", 0) >= at_least, output
    assert set(counts) == {"passed"}, output


def find_python(minimum: tuple[int, int], exact: bool = False) -> str | None:
    """The newest Python interpreter of at least version `minimum` (with `exact`, of that minor
    version) that can make a virtual environment: `python3.X` on PATH, or one of pyenv's
    installed versions. None if there is none."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(minimum[1], 30)]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(map(str, pyenv_root.glob("versions/3.*/bin/python3")))
    found: dict[tuple[int, int], str] = {}
    for executable in filter(None, candidates):
        probe = subprocess.run(
            [executable, "-c", "import sys, venv; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0:
            found[tuple(map(int, probe.stdout.split()))] = executable
    eligible = [version for version in found if version >= minimum]
    if exact:
        eligible = [version for version in eligible if version == minimum]
    return found[max(eligible)] if eligible else None


def require_python(version: str) -> str:
    """An interpreter of Python `version` ("3.13"); skips (fails under CI=true) without one."""
    python = find_python(tuple(map(int, version.split("."))), exact=True)
    require(
        python is not None,
        f"no Python {version} found (python{version} on PATH, or under pyenv): install it, "
        f"e.g. `pyenv install {version}`, to run this test",
    )
    return python


WORKFLOW = ".github/workflows/ci.yml"


def transcript_matches(expected: str, actual: str) -> bool:
    """Whether `actual` output is what a README transcript shows, in which `...` stands for any
    text."""
    pattern = ".*?".join(map(re.escape, expected.strip().split("...")))
    return re.fullmatch(pattern, actual.strip(), re.DOTALL) is not None


def workflow_job(project: Path) -> dict:
    """The test job of the project's CI workflow, as parsed YAML."""
    return yaml.safe_load((project / WORKFLOW).read_text())["jobs"]["test"]


# The workflow's dependency audit asks a vulnerability database online about every package. Where
# it cannot reach one (these machines reach the package registries only), it says one of these
# instead of a verdict.
AUDIT = "pip-audit"
DATABASE_UNREACHABLE = (
    "Dependency not found on PyPI and could not be audited",
    "Max retries exceeded",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
)


def run_audit(command: str, cwd: Path, environment: dict[str, str]) -> None:
    """Run the workflow's audit step, `command`: it passes, or fails the test; where its
    vulnerability database cannot be reached, it is reported as not done (a warning in the test
    summary) and the test goes on, as it could not on GitHub."""
    result = run(["bash", "-e", "-c", command], cwd, environment, timeout=900, check=False)
    output = result.stdout + result.stderr
    if result.returncode == 0:
        return
    unreachable = [
        line for line in output.splitlines() if any(s in line for s in DATABASE_UNREACHABLE)
    ]
    if unreachable and "known vulnerabilit" not in output:
        warnings.warn(
            "the dependency audit ran but audited nothing, for want of a vulnerability database: "
            + unreachable[0],
            stacklevel=2,
        )
        return
    pytest.fail(f"`{command}` exited {result.returncode}\n{output}", pytrace=False)


def workflow_commands(project: Path) -> list[str]:
    """The shell commands of the workflow's test job (its `run` steps), in order."""
    return [step["run"] for step in workflow_job(project)["steps"] if "run" in step]


@dataclass(frozen=True)
class Answer:
    """What a server answered: the status, the body (JSON, or text where it is not JSON, as in
    Django's HTML error pages), the headers, and the seconds it took."""

    status: int
    body: Any
    headers: Message
    seconds: float

    def __repr__(self) -> str:
        return f"<{self.status} {self.body!r} in {self.seconds:.2f} s>"


def call(
    method: str,
    url: str,
    body: dict | None = None,
    token: str = "",
    keyword: str = "Bearer",
    headers: dict[str, str] | None = None,
    source: str | None = None,
    tls: ssl.SSLContext | None = None,
) -> Answer:
    """One HTTP request, a JSON `body` and `token` (sent after `keyword`) if given, from loopback
    address `source` if given; an https `url` with `tls`, which trusts the server's certificate.
    Errors and redirects are answers: nothing is raised, no redirect followed. Fails the test if no
    answer comes within HANG_LIMIT seconds, and asserts that the answer shows no traceback."""
    target = urllib.parse.urlsplit(url)
    options: dict[str, Any] = {"timeout": HANG_LIMIT}
    if source is not None:
        options["source_address"] = (source, 0)
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(
            target.hostname, target.port, context=tls, **options
        )
    else:
        connection = http.client.HTTPConnection(target.hostname, target.port, **options)
    path = target.path or "/"
    if target.query:
        path += f"?{target.query}"
    started = time.monotonic()
    with contextlib.closing(connection):
        try:
            connection.request(
                method,
                path,
                json.dumps(body).encode() if body is not None else None,
                {"Content-Type": "application/json"}
                | ({"Authorization": f"{keyword} {token}"} if token else {})
                | (headers or {}),
            )
            response = connection.getresponse()
            content = response.read()
        except TimeoutError:
            pytest.fail(f"{method} {url} did not answer within {HANG_LIMIT} s")
    seconds = time.monotonic() - started
    assert b"Traceback" not in content, content
    return Answer(response.status, _decoded(content), response.headers, seconds)


def _decoded(body: bytes):
    """A response body as JSON, or as text when it is not JSON (Django's HTML error pages)."""
    try:
        return json.loads(body or b"null")
    except ValueError:
        return body.decode(errors="replace")
