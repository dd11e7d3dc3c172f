"""compose.yaml read as Compose reads it, without running it (test_containers.py runs it): the
API's environment, `.env` as the bake wrote it and the variables compose.yaml fills in from it,
is one production starts with, or compose names what is missing before anything starts; and
every image it pulls is pinned."""

import re
import shutil
import stat
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

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


def api_environment(project: Path, files: dict[str, Path]) -> tuple[dict[str, str], set[str]]:
    """The environment compose.yaml gives the API (its `environment`, filled in from `.env`, and
    no `env_file`), each /run/secrets/ path replaced with the file compose.yaml mounts there (or
    `files`' file of that secret), and the variables it demands that `.env` does not hold."""
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    service = compose["services"]["app"]
    assert "env_file" not in service
    sources = {
        name: files.get(name, project / secret["file"])
        for name, secret in compose["secrets"].items()
    }
    mounted = {f"/run/secrets/{name}": str(sources[name]) for name in service["secrets"]}
    variables = dotenv(project)
    demanded: set[str] = set()
    environment = {}
    for name, value in service["environment"].items():
        value = interpolated(str(value), variables, demanded)
        environment[name] = mounted.get(value, value)
    return environment, demanded


@pytest.mark.parametrize("name", COMPOSE_SETS)
def test_the_api_of_compose_starts_or_compose_names_what_env_lacks(bake, name, tmp_path):
    answers = OPTION_SETS[name]
    project = bake(**answers)
    # The secret files the user writes: the SMTP server's URL (registration bakes); a public-key
    # bake's keys, which the local settings make on first start.
    (tmp_path / "email-url").write_text("smtp+tls://api:secret@smtp.example.com:587")
    files = {"email-url": tmp_path / "email-url"}
    if is_asymmetric(answers):
        (tmp_path / "signing.pem").write_text(signing_key_pem(answers["jwt_algorithm"]))
        (tmp_path / "previous.pem").write_text("")
        files |= {
            "jwt-signing-key": tmp_path / "signing.pem",
            "jwt-previous-verifying-keys": tmp_path / "previous.pem",
        }
    environment, demanded = api_environment(project, files)

    # What the user adds to .env, as compose asks: values of their own.
    supplied = {
        "DJANGO_FRONTEND_URL": "https://app.example.com",
        "DJANGO_DEFAULT_FROM_EMAIL": "api@example.com",
    }
    assert demanded <= set(supplied)
    environment |= {variable: supplied[variable] for variable in demanded}
    # Every secret is a file the API reads (the hook wrote them), none a value.
    assert "DJANGO_SECRET_KEY_FILE" in environment
    assert all(Path(environment[name]).is_file() for name in environment if name.endswith("_FILE"))

    # The check connects to no database: the address of compose's own is enough.
    # Errors stop a server; test_bake.py holds the bake to the warnings too.
    command = [sys.executable, "manage.py", "check", "--deploy"]
    run(command, project, project_environment(**environment))


# The secrets of the hook's .env (development's) and of the files it writes in deploy/secrets/.
DOTENV_SECRETS = ("DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", "POSTGRES_PASSWORD", "DATABASE_PASSWORD")
# Variables whose values are secrets: compose.yaml may name their files only (NAME_FILE).
SECRET_VARIABLES = (*DOTENV_SECRETS, "EMAIL_URL", "METRICS_TOKEN", "SENTRY_DSN")


@pytest.mark.parametrize("name", [*COMPOSE_SETS, "default"])
def test_compose_gives_no_container_a_secret_value_only_files(bake, name):
    """What `docker inspect` would show of any container (its environment, command, labels):
    compose.yaml filled in from .env holds no secret of the bake; each secret reaches its service
    as a file under /run/secrets/ that the hook wrote (or the user writes) and NAME_FILE names."""
    project = bake(**OPTION_SETS[name])
    text = (project / "compose.yaml").read_text()
    compose = yaml.safe_load(text)
    variables = dotenv(project)
    rendered = yaml.safe_dump(
        yaml.safe_load(interpolated(text, variables, demanded=set())), sort_keys=False
    )
    secrets = project / "deploy" / "secrets"
    values = {
        **{f"deploy/secrets/{path.name}": path.read_text() for path in secrets.iterdir()},
        **{f".env {name}": variables[name] for name in DOTENV_SECRETS if name in variables},
    }

    assert "deploy/secrets/django-secret-key" in values
    assert [where for where, value in values.items() if value in rendered] == []
    assert "${POSTGRES_PASSWORD" not in text
    assert "${DATABASE_PASSWORD" not in text
    for service_name, service in compose["services"].items():
        assert "env_file" not in service, service_name
        environment = service.get("environment", {})
        for variable in SECRET_VARIABLES:
            assert variable not in environment, (service_name, variable)
        assert urlsplit(str(environment.get("DATABASE_URL", ""))).password is None
        for variable, path in environment.items():
            if variable.endswith("_FILE"):
                secret = path.removeprefix("/run/secrets/")
                assert secret in service["secrets"], (service_name, variable)
                source = project / compose["secrets"][secret]["file"]
                # The user's to write: the mail server's URL; the local settings': the keys.
                assert source.is_file() or secret in USER_SECRETS, source
    if "db" in compose["services"]:
        db = compose["services"]["db"]["environment"]
        assert db["POSTGRES_PASSWORD_FILE"] == "/run/secrets/postgres-password"
        assert db["DATABASE_PASSWORD_FILE"] == "/run/secrets/database-password"
    # Generated fresh: readable by the containers once mounted, reached by nobody else, in no
    # commit and no image.
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o700
    for ignore in (".gitignore", ".dockerignore"):
        assert "deploy/secrets/" in (project / ignore).read_text().splitlines()


# Secret files compose.yaml mounts that no hook writes: the SMTP server's URL (the user's), a
# public-key bake's keys (the local settings make them on first start).
USER_SECRETS = ("email-url", "jwt-signing-key", "jwt-previous-verifying-keys")


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
    # The role's password: the file the hook wrote, which compose.yaml mounts in both services.
    password = project / "deploy" / "secrets" / "database-password"
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
        project_environment(**server, DATABASE_USER=name, DATABASE_PASSWORD_FILE=str(password)),
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
        # As compose.yaml's API connects: a URL without the password, the password from its file.
        url = f"postgres://{name}@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"
        environment = project_environment(DATABASE_URL=url, DATABASE_PASSWORD_FILE=str(password))
        run([sys.executable, "manage.py", "migrate", "--no-input"], project, environment)
        # The machine's PostgreSQL trusts loopback: the settings show the password is the file's.
        shell = "from django.db import connection; print(connection.settings_dict['PASSWORD'])"
        used = run([sys.executable, "manage.py", "shell", "-c", shell], project, environment)
        assert used.stdout.splitlines()[-1] == password.read_text()
    finally:
        query(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        query(f'DROP ROLE IF EXISTS "{name}"')
