"""Bake every option set and use the result as its user would: lint, check, migrate, test."""

import os
import re
import stat
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from bakery import FUZZED_OPTION_SETS, OPTION_SETS, WORKFLOW_SETS, option_sets
from harness.answers import is_asymmetric
from harness.commands import assert_suite_passed, run
from harness.deployment import production_environment
from harness.environments import project_environment
from harness.paths import TEMPLATE
from harness.project_code import signing_key_pem
from harness.workflow import workflow_commands

TEXT_SUFFIXES = {
    ".py",
    ".toml",
    ".md",
    ".txt",
    ".cfg",
    ".example",
    ".gitignore",
    ".html",
    ".yml",
    ".yaml",
    ".lock",
    "",
}
TEMPLATE_TAG = re.compile(r"\{\{-?\s*cookiecutter|\{%|%\}")
# Django's own templates (the mails of sign-up and reset), copied unrendered: their `{% block %}`
# tags are Django's; only a cookiecutter variable would be a leftover there.
DJANGO_TEMPLATE_TAG = re.compile(r"\{\{-?\s*cookiecutter")


def cookie(answers: dict) -> bool:
    return answers.get("token_transport") == "cookie"


def postgresql(answers: dict) -> bool:
    return answers.get("database") == "postgresql"


def sqlite(answers: dict) -> bool:
    return answers.get("database", "sqlite") == "sqlite"


def detects_reuse(answers: dict) -> bool:
    return answers.get("rotate_refresh_tokens", True) and answers.get(
        "blacklist_after_rotation", True
    )


def blacklist(answers: dict) -> bool:
    return answers.get("blacklist_after_rotation", True)


def stateless(answers: dict) -> bool:
    return answers.get("stateless_auth", False)


def registration(answers: dict) -> bool:
    return answers.get("registration", False)


def docker(answers: dict) -> bool:
    return answers.get("docker", True)


def totp(answers: dict) -> bool:
    return answers.get("second_factor", "none") != "none"


def passkeys(answers: dict) -> bool:
    return answers.get("second_factor", "none") == "totp_and_passkeys"


def email_login(answers: dict) -> bool:
    return answers.get("login_field") == "email"


# Restated here on purpose, apart from the post-gen hook's OPTIONAL_PATHS: the files (or folders)
# that only some answers keep. Any template file not named here must be in every bake.
OPTIONAL_FILES = {
    "subscribers_api/tokens/backends.py": is_asymmetric,
    "subscribers_api/tokens/keys.py": is_asymmetric,
    "subscribers_api/tokens/key_source.py": is_asymmetric,
    "config/settings/components/signing_keys.py": is_asymmetric,
    "config/settings/components/signing_hmac.py": lambda answers: not is_asymmetric(answers),
    "config/settings/components/cors.py": cookie,
    "frontend/activate.html": lambda answers: cookie(answers) and registration(answers),
    "frontend/reset-password.html": lambda answers: cookie(answers) and registration(answers),
    "frontend/account.js": lambda answers: cookie(answers) and registration(answers),
    "frontend/factors.js": lambda answers: cookie(answers) and totp(answers),
    "frontend/passkeys.js": lambda answers: cookie(answers) and passkeys(answers),
    "frontend": cookie,
    "config/settings/components/frontend.py": lambda answers: (
        cookie(answers) or registration(answers) or passkeys(answers)
    ),
    "config/settings/components/database_postgresql.py": postgresql,
    "config/settings/components/database_sqlite.py": sqlite,
    "config/settings/components/registration.py": registration,
    "subscribers_api/tokens/views/jwks.py": is_asymmetric,
    "subscribers_api/tokens/management/commands/rotate_jwt_key.py": is_asymmetric,
    "tests/signing.py": is_asymmetric,
    "tests/test_forged_tokens.py": is_asymmetric,
    "tests/test_jwks.py": is_asymmetric,
    "tests/test_key_rotation.py": is_asymmetric,
    "tests/test_signing_keys.py": is_asymmetric,
    "tests/test_verifier_only.py": is_asymmetric,
    "tests/test_token_rotation.py": lambda answers: answers.get("rotate_refresh_tokens", True),
    "tests/test_token_without_rotation.py": lambda answers: (
        not answers.get("rotate_refresh_tokens", True)
    ),
    "subscribers_api/tokens/rotation.py": detects_reuse,
    "subscribers_api/tokens/management/commands/flushexpiredsessions.py": detects_reuse,
    "tests/test_refresh_reuse.py": detects_reuse,
    "subscribers_api/tokens/models.py": detects_reuse,
    "subscribers_api/tokens/migrations": detects_reuse,
    "subscribers_api/tokens/sessions.py": detects_reuse,
    "subscribers_api/tokens/views/sessions.py": detects_reuse,
    "tests/test_sessions.py": detects_reuse,
    "subscribers_api/factors": totp,
    "config/settings/components/factors.py": totp,
    "tests/test_second_factor.py": totp,
    "tests/second_factor.py": totp,
    "docs/second-factor.md": totp,
    "subscribers_api/passkeys": passkeys,
    "config/settings/components/passkeys.py": passkeys,
    "tests/webauthn_authenticator.py": passkeys,
    "tests/test_passkeys.py": passkeys,
    "docs/passkeys.md": passkeys,
    "tests/test_logout.py": lambda answers: (
        answers.get("blacklist_after_rotation", True)
        and answers.get("token_transport", "header") == "header"
    ),
    "subscribers_api/tokens/permissions.py": cookie,
    "subscribers_api/tokens/views/cookie.py": cookie,
    "subscribers_api/tokens/verifier_urls.py": is_asymmetric,
    "subscribers_api/tokens/views": lambda answers: (
        is_asymmetric(answers) or cookie(answers) or detects_reuse(answers)
    ),
    "tests/test_refresh_cookie.py": lambda answers: answers.get("token_transport") == "cookie",
    "subscribers_api/database/apps.py": postgresql,
    "subscribers_api/database/management": postgresql,
    "subscribers_api/database/postgresql": postgresql,
    "subscribers_api/database/sqlite3": sqlite,
    "tests/test_sqlite_file.py": sqlite,
    "tests/test_migrate_lock.py": lambda answers: answers.get("database") == "postgresql",
    "tests/test_database_health_check.py": postgresql,
    "subscribers_api/tokens/stateless.py": lambda answers: (
        stateless(answers) or is_asymmetric(answers)
    ),
    "tests/test_stateless_auth.py": stateless,
    "tests/test_user_lookup.py": lambda answers: not stateless(answers),
    "tests/test_email_login.py": lambda answers: answers.get("login_field") == "email",
    "subscribers_api/tokens/revocation.py": blacklist,
    "subscribers_api/users/addresses.py": lambda answers: (
        email_login(answers) or registration(answers)
    ),
    "subscribers_api/users/migrations/0002_user_pending_activation.py": registration,
    "subscribers_api/users/migrations/0004_user_manager.py": lambda answers: (
        registration(answers) and not email_login(answers)
    ),
    "subscribers_api/users/logout.py": blacklist,
    "config/settings/components/blacklist.py": blacklist,
    "tests/test_logout_everywhere.py": blacklist,
    "tests/test_token_housekeeping.py": blacklist,
    "subscribers_api/users/registration": registration,
    "subscribers_api/users/templates/users/email/username_taken.txt": lambda answers: (
        registration(answers) and answers.get("login_field", "username") == "username"
    ),
    "subscribers_api/users/templates": registration,
    "tests/test_registration.py": registration,
    "tests/test_registration_attacks.py": registration,
    "Dockerfile": docker,
    ".dockerignore": docker,
    "compose.yaml": docker,
    "deploy/postgres-init.sh": lambda answers: (
        docker(answers) and answers.get("database") == "postgresql"
    ),
    "compose.dev.yaml": docker,
    "config/settings/build.py": docker,
    "config/healthcheck.py": docker,
    # The documentation pages of one option each.
    "docs/signing-keys.md": is_asymmetric,
    "docs/browser-clients.md": cookie,
    "docs/stateless.md": stateless,
    "docs/registration.md": registration,
    "docs/containers.md": docker,
    # The generated tests of one option's value each.
    "tests/test_hmac_tokens.py": lambda answers: not is_asymmetric(answers),
    "tests/test_public_key_tokens.py": is_asymmetric,
    "tests/test_rsa_tokens.py": lambda answers: (
        answers.get("jwt_algorithm", "HS256")[:2] in ("RS", "PS")
    ),
    "tests/cookie_transport.py": cookie,
    "tests/header_transport.py": lambda answers: not cookie(answers),
    "tests/test_refresh_body.py": lambda answers: not cookie(answers),
    "tests/test_cookie_revocation.py": lambda answers: cookie(answers) and blacklist(answers),
    "tests/test_token_rotation_without_blacklist.py": lambda answers: (
        answers.get("rotate_refresh_tokens", True) and not blacklist(answers)
    ),
    "tests/test_account_stateless.py": stateless,
    "tests/test_account_user_lookup.py": lambda answers: not stateless(answers),
    "tests/test_account_email_address.py": lambda answers: (
        answers.get("login_field", "username") == "username" and not registration(answers)
    ),
    "tests/registration.py": registration,
    "tests/test_registration_stateless.py": lambda answers: (
        registration(answers) and stateless(answers)
    ),
    "tests/test_registration_user_lookup.py": lambda answers: (
        registration(answers) and not stateless(answers)
    ),
    "tests/test_registration_username.py": lambda answers: (
        registration(answers) and answers.get("login_field", "username") == "username"
    ),
    "tests/test_email_login_postgresql.py": lambda answers: (
        answers.get("login_field") == "email" and postgresql(answers)
    ),
    "tests/addresses.py": lambda answers: email_login(answers) or registration(answers),
    "tests/test_email_addresses.py": lambda answers: email_login(answers) or registration(answers),
    "tests/test_schema_bearer.py": lambda answers: (
        answers.get("auth_header_type", "Bearer") == "Bearer"
    ),
    "tests/test_schema_jwt_keyword.py": lambda answers: answers.get("auth_header_type") == "JWT",
}
# Modules with versions: each version's template file, the answers that pick it, and the module
# it becomes. A module that is in the template too is the version kept when none is picked.
MODULE_VERSIONS = {
    "subscribers_api/tokens/signing_keys.py": (is_asymmetric, "subscribers_api/tokens/signing.py"),
    "subscribers_api/tokens/signing_hmac.py": (
        lambda answers: not is_asymmetric(answers),
        "subscribers_api/tokens/signing.py",
    ),
    "subscribers_api/urls_public_key.py": (is_asymmetric, "subscribers_api/urls.py"),
    "subscribers_api/tokens/transport_cookie.py": (cookie, "subscribers_api/tokens/transport.py"),
    "subscribers_api/tokens/transport_header.py": (
        lambda answers: not cookie(answers),
        "subscribers_api/tokens/transport.py",
    ),
    "subscribers_api/tokens/urls_cookie.py": (cookie, "subscribers_api/tokens/urls.py"),
    "subscribers_api/tokens/urls_header.py": (
        lambda answers: not cookie(answers) and not blacklist(answers),
        "subscribers_api/tokens/urls.py",
    ),
    "subscribers_api/tokens/urls_header_logout.py": (
        lambda answers: not cookie(answers) and blacklist(answers),
        "subscribers_api/tokens/urls.py",
    ),
    "subscribers_api/tokens/views/logout_cookie.py": (
        lambda answers: cookie(answers) and not blacklist(answers),
        "subscribers_api/tokens/views/logout.py",
    ),
    "subscribers_api/tokens/views/logout_cookie_blacklist.py": (
        lambda answers: cookie(answers) and blacklist(answers),
        "subscribers_api/tokens/views/logout.py",
    ),
    "subscribers_api/tokens/refresh_spent_once.py": (
        detects_reuse,
        "subscribers_api/tokens/refresh.py",
    ),
    "subscribers_api/tokens/refresh_simplejwt.py": (
        lambda answers: not detects_reuse(answers),
        "subscribers_api/tokens/refresh.py",
    ),
    "subscribers_api/tokens/claims_stateless.py": (stateless, "subscribers_api/tokens/claims.py"),
    "frontend/login_password.js": (
        lambda answers: cookie(answers) and not totp(answers),
        "frontend/login.js",
    ),
    "frontend/login_second_factor.js": (
        lambda answers: cookie(answers) and totp(answers) and not passkeys(answers),
        "frontend/login.js",
    ),
    "frontend/login_passkeys.js": (
        lambda answers: cookie(answers) and passkeys(answers),
        "frontend/login.js",
    ),
    "subscribers_api/users/admin_email.py": (email_login, "subscribers_api/users/admin.py"),
    "subscribers_api/users/migrations/0001_initial_email.py": (
        email_login,
        "subscribers_api/users/migrations/0001_initial.py",
    ),
    "subscribers_api/users/models_username_registration.py": (
        lambda answers: registration(answers) and not email_login(answers),
        "subscribers_api/users/models.py",
    ),
    "subscribers_api/users/models_email.py": (email_login, "subscribers_api/users/models.py"),
    "subscribers_api/users/managers_email.py": (email_login, "subscribers_api/users/managers.py"),
    "subscribers_api/users/migrations/0003_accounts_by_link_email.py": (
        lambda answers: registration(answers) and email_login(answers),
        "subscribers_api/users/migrations/0003_accounts_by_link.py",
    ),
    "subscribers_api/users/migrations/0003_accounts_by_link_username.py": (
        lambda answers: registration(answers) and not email_login(answers),
        "subscribers_api/users/migrations/0003_accounts_by_link.py",
    ),
    "subscribers_api/users/account_username_registration.py": (
        lambda answers: registration(answers) and not email_login(answers),
        "subscribers_api/users/account.py",
    ),
    "subscribers_api/users/account_email.py": (email_login, "subscribers_api/users/account.py"),
    "subscribers_api/users/urls_account.py": (
        lambda answers: not blacklist(answers) and not registration(answers),
        "subscribers_api/users/urls.py",
    ),
    "subscribers_api/users/urls_account_logout.py": (
        lambda answers: blacklist(answers) and not registration(answers),
        "subscribers_api/users/urls.py",
    ),
    "subscribers_api/users/urls_registration.py": (
        lambda answers: registration(answers) and not blacklist(answers),
        "subscribers_api/users/urls.py",
    ),
    "subscribers_api/users/urls_registration_logout.py": (
        lambda answers: registration(answers) and blacklist(answers),
        "subscribers_api/users/urls.py",
    ),
    "subscribers_api/users/registration/signup_email.py": (
        lambda answers: registration(answers) and email_login(answers),
        "subscribers_api/users/registration/signup.py",
    ),
    "subscribers_api/users/registration/signup_username.py": (
        lambda answers: registration(answers) and not email_login(answers),
        "subscribers_api/users/registration/signup.py",
    ),
}
TEMPLATE_PROJECT = TEMPLATE / "{{cookiecutter.project_slug}}"
PACKAGE = "{{cookiecutter.project_slug}}"


def template_files() -> set[str]:
    """Every file of the project template, as a bake named subscribers_api would place it."""
    return {
        str(path.relative_to(TEMPLATE_PROJECT)).replace(
            "{{cookiecutter.project_slug}}", "subscribers_api"
        )
        for path in TEMPLATE_PROJECT.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


# Every test runs once per option set; the tests of one set share a worker and so one bake.
every_option_set = pytest.mark.parametrize("answers", option_sets(OPTION_SETS), indirect=True)
# The lint, type-check and test suite of the bake's CI workflow run here for the option sets whose
# workflow test_fresh_environment.py does not run (it runs them in a new user's environment, on
# two Pythons, for the others).
option_sets_without_workflow_run = pytest.mark.parametrize(
    "answers",
    option_sets(name for name in OPTION_SETS if name not in WORKFLOW_SETS),
    indirect=True,
)


@pytest.fixture
def environment(answers, postgres_database) -> dict[str, str]:
    """The environment to run the project's commands in: a fresh database for PostgreSQL bakes."""
    if answers.get("database") == "postgresql":
        return project_environment(DATABASE_URL=postgres_database())
    return project_environment()


def text_files(project: Path):
    for path in project.rglob("*"):
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name.startswith(".")):
            yield path


@every_option_set
def test_no_template_tags_are_left(project):
    leftovers = [
        str(path.relative_to(project))
        for path in text_files(project)
        if (
            DJANGO_TEMPLATE_TAG if "templates" in path.relative_to(project).parts else TEMPLATE_TAG
        ).search(path.read_text(encoding="utf-8"))
    ]
    assert leftovers == []


@every_option_set
def test_only_the_files_of_chosen_options_exist(project, answers):
    def kept(path: str) -> bool:
        return all(
            wanted(answers)
            for optional, wanted in OPTIONAL_FILES.items()
            if path == optional or path.startswith(f"{optional}/")
        )

    chosen = {
        module: version
        for version, (picked, module) in MODULE_VERSIONS.items()
        if picked(answers) and kept(version)
    }
    expected = {path for path in template_files() - MODULE_VERSIONS.keys() if kept(path)}
    expected |= chosen.keys()
    possible = template_files() | {module for _, module in MODULE_VERSIONS.values()}
    baked = {path for path in possible if (project / path).is_file()}
    assert baked == expected
    # Each module with versions is the version these answers pick, as the template has it: the
    # versions are plain Python, nothing in them is rendered.
    for module, source in chosen.items():
        version_text = (
            TEMPLATE_PROJECT / source.replace("subscribers_api", PACKAGE, 1)
        ).read_text()
        assert (project / module).read_text() == version_text, module


@option_sets_without_workflow_run
def test_ruff_finds_nothing_to_fix(project):
    run(["ruff", "check", "--no-cache", "."], project)
    run(["ruff", "format", "--check", "--no-cache", "."], project)


@option_sets_without_workflow_run
def test_mypy_finds_no_type_errors(project, mypy_cache):
    run([sys.executable, "-m", "mypy", "--cache-dir", str(mypy_cache), "."], project)


@every_option_set
def test_django_checks_pass_and_migrations_are_complete(project, environment):
    def manage(*args: str) -> None:
        run([sys.executable, "manage.py", *args], project, environment)

    manage("check", "--fail-level", "WARNING")
    manage("migrate", "--no-input")
    manage("makemigrations", "--check", "--dry-run")
    manage("spectacular", "--validate", "--fail-on-warn", "--file", os.devnull)


@every_option_set
def test_production_settings_pass_the_deploy_check(project, environment, answers, tmp_path):
    variables = {
        "DJANGO_ALLOWED_HOSTS": "api.example.com",
        "DATABASE_URL": environment.get("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}"),
    }
    if is_asymmetric(answers):
        variables["JWT_SIGNING_KEY"] = signing_key_pem(answers["jwt_algorithm"])
    run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        project,
        production_environment(answers, **variables),
    )


@option_sets_without_workflow_run
def test_own_test_suite_passes(project, environment, answers):
    # The schema fuzz (deselected by default in a bake) runs too for one bake of each set of API
    # operations: the signing algorithm, say, changes none of them.
    fuzzed = answers in [OPTION_SETS[name] for name in FUZZED_OPTION_SETS]
    markers = ["-m", "fuzz or not fuzz"] if fuzzed else []
    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *markers],
        project,
        environment,
    )

    assert_suite_passed(result.stdout)
    if fuzzed:
        # schemathesis reports each API operation it fuzzed as a subtest.
        assert "subtests passed" in result.stdout.strip().splitlines()[-1], result.stdout


@every_option_set
def test_dotenv_holds_long_distinct_secrets_for_its_owner_only(project, answers):
    dotenv = dict(
        line.split("=", 1)
        for line in (project / ".env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert len(dotenv["DJANGO_SECRET_KEY"]) >= 50
    if is_asymmetric(answers):
        # The private key is made by local settings on first start, not written here.
        assert "JWT_SIGNING_KEY" not in dotenv
    else:
        assert len(dotenv["JWT_SIGNING_KEY"]) >= 64
        assert dotenv["DJANGO_SECRET_KEY"] != dotenv["JWT_SIGNING_KEY"]
    assert "change-me" not in dotenv.values()
    assert stat.S_IMODE((project / ".env").stat().st_mode) == 0o600
    assert ".env" in (project / ".gitignore").read_text().splitlines()


@every_option_set
def test_local_settings_make_a_private_signing_key_on_first_start(project, answers, tmp_path):
    if not is_asymmetric(answers):
        assert "keys/" not in (project / ".gitignore").read_text().splitlines()
        return
    keys = tmp_path / "keys"
    environment = project_environment(
        JWT_SIGNING_KEY_FILE=str(keys / "signing.pem"),
        JWT_PREVIOUS_VERIFYING_KEYS_FILE=str(keys / "previous.pem"),
    )

    run([sys.executable, "manage.py", "check"], project, environment)
    first = (keys / "signing.pem").read_text()
    run([sys.executable, "manage.py", "check"], project, environment)

    assert first.startswith("-----BEGIN PRIVATE KEY-----")
    assert (keys / "signing.pem").read_text() == first
    assert stat.S_IMODE((keys / "signing.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    assert "keys/" in (project / ".gitignore").read_text().splitlines()


@every_option_set
def test_env_example_documents_every_variable_the_settings_read(project):
    documented = {
        line.lstrip("# ").split("=", 1)[0]
        for line in (project / ".env.example").read_text().splitlines()
        if "=" in line and line.lstrip("# ")[:1].isupper()
    }
    settings = "\n".join(p.read_text() for p in (project / "config" / "settings").rglob("*.py"))
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings))
    read |= set(
        re.findall(r'"(GUNICORN_[A-Z_]+)"', (project / "config" / "gunicorn.py").read_text())
    )
    assert read, "no environment variables found in the settings"
    assert read <= documented


@every_option_set
def test_dependencies_are_what_the_template_tests_run_with(project):
    """The packages these tests ran the bake with satisfy the bake's own pyproject.toml."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    requirements = pyproject["project"]["dependencies"] + pyproject["dependency-groups"]["dev"]
    # Requirements for other Pythons (Django 6 for 3.12 and newer) do not apply here.
    applicable = [
        requirement
        for requirement in map(Requirement, requirements)
        if requirement.marker is None or requirement.marker.evaluate()
    ]
    unmet = [
        str(requirement)
        for requirement in applicable
        if not requirement.specifier.contains(Version(version(requirement.name)), prereleases=True)
    ]
    assert unmet == []


# A release of each package with a published advisory that a later release fixes; the bake's
# floors (their comments name the advisories) must exclude it.
VULNERABLE_RELEASES = {
    "django": ("5.2.16", "6.0.7"),  # CVE-2026-15307 and three others: 5.2.17, 6.0.8
    "djangorestframework": ("3.17.1",),  # CVE-2026-73228, CVE-2026-73229: 3.17.2
    "djangorestframework-simplejwt": ("5.5.0",),  # CVE-2024-22513: 5.5.1
    "pyjwt": ("2.12.1",),  # CVE-2026-48522 to CVE-2026-48526: 2.13.0
    "cryptography": ("49.0.0",),  # CVE-2026-69247: 50.0.0
}


@every_option_set
def test_dependency_floors_exclude_releases_with_known_advisories(project, answers):
    requirements = [
        Requirement(line)
        for line in tomllib.loads((project / "pyproject.toml").read_text())["project"][
            "dependencies"
        ]
    ]
    admitted = [
        f"{requirement} admits {release}"
        for requirement in requirements
        for release in VULNERABLE_RELEASES.get(requirement.name.lower(), ())
        if requirement.specifier.contains(release)
    ]
    assert admitted == []
    # Public-key bakes depend on cryptography: its floor is theirs to set.
    names = {requirement.name.lower() for requirement in requirements}
    assert ("cryptography" in names) == is_asymmetric(answers)


@every_option_set
def test_ci_audits_the_installed_packages_first(project):
    install, audit, *_ = workflow_commands(project)

    assert install == "uv sync --locked"
    assert audit.startswith("uvx pip-audit --strict ")
