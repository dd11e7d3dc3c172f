"""compose.yaml read as Compose reads it, without running it (test_containers.py runs it): the
API's environment, `.env` as the bake wrote it and the variables compose.yaml fills in from it,
is one production starts with, or compose names what is missing before anything starts; and
every image it pulls is pinned."""

import re
import shutil
import sys
import uuid
from pathlib import Path

import pytest
import yaml

from bakery import OPTION_SETS
from harness.answers import is_asymmetric
from harness.commands import run
from harness.environments import project_environment
from harness.project_code import signing_key_pem
from harness.services import POSTGRES_HOST, POSTGRES_PORT, require, require_postgres

# The option sets with compose.yaml, one of each kind of database, mail and key (SQLite with
# registration and HMAC, PostgreSQL, a public key).
COMPOSE_SETS = [
    "postgresql",
    "HS512-JWT-keyword-long-lifetimes",
    "ES256-no-rotation-no-blacklist",
]
# ${NAME}, ${NAME:-default}, ${NAME:?message}
INTERPOLATION = re.compile(r"\$\{(\w+)(?::([-?])([^}]*))?\}")


def dotenv(project: Path) -> dict[str, str]:
    return dict(
        line.split("=", 1)
        for line in (project / ".env").read_text().splitlines()
        if line and not line.startswith("#")
    )


def interpolated(value: str, variables: dict[str, str], demanded: set[str]) -> str:
    """`value` with Compose's interpolation from `variables`; the names `${NAME:?...}` requires
    and `variables` lacks go into `demanded` (Compose would stop, naming them)."""

    def substitute(match: re.Match[str]) -> str:
        name, kind, text = match.groups()
        if variables.get(name):
            return variables[name]
        if kind == "?":
            demanded.add(name)
            return f"<{name}>"
        return text if kind == "-" else ""

    return INTERPOLATION.sub(substitute, value)


def api_environment(project: Path) -> tuple[dict[str, str], set[str]]:
    """The environment compose.yaml gives the API (`env_file` first, `environment` over it),
    and the variables it demands that `.env` does not hold."""
    service = yaml.safe_load((project / "compose.yaml").read_text())["services"]["app"]
    variables = dotenv(project)
    demanded: set[str] = set()
    environment = dict(variables)
    for name, value in service["environment"].items():
        environment[name] = interpolated(str(value), variables, demanded)
    return environment, demanded


@pytest.mark.parametrize("name", COMPOSE_SETS)
def test_the_api_of_compose_starts_or_compose_names_what_env_lacks(bake, name, tmp_path):
    answers = OPTION_SETS[name]
    project = bake(**answers)
    environment, demanded = api_environment(project)

    # What the user adds to .env, as compose asks: values of their own.
    supplied = {
        "EMAIL_URL": "smtp+tls://api:secret@smtp.example.com:587",
        "DJANGO_FRONTEND_URL": "https://app.example.com",
        "DJANGO_DEFAULT_FROM_EMAIL": "api@example.com",
    }
    assert demanded <= set(supplied)
    environment |= {variable: supplied[variable] for variable in demanded}
    if is_asymmetric(answers):
        # The files compose.yaml mounts there: the key local settings make on first start.
        (tmp_path / "signing.pem").write_text(signing_key_pem(answers["jwt_algorithm"]))
        (tmp_path / "previous.pem").write_text("")
        environment["JWT_SIGNING_KEY_FILE"] = str(tmp_path / "signing.pem")
        environment["JWT_PREVIOUS_VERIFYING_KEYS_FILE"] = str(tmp_path / "previous.pem")

    # The check connects to no database: the address of compose's own is enough.
    # Errors stop a server; test_bake.py holds the bake to the warnings too.
    command = [sys.executable, "manage.py", "check", "--deploy"]
    run(command, project, project_environment(**environment))


@pytest.mark.parametrize("name", ["postgresql"])
def test_every_image_compose_pulls_is_pinned_to_a_release(bake, name):
    services = yaml.safe_load((bake(**OPTION_SETS[name]) / "compose.yaml").read_text())["services"]

    images = [service["image"] for service in services.values() if "image" in service]

    # A release, not a line that moves: nginx and Redis name theirs x.y.z, PostgreSQL x.y.
    assert sorted(image.split(":")[0].rsplit("/", 1)[1] for image in images) == [
        "nginx",
        "postgres",
        "redis",
    ]
    for image in images:
        name, tag = image.rsplit("/", 1)[1].split(":")
        release = r"\d+\.\d+" if name == "postgres" else r"\d+\.\d+\.\d+"
        assert re.fullmatch(release, tag), image


def test_the_api_gets_a_role_of_its_own_that_owns_its_database_and_migrates_it(bake):
    """deploy/postgres-init.sh, run as compose.yaml's PostgreSQL runs it when its volume is new,
    against the machine's PostgreSQL (under a name of its own), then the bake migrated as that
    role."""
    require_postgres()
    require(
        shutil.which("psql") is not None,
        "psql is not installed: `apt-get install postgresql-client`",
    )
    project = bake(**OPTION_SETS["postgresql"])
    name = f"compose_api_{uuid.uuid4().hex[:8]}"
    server = {"PGHOST": POSTGRES_HOST, "PGPORT": str(POSTGRES_PORT), "POSTGRES_USER": "postgres"}

    def query(sql: str) -> str:
        return run(
            [
                "psql",
                "--tuples-only",
                "--no-align",
                "--dbname",
                "postgres",
                "--username",
                "postgres",
                "--command",
                sql,
            ],
            project,
            project_environment(**server),
        ).stdout.strip()

    run(
        ["sh", "deploy/postgres-init.sh"],
        project,
        project_environment(**server, DATABASE_USER=name, DATABASE_PASSWORD="a-password"),
    )
    try:
        assert (
            query(
                f"SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles "
                f"WHERE rolname = '{name}'"
            )
            == "f|f|f"
        )
        assert (
            query(f"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{name}'")
            == name
        )
        url = f"postgres://{name}:a-password@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"
        run(
            [sys.executable, "manage.py", "migrate", "--no-input"],
            project,
            project_environment(DATABASE_URL=url),
        )
    finally:
        query(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        query(f'DROP ROLE IF EXISTS "{name}"')


@pytest.mark.parametrize("name", ["HS512-JWT-keyword-long-lifetimes"])
def test_the_mail_worker_runs_beside_the_api_once_the_migrations_ran(bake, name):
    services = yaml.safe_load((bake(**OPTION_SETS[name]) / "compose.yaml").read_text())["services"]

    worker, migrate = services["worker"], services["migrate"]
    assert worker["command"] == ["python", "manage.py", "db_worker", "--no-reload"]
    # The API's image, settings and secrets (the anchor), its database and mail server.
    for key in ("build", "env_file", "environment", "secrets", "volumes"):
        assert worker.get(key) == migrate.get(key)
    assert worker["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert worker["restart"] == "unless-stopped"
