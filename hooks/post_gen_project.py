"""Finish the generated project: drop files of options not chosen, write .env with secrets.

Standard library only: this runs under the user's cookiecutter, inside the new project directory.
"""

import json
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

# Rendered by cookiecutter as JSON, read back as data: no answer is ever pasted into code.
ANSWERS = json.loads(r"""{{ cookiecutter | tojson }}""")

SECRET_GENERATORS: dict[str, Callable[[], str]] = {
    "DJANGO_SECRET_KEY": lambda: secrets.token_urlsafe(50),
    # 64 random bytes, 86 characters: long enough for HS512, whose hash is 64 bytes.
    "JWT_SIGNING_KEY": lambda: secrets.token_urlsafe(64),
}
DOTENV_HEADER = "# Written with fresh secrets when the project was generated. Never commit it.\n"


# Key files, the JWKS view and key rotation exist only for algorithms with a public key.
ASYMMETRIC_KEY_FILES = (
    "{slug}/tokens/backends.py",
    "{slug}/tokens/keys.py",
    "{slug}/tokens/views.py",
    "{slug}/tokens/management",
    "tests/signing.py",
    "tests/test_forged_tokens.py",
    "tests/test_jwks.py",
    "tests/test_key_rotation.py",
    "tests/test_signing_keys.py",
    "tests/test_verifier_only.py",
)


def remove(project: Path, *paths: str) -> None:
    for path in paths:
        if (project / path).is_dir():
            shutil.rmtree(project / path)
        else:
            (project / path).unlink()


def remove_asymmetric_key_files(project: Path, slug: str) -> None:
    remove(project, *(path.format(slug=slug) for path in ASYMMETRIC_KEY_FILES))


def remove_rotation_tests(project: Path) -> None:
    remove(project, "tests/test_token_rotation.py")


def remove_without_rotation_tests(project: Path) -> None:
    remove(project, "tests/test_token_without_rotation.py")


def remove_logout_tests(project: Path) -> None:
    remove(project, "tests/test_logout.py")


def remove_refresh_cookie(project: Path, slug: str) -> None:
    remove(project, f"{slug}/tokens/cookies.py", "tests/test_refresh_cookie.py")


def remove_migrate_lock(project: Path, slug: str) -> None:
    """The locked `migrate` command uses a PostgreSQL advisory lock."""
    shutil.rmtree(project / slug / "health" / "management")
    remove(project, "tests/test_migrate_lock.py")


def remove_stateless_auth(project: Path, slug: str) -> None:
    remove(project, f"{slug}/tokens/stateless.py", "tests/test_stateless_auth.py")


def remove_user_lookup_tests(project: Path) -> None:
    remove(project, "tests/test_user_lookup.py")


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


def main(answers: dict, project: Path) -> None:
    if answers["jwt_algorithm"].startswith("HS"):
        remove_asymmetric_key_files(project, answers["project_slug"])
    if answers["rotate_refresh_tokens"]:
        remove_without_rotation_tests(project)
    else:
        remove_rotation_tests(project)
    if answers["token_transport"] == "header":
        remove_refresh_cookie(project, answers["project_slug"])
    # Cookie bakes log out through tokens/cookies.py, tested in test_refresh_cookie.py.
    if not answers["blacklist_after_rotation"] or answers["token_transport"] == "cookie":
        remove_logout_tests(project)
    if answers["database"] != "postgresql":
        remove_migrate_lock(project, answers["project_slug"])
    if answers["stateless_auth"]:
        remove_user_lookup_tests(project)
    else:
        remove_stateless_auth(project, answers["project_slug"])
    write_dotenv(project)


if __name__ == "__main__":
    main(ANSWERS, Path.cwd())
