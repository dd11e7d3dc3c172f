"""Finish the generated project: drop the files of options not chosen, write .env and
deploy/secrets/ with fresh secrets, print the next steps.

Standard library only: this runs under the user's cookiecutter, inside the new project directory.
"""

import json
import os
import secrets
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

# Rendered by cookiecutter as JSON, read back as data: no answer is ever pasted into code.
ANSWERS = json.loads(r"""{{ cookiecutter | tojson }}""")
# The decisions the answers make, named as the templates name them: local_extensions.py's
# `decisions` filter, the one place that derives them (a hook cannot import it when it runs).
DECISIONS = json.loads(r"""{{ cookiecutter | decisions | tojson }}""")

SECRET_GENERATORS: dict[str, Callable[[], str]] = {
    "DJANGO_SECRET_KEY": lambda: secrets.token_urlsafe(50),
    # 64 random bytes, 86 characters: long enough for HS512, whose hash is 64 bytes.
    "JWT_SIGNING_KEY": lambda: secrets.token_urlsafe(64),
    # compose.dev.yaml's PostgreSQL superuser.
    "POSTGRES_PASSWORD": lambda: secrets.token_urlsafe(32),
}
DOTENV_HEADER = "# Written with fresh secrets when the project was generated. Never commit it.\n"

# compose.yaml's secrets, apart from .env (development's): one file each in deploy/secrets/, each
# with a fresh value, kept by the rule beside it (as OPTIONAL_PATHS's). The directory is its
# owner's alone; the files in it are readable by anyone who reaches them, so that the
# containers' users (not the owner's uid) can read them once mounted.
SECRETS_DIRECTORY = "deploy/secrets"
COMPOSE_SECRETS_NOTE = (
    "compose.yaml's secrets are the files of deploy/secrets/, apart from .env: keep them out of"
    " sight and copies (docs/containers.md)."
)
SECRET_FILES: dict[str, tuple[str, Callable[[], str]]] = {
    "django-secret-key": ("docker", lambda: secrets.token_urlsafe(50)),
    # Public-key bakes sign with keys/signing.pem, which the local settings make.
    "jwt-signing-key": ("docker and not asymmetric", lambda: secrets.token_urlsafe(64)),
    "postgres-password": ("docker and postgresql", lambda: secrets.token_urlsafe(32)),
    "database-password": ("docker and postgresql", lambda: secrets.token_urlsafe(32)),
    "metrics-token": ("docker", lambda: secrets.token_urlsafe(32)),
}

# What each option adds: every file or folder that exists for some answers only, and the rule
# that keeps it: a decision's name, `not` before one, joined by `and` or `or`. A path given as
# `(rule, name)` is one version of a module: kept, it takes that name. `{slug}` is the project's
# package. Everything else is in every bake.
OPTIONAL_PATHS: dict[str, str | tuple[str, str]] = {
    # Public-key signing: key files, the JWKS, key rotation and verifier-only mode.
    "{slug}/tokens/backends.py": "asymmetric",
    "{slug}/tokens/keys.py": "asymmetric",
    "{slug}/tokens/signing_keys.py": ("asymmetric", "{slug}/tokens/signing.py"),
    "{slug}/tokens/key_source.py": "asymmetric",
    "config/settings/components/signing_keys.py": "asymmetric",
    # Or a shared secret (HMAC).
    "{slug}/tokens/signing_hmac.py": ("not asymmetric", "{slug}/tokens/signing.py"),
    "config/settings/components/signing_hmac.py": "not asymmetric",
    "{slug}/tokens/views/jwks.py": "asymmetric",
    "{slug}/tokens/verifier_urls.py": "asymmetric",
    "{slug}/urls_public_key.py": ("asymmetric", "{slug}/urls.py"),
    "{slug}/tokens/management/commands/rotate_jwt_key.py": "asymmetric",
    "tests/signing.py": "asymmetric",
    "tests/test_forged_tokens.py": "asymmetric",
    "tests/test_jwks.py": "asymmetric",
    "tests/test_key_rotation.py": "asymmetric",
    "tests/test_signing_keys.py": "asymmetric",
    "tests/test_verifier_only.py": "asymmetric",
    # simplejwt's stateless authentication class: stateless bakes, and verifier-only mode.
    "{slug}/tokens/stateless.py": "stateless_class",
    # Refresh token rotation, or its absence.
    "tests/test_token_rotation.py": "rotation",
    "tests/test_token_without_rotation.py": "not rotation",
    # Rotation that spends each refresh token in one transaction, and reuse detection; or
    # simplejwt's refresh.
    "{slug}/tokens/rotation.py": "detects_reuse",
    "{slug}/tokens/refresh_spent_once.py": ("detects_reuse", "{slug}/tokens/refresh.py"),
    "{slug}/tokens/refresh_simplejwt.py": ("not detects_reuse", "{slug}/tokens/refresh.py"),
    "tests/test_refresh_reuse.py": "detects_reuse",
    # The sessions of a user, one per family of refresh tokens: listed and ended under /api/.
    "{slug}/tokens/models.py": "detects_reuse",
    "{slug}/tokens/migrations": "detects_reuse",
    "{slug}/tokens/sessions.py": "detects_reuse",
    "{slug}/tokens/views/sessions.py": "detects_reuse",
    "tests/test_sessions.py": "detects_reuse",
    "{slug}/tokens/management/commands/flushexpiredsessions.py": "detects_reuse",
    # The refresh token in an httpOnly cookie, or both tokens in the body; the token endpoints
    # of each, and logout through the blacklist endpoint for header clients.
    "{slug}/tokens/transport_cookie.py": ("cookie", "{slug}/tokens/transport.py"),
    "{slug}/tokens/transport_header.py": ("not cookie", "{slug}/tokens/transport.py"),
    "{slug}/tokens/urls_cookie.py": ("cookie", "{slug}/tokens/urls.py"),
    "{slug}/tokens/urls_header.py": ("not cookie and not blacklist", "{slug}/tokens/urls.py"),
    "{slug}/tokens/urls_header_logout.py": ("header_logout", "{slug}/tokens/urls.py"),
    "{slug}/tokens/permissions.py": "cookie",
    "config/settings/components/cors.py": "cookie",
    # The example front end of cookie bakes (with the pages the mails link to, with sign-up);
    # where it is, for its CORS origin and the mails' links.
    "frontend/activate.html": "cookie and registration",
    "frontend/reset-password.html": "cookie and registration",
    "frontend/account.js": "cookie and registration",
    # What signing in asks: the password, and where users may have one, the second factor.
    "frontend/login_password.js": ("cookie and not totp", "frontend/login.js"),
    "frontend/login_second_factor.js": ("cookie and totp and not passkeys", "frontend/login.js"),
    "frontend/login_passkeys.js": ("cookie and passkeys", "frontend/login.js"),
    # The signed-in page's security section, where users may have a second factor: turn on the
    # authenticator app, renew the recovery codes; add, list and remove passkeys.
    "frontend/factors.js": "cookie and totp",
    "frontend/passkeys.js": "cookie and passkeys",
    "frontend": "cookie",
    "config/settings/components/frontend.py": "cookie or registration or passkeys",
    "{slug}/tokens/views/cookie.py": "cookie",
    "{slug}/tokens/views/logout_cookie.py": (
        "cookie and not blacklist",
        "{slug}/tokens/views/logout.py",
    ),
    "{slug}/tokens/views/logout_cookie_blacklist.py": (
        "cookie and blacklist",
        "{slug}/tokens/views/logout.py",
    ),
    "tests/test_refresh_cookie.py": "cookie",
    # The app's own views: the JWKS, the cookie endpoints, the sessions (after its files: it
    # holds them).
    "{slug}/tokens/views": "asymmetric or cookie or detects_reuse",
    # Logout through the blacklist endpoint; logging out everywhere blacklists every token.
    "tests/test_logout.py": "header_logout",
    # Revocation, under the user's row lock (rotation, logout everywhere).
    "{slug}/tokens/revocation.py": "blacklist",
    "{slug}/users/logout.py": "blacklist",
    "config/settings/components/blacklist.py": "blacklist",
    "tests/test_logout_everywhere.py": "blacklist",
    "tests/test_token_housekeeping.py": "blacklist",
    # PostgreSQL: migrate under an advisory lock, check kept connections without a round trip.
    # SQLite: a database file for its owner only.
    "{slug}/database/apps.py": "postgresql",
    "{slug}/database/management": "postgresql",
    "{slug}/database/postgresql": "postgresql",
    "tests/test_database_health_check.py": "postgresql",
    "{slug}/database/sqlite3": "not postgresql",
    "config/settings/components/database_postgresql.py": "postgresql",
    "config/settings/components/database_sqlite.py": "not postgresql",
    "tests/test_sqlite_file.py": "not postgresql",
    "tests/test_migrate_lock.py": "postgresql",
    # Stateless authentication, or the user lookup it replaces.
    "{slug}/tokens/claims_stateless.py": ("stateless", "{slug}/tokens/claims.py"),
    "tests/test_stateless_auth.py": "stateless",
    "tests/test_user_lookup.py": "not stateless",
    # Users log in with their email address, or with a username.
    "{slug}/users/managers_email.py": ("email_login", "{slug}/users/managers.py"),
    "{slug}/users/admin_email.py": ("email_login", "{slug}/users/admin.py"),
    "{slug}/users/migrations/0001_initial_email.py": (
        "email_login",
        "{slug}/users/migrations/0001_initial.py",
    ),
    "tests/test_email_login.py": "email_login",
    # The user model by login field and sign-up, and the account's fields (with sign-up by
    # username the email address is read-only: resets are mailed to it).
    "{slug}/users/models_username_registration.py": (
        "registration and not email_login",
        "{slug}/users/models.py",
    ),
    "{slug}/users/models_email.py": ("email_login", "{slug}/users/models.py"),
    "{slug}/users/account_username_registration.py": (
        "registration and not email_login",
        "{slug}/users/account.py",
    ),
    "{slug}/users/account_email.py": ("email_login", "{slug}/users/account.py"),
    # The account endpoints: logging out everywhere with the blacklist, sign-up with registration.
    "{slug}/users/urls_account.py": ("not blacklist and not registration", "{slug}/users/urls.py"),
    "{slug}/users/urls_account_logout.py": (
        "blacklist and not registration",
        "{slug}/users/urls.py",
    ),
    "{slug}/users/urls_registration.py": (
        "registration and not blacklist",
        "{slug}/users/urls.py",
    ),
    "{slug}/users/urls_registration_logout.py": (
        "registration and blacklist",
        "{slug}/users/urls.py",
    ),
    # An address's one form, where it names one account: the login, or where resets go.
    "{slug}/users/addresses.py": "email_login or registration",
    # Sign-up with email activation, and password reset by email. (The field 0002 added is
    # gone since 0003: sign-ups wait in a table of their own, registration's SignUp.)
    "{slug}/users/migrations/0002_user_pending_activation.py": "registration",
    "{slug}/users/migrations/0003_accounts_by_link_email.py": (
        "registration and email_login",
        "{slug}/users/migrations/0003_accounts_by_link.py",
    ),
    "{slug}/users/migrations/0003_accounts_by_link_username.py": (
        "registration and not email_login",
        "{slug}/users/migrations/0003_accounts_by_link.py",
    ),
    # With sign-up by username, the manager that keeps the address in its one form.
    "{slug}/users/migrations/0004_user_manager.py": "registration and not email_login",
    "{slug}/users/registration/signup_email.py": (
        "registration and email_login",
        "{slug}/users/registration/signup.py",
    ),
    "{slug}/users/registration/signup_username.py": (
        "registration and not email_login",
        "{slug}/users/registration/signup.py",
    ),
    "{slug}/users/registration": "registration",
    "config/settings/components/registration.py": "registration",
    "{slug}/users/templates/users/email/username_taken.txt": "registration and not email_login",
    "{slug}/users/templates": "registration",
    "tests/test_registration.py": "registration",
    "tests/test_registration_attacks.py": "registration",
    # A second factor: TOTP and recovery codes, and the login step that asks for them.
    "{slug}/factors": "totp",
    "config/settings/components/factors.py": "totp",
    "tests/test_second_factor.py": "totp",
    "tests/second_factor.py": "totp",
    "docs/second-factor.md": "totp",
    # Passkeys (WebAuthn): a second factor, and login without a password.
    "{slug}/passkeys": "passkeys",
    "config/settings/components/passkeys.py": "passkeys",
    "tests/webauthn_authenticator.py": "passkeys",
    "tests/test_passkeys.py": "passkeys",
    "docs/passkeys.md": "passkeys",
    # The container image and the stack around it.
    "Dockerfile": "docker",
    ".dockerignore": "docker",
    "compose.yaml": "docker",
    "deploy/postgres-init.sh": "docker and postgresql",
    "compose.dev.yaml": "docker",
    "config/settings/build.py": "docker",
    "config/healthcheck.py": "docker",
    # The documentation pages of one option each (README.md links them where they apply).
    "docs/signing-keys.md": "asymmetric",
    "docs/browser-clients.md": "cookie",
    "docs/stateless.md": "stateless",
    "docs/registration.md": "registration",
    "docs/containers.md": "docker",
    # The generated tests of one option's value each, split out of modules every bake has.
    "tests/test_hmac_tokens.py": "not asymmetric",
    "tests/test_public_key_tokens.py": "asymmetric",
    "tests/test_rsa_tokens.py": "rsa",
    "tests/cookie_transport.py": "cookie",
    "tests/header_transport.py": "not cookie",
    "tests/test_refresh_body.py": "not cookie",
    "tests/test_cookie_revocation.py": "cookie and blacklist",
    "tests/test_token_rotation_without_blacklist.py": "rotation and not blacklist",
    "tests/test_account_stateless.py": "stateless",
    "tests/test_account_user_lookup.py": "not stateless",
    "tests/test_account_email_address.py": "not email_login and not registration",
    "tests/registration.py": "registration",
    "tests/test_registration_stateless.py": "registration and stateless",
    "tests/test_registration_user_lookup.py": "registration and not stateless",
    "tests/test_registration_username.py": "registration and not email_login",
    "tests/test_email_login_postgresql.py": "email_login and postgresql",
    "tests/addresses.py": "email_login or registration",
    "tests/test_email_addresses.py": "email_login or registration",
    "tests/test_schema_bearer.py": "bearer",
    "tests/test_schema_jwt_keyword.py": "not bearer",
}


def holds(rule: str, decisions: dict[str, bool]) -> bool:
    """Whether `rule` (decision names, each maybe after `not`, joined by `and`, then `or`)
    holds for these decisions. An unknown name is a KeyError: a typo never keeps a file."""

    def term(name: str) -> bool:
        negated = name.startswith("not ")
        return decisions[name.removeprefix("not ")] is not negated

    return any(
        all(term(name) for name in alternative.split(" and "))
        for alternative in rule.split(" or ")
    )


def remove_unchosen(project: Path, slug: str, decisions: dict[str, bool]) -> None:
    """Delete every optional path these decisions do not keep; give each module version kept
    its module's name."""
    for pattern, choice in OPTIONAL_PATHS.items():
        rule, name = choice if isinstance(choice, tuple) else (choice, None)
        path = project / pattern.format(slug=slug)
        if holds(rule, decisions):
            if name is not None:
                path.rename(project / name.format(slug=slug))
        elif path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def dotenv_from_example(example: str) -> str:
    """.env.example's text with a fresh random value for every secret it lists."""
    lines = []
    for line in example.splitlines():
        name, equals, _ = line.partition("=")
        if equals and name in SECRET_GENERATORS:
            line = f"{name}={SECRET_GENERATORS[name]()}"
        lines.append(line)
    return DOTENV_HEADER + "\n".join(lines) + "\n"


def write_dotenv(project: Path) -> None:
    text = dotenv_from_example((project / ".env.example").read_text(encoding="utf-8"))
    # Readable by its owner only: it holds the signing keys.
    descriptor = os.open(project / ".env", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", encoding="utf-8") as dotenv:
        dotenv.write(text)


def write_secret_files(project: Path, decisions: dict[str, bool]) -> None:
    """deploy/secrets/, its owner's only, with a file of a fresh value for each secret these
    decisions keep (none: no directory). No final line break: the whole file is the value."""
    kept = {name: make for name, (rule, make) in SECRET_FILES.items() if holds(rule, decisions)}
    if not kept:
        return
    directory = project / SECRETS_DIRECTORY
    directory.mkdir(mode=0o700, parents=True)
    directory.chmod(0o700)
    for name, make in kept.items():
        descriptor = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.fchmod(descriptor, 0o644)
        with open(descriptor, "w", encoding="utf-8") as secret:
            secret.write(make())


def next_steps(project: Path, database: str, uv: bool, registration: bool) -> str:
    """Where the project is and the commands that test it and serve it (README.md has the rest):
    with uv if it is installed (`uv run` makes the environment from uv.lock first), else with
    pip; a PostgreSQL bake creates the database .env names before `migrate`; with registration,
    the mail worker runs beside the server."""
    if uv:
        title, run = "Next steps:", "uv run "
        install = []
    else:
        title, run = (
            "Next steps (uv installs the tested versions of uv.lock: https://docs.astral.sh/uv/;"
            " without it, pip 25.1 or newer):",
            "",
        )
        install = [
            "python3 -m venv .venv && . .venv/bin/activate",
            "python -m pip install --upgrade pip && python -m pip install -e . --group dev",
        ]
    create_database = (
        [f"createdb -h 127.0.0.1 -U postgres {project.name}   # the database .env names"]
        if database == "postgresql"
        else []
    )
    lines = [
        f"cd {shlex.quote(str(project))}",
        *install,
        f"{run}pytest",
        *create_database,
        f"{run}python manage.py migrate && {run}python manage.py runserver",
    ]
    if registration:
        worker = f"{run}python manage.py db_worker"
        lines.append(f"{worker}   # in another terminal: it sends the mails")
    return title + "\n" + "".join(f"  {line}\n" for line in lines)


def main(answers: dict, decisions: dict[str, bool], project: Path) -> None:
    remove_unchosen(project, answers["project_slug"], decisions)
    write_dotenv(project)
    write_secret_files(project, decisions)
    uv = shutil.which("uv") is not None
    print(next_steps(project, answers["database"], uv, decisions["registration"]), end="")
    if decisions["docker"]:
        print(COMPOSE_SECRETS_NOTE)


if __name__ == "__main__":
    main(ANSWERS, DECISIONS, Path.cwd())
