"""Fixtures that bake the template and give baked projects the services they need."""

import contextlib
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from bakery import OPTION_SETS
from harness.commands import run
from harness.deployment import GUNICORN, MAIL_WORKER, PASSWORD, production_environment
from harness.environments import project_environment, uv_only
from harness.paths import ARTIFACTS
from harness.services import POSTGRES_HOST, POSTGRES_PORT, require_postgres
from harness.serving import running, serving

SESSION_STARTED = pytest.StashKey[float]()


def pytest_sessionstart(session) -> None:
    session.config.stash[SESSION_STARTED] = time.time()


def pytest_terminal_summary(terminalreporter, config) -> None:
    """List the artifacts (screenshots) this run wrote, so CI logs show where to find them."""
    started = config.stash.get(SESSION_STARTED, 0.0)
    written = sorted(
        path for path in ARTIFACTS.glob("*") if path.is_file() and path.stat().st_mtime >= started
    )
    if written:
        terminalreporter.write_sep("-", "test artifacts")
        for path in written:
            terminalreporter.write_line(str(path))


@pytest.fixture(scope="session")
def bake(cookies_session) -> Callable[..., Path]:
    """Bake the template with `answers` (once per answers and test worker); return the project."""
    projects: dict[tuple, Path] = {}

    def bake(**answers) -> Path:
        key = tuple(sorted(answers.items()))
        if key not in projects:
            result = cookies_session.bake(extra_context=answers)
            assert result.exception is None, result.exception
            assert result.exit_code == 0
            projects[key] = result.project_path
        return projects[key]

    return bake


@pytest.fixture
def answers(request) -> dict:
    """The answers of the option set that the test's parameter names (bakery.option_set)."""
    answers = OPTION_SETS[request.param]
    if answers.get("database") == "postgresql":
        require_postgres()
    return answers


@pytest.fixture
def project(bake, answers) -> Path:
    """The bake of those answers, made once a worker and shared by its tests."""
    return bake(**answers)


@pytest.fixture
def migrated_project(project, answers, request, tmp_path) -> tuple[Path, dict[str, str]]:
    """(`project`, the environment to run it in): migrated into a database of this test, with a
    superuser."""
    if answers.get("database") == "postgresql":
        database_url = request.getfixturevalue("postgres_database")()
    else:
        database_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    environment = project_environment(
        DATABASE_URL=database_url, DJANGO_SUPERUSER_PASSWORD=PASSWORD
    )
    run([sys.executable, "manage.py", "migrate", "--no-input"], project, environment)
    # Where users log in by email, the address is the login: there is no username.
    username = [] if answers.get("login_field") == "email" else ["--username", "admin"]
    run(
        [sys.executable, "manage.py", "createsuperuser", "--no-input", *username,
         "--email", "admin@example.com"],
        project,
        environment,
    )  # fmt: skip
    return project, environment


@pytest.fixture
def server(migrated_project, tmp_path) -> Iterator[str]:
    """The migrated project under `manage.py runserver`, as its README starts it."""
    args = [sys.executable, "manage.py", "runserver", "127.0.0.1:{port}", "--noreload"]
    with serving(args, *migrated_project, tmp_path / "runserver.log") as running:
        yield running.url


@pytest.fixture
def production_variables() -> dict[str, str]:
    """What `production_server` adds to harness.deployment.production_environment; a test
    module overrides this fixture to give it more (or other) variables."""
    return {}


@pytest.fixture
def production_server(migrated_project, answers, production_variables, tmp_path) -> Iterator[str]:
    """The project deployed as its README says: production settings, gunicorn started with
    config/gunicorn.py, three workers of four threads; with registration, the mail worker."""
    project, migrated = migrated_project
    environment = production_environment(
        answers,
        DATABASE_URL=migrated["DATABASE_URL"],
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="4",
        **production_variables,
    )
    with contextlib.ExitStack() as stack:
        if answers.get("registration"):
            worker_log = tmp_path / "worker.log"
            stack.enter_context(running(MAIL_WORKER, project, environment, worker_log))
        server = stack.enter_context(
            serving(GUNICORN, project, environment, tmp_path / "gunicorn.log")
        )
        yield server.url


@pytest.fixture(scope="session")
def uv_tools(tmp_path_factory) -> Path:
    """A directory holding uv and uvx only, for a new user's PATH
    (harness.environments.fresh_environment)."""
    return uv_only(tmp_path_factory.mktemp("uv-only"))


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory) -> Path:
    """A mypy cache shared by the bakes of one worker, outside them: checking django-stubs and
    the DRF stubs costs a few seconds once, then each bake takes about one second."""
    return tmp_path_factory.mktemp("mypy-cache")


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[Callable[[], str]]:
    """Create PostgreSQL databases on demand, each returned as a URL; drop them all at the end."""
    created: list[str] = []
    admin_url = f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/postgres"

    def create() -> str:
        require_postgres()
        name = f"bake_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return f"postgres://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"

    yield create

    if created:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            for name in created:
                for database in (name, f"test_{name}"):
                    connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
