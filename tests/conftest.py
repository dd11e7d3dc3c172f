"""Fixtures that bake the template and give baked projects the services they need."""

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from bakery import POSTGRES_HOST, POSTGRES_PORT, require_postgres


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
