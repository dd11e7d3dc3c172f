"""Finish the generated project: drop the files of options not chosen, write .env with secrets,
print the next steps.

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

SECRET_GENERATORS: dict[str, Callable[[], str]] = {
    "DJANGO_SECRET_KEY": lambda: secrets.token_urlsafe(50),
    # 64 random bytes, 86 characters: long enough for HS512, whose hash is 64 bytes.
    "JWT_SIGNING_KEY": lambda: secrets.token_urlsafe(64),
    # compose.yaml's PostgreSQL.
    "POSTGRES_PASSWORD": lambda: secrets.token_urlsafe(32),
}
DOTENV_HEADER = "# Written with fresh secrets when the project was generated. Never commit it.\n"


def asymmetric(answers: dict) -> bool:
    """A public-key algorithm: key files, a JWKS and verifier-only mode (local_extensions.py's
    `asymmetric` filter decides the same for the templates)."""
    return not answers["jwt_algorithm"].startswith("HS")


def rotation(answers: dict) -> bool:
    return answers["rotate_refresh_tokens"]


def detects_reuse(answers: dict) -> bool:
    """Atomic rotation with reuse detection: rotation and the blacklist both on
    (local_extensions.py's `detects_reuse` filter decides the same for the templates)."""
    return rotation(answers) and answers["blacklist_after_rotation"]


def cookie(answers: dict) -> bool:
    return answers["token_transport"] == "cookie"


def postgresql(answers: dict) -> bool:
    return answers["database"] == "postgresql"


def sqlite(answers: dict) -> bool:
    return answers["database"] == "sqlite"


def stateless(answers: dict) -> bool:
    return answers["stateless_auth"]


def email_login(answers: dict) -> bool:
    return answers["login_field"] == "email"


def blacklist(answers: dict) -> bool:
    return answers["blacklist_after_rotation"]


def registration(answers: dict) -> bool:
    return answers["registration"]


def docker(answers: dict) -> bool:
    return answers["docker"]


def header_logout(answers: dict) -> bool:
    """The blacklist endpoint logs header clients out; cookie clients have their own logout."""
    return blacklist(answers) and not cookie(answers)


# What each option adds: every file or folder that exists for some answers only, and the
# predicate that keeps it. `{slug}` is the project's package. Everything else is in every bake.
OPTIONAL_PATHS: dict[str, Callable[[dict], bool]] = {
    # Public-key signing: key files, the JWKS, key rotation and verifier-only mode.
    "{slug}/tokens/backends.py": asymmetric,
    "{slug}/tokens/keys.py": asymmetric,
    "{slug}/tokens/key_checks.py": asymmetric,
    "{slug}/tokens/key_source.py": asymmetric,
    "config/settings/components/signing_keys.py": asymmetric,
    # Or a shared secret (HMAC).
    "{slug}/tokens/hmac_checks.py": lambda answers: not asymmetric(answers),
    "config/settings/components/signing_hmac.py": lambda answers: not asymmetric(answers),
    "{slug}/tokens/views/jwks.py": asymmetric,
    "{slug}/tokens/management/commands/rotate_jwt_key.py": asymmetric,
    "tests/signing.py": asymmetric,
    "tests/test_forged_tokens.py": asymmetric,
    "tests/test_jwks.py": asymmetric,
    "tests/test_key_rotation.py": asymmetric,
    "tests/test_signing_keys.py": asymmetric,
    "tests/test_verifier_only.py": asymmetric,
    # Refresh token rotation, or its absence.
    "tests/test_token_rotation.py": rotation,
    "tests/test_token_without_rotation.py": lambda answers: not rotation(answers),
    # Rotation that spends each refresh token in one transaction, and reuse detection.
    "{slug}/tokens/rotation.py": detects_reuse,
    "tests/test_refresh_reuse.py": detects_reuse,
    # The refresh token in an httpOnly cookie.
    "{slug}/tokens/permissions.py": cookie,
    "config/settings/components/cors.py": cookie,
    "{slug}/tokens/views/cookie.py": cookie,
    "tests/test_refresh_cookie.py": cookie,
    # The app's own views: the JWKS, the cookie endpoints (after its files: it holds them).
    "{slug}/tokens/views": lambda answers: asymmetric(answers) or cookie(answers),
    # Logout through the blacklist endpoint; logging out everywhere blacklists every token.
    "tests/test_logout.py": header_logout,
    # The user's row locked while their refresh tokens change (rotation, logout everywhere).
    "{slug}/users/locks.py": blacklist,
    "{slug}/users/logout.py": blacklist,
    "config/settings/components/blacklist.py": blacklist,
    "tests/test_logout_everywhere.py": blacklist,
    # PostgreSQL: migrate under an advisory lock. SQLite: a database file for its owner only.
    "{slug}/database/apps.py": postgresql,
    "{slug}/database/management": postgresql,
    "{slug}/database/sqlite3": sqlite,
    "config/settings/components/database_postgresql.py": postgresql,
    "config/settings/components/database_sqlite.py": sqlite,
    "tests/test_sqlite_file.py": sqlite,
    "tests/test_migrate_lock.py": postgresql,
    # Stateless authentication, or the user lookup it replaces.
    "tests/test_stateless_auth.py": stateless,
    "tests/test_user_lookup.py": lambda answers: not stateless(answers),
    # Users log in with their email address.
    "tests/test_email_login.py": email_login,
    # Sign-up with email activation, and password reset by email (djoser).
    "{slug}/users/registration": registration,
    "config/settings/components/registration.py": registration,
    "{slug}/users/templates/users/email/username_taken.txt": lambda answers: (
        registration(answers) and not email_login(answers)
    ),
    "{slug}/users/templates": registration,
    "tests/test_registration.py": registration,
    # The container image and the stack around it.
    "Dockerfile": docker,
    ".dockerignore": docker,
    "compose.yaml": docker,
    "config/settings/build.py": docker,
    "config/healthcheck.py": docker,
}


def remove_unchosen(project: Path, answers: dict) -> None:
    """Delete every optional path these answers do not keep."""
    for pattern, keep in OPTIONAL_PATHS.items():
        path = project / pattern.format(slug=answers["project_slug"])
        if keep(answers):
            continue
        if path.is_dir():
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


def next_steps(project: Path) -> str:
    """Where the project is and the two commands that test it and serve it (README.md has the
    rest, and the same with pip). `uv run` makes the environment from uv.lock first."""
    return (
        "Next steps:\n"
        f"  cd {shlex.quote(str(project))}\n"
        "  uv run pytest\n"
        "  uv run python manage.py migrate && uv run python manage.py runserver\n"
    )


def main(answers: dict, project: Path) -> None:
    remove_unchosen(project, answers)
    write_dotenv(project)
    print(next_steps(project), end="")


if __name__ == "__main__":
    main(ANSWERS, Path.cwd())
