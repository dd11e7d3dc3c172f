"""Refuse bad answers before anything is generated.

Each validator checks one answer and raises ValueError with a message that names its key. The
first failure is printed on one line and the hook exits 1, so cookiecutter removes the half-made
project directory. Standard library only: this runs under the user's cookiecutter.
"""

import json
import keyword
import re
import sys

# Rendered by cookiecutter as JSON, read back as data: no answer is ever pasted into code.
ANSWERS = json.loads(r"""{{ cookiecutter | tojson }}""")

# Top-level modules the generated project imports or is imported beside. A package of the same
# name would shadow them.
RESERVED_SLUGS = frozenset(
    {
        "config",
        "conftest",
        "corsheaders",
        "cryptography",
        "django",
        "drf_spectacular",
        "drf_spectacular_sidecar",
        "environ",
        "gunicorn",
        "jwt",
        "manage",
        "openapi_spec_validator",
        "psycopg",
        "pytest",
        "pytest_django",
        "rest_framework",
        "rest_framework_simplejwt",
        "setuptools",
        "site",
        "staticfiles",
        "test",
        "tests",
        "time_machine",
    }
)
SLUG_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
SLUG_MAX_LENGTH = 50  # the test database is "test_<slug>": PostgreSQL allows 63 characters
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
CHOICES = {
    "jwt_algorithm": (
        "HS256",
        "HS384",
        "HS512",
        "RS256",
        "RS384",
        "RS512",
        "PS256",
        "PS384",
        "PS512",
        "ES256",
        "ES384",
        "ES512",
        "EdDSA",
    ),
    "auth_header_type": ("Bearer", "JWT"),
    "token_transport": ("header", "cookie"),
    "login_field": ("username", "email"),
    "database": ("sqlite", "postgresql"),
    "second_factor": ("none", "totp", "totp_and_passkeys"),
}
LIFETIME_LIMITS = {"access_token_lifetime_minutes": 1440, "refresh_token_lifetime_days": 365}
BOOLEANS = (
    "rotate_refresh_tokens",
    "blacklist_after_rotation",
    "stateless_auth",
    "registration",
    "docker",
)


def validate_text(answers: dict) -> None:
    for key in ("project_name", "description", "author_name"):
        value = answers[key]
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{key} must not be empty")
        if not value.isprintable():
            raise ValueError(f"{key} must be one line of printable text, got {value!r}")


def validate_project_slug(answers: dict) -> None:
    slug = answers["project_slug"]
    if not isinstance(slug, str) or not SLUG_PATTERN.fullmatch(slug):
        raise ValueError(
            f"project_slug must be a lowercase Python identifier (a-z, 0-9, _; starting with a "
            f"letter), got {slug!r}"
        )
    if len(slug) > SLUG_MAX_LENGTH:
        raise ValueError(
            f"project_slug must be at most {SLUG_MAX_LENGTH} characters, got {slug!r}"
        )
    if keyword.iskeyword(slug) or keyword.issoftkeyword(slug):
        raise ValueError(f"project_slug must not be a Python keyword, got {slug!r}")
    if slug in RESERVED_SLUGS or slug in sys.stdlib_module_names:
        raise ValueError(
            f"project_slug {slug!r} would shadow the module of that name: choose another"
        )


def validate_author_email(answers: dict) -> None:
    email = answers["author_email"]
    if not isinstance(email, str) or not EMAIL_PATTERN.fullmatch(email):
        raise ValueError(f"author_email must be an email address, got {email!r}")


def validate_choices(answers: dict) -> None:
    for key, choices in CHOICES.items():
        if answers[key] not in choices:
            raise ValueError(f"{key} must be one of {', '.join(choices)}, got {answers[key]!r}")


def _whole_number(value) -> int | None:
    """`value` as a positive int, if it is one or a string of digits that reads as one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and int(value) > 0:
        return int(value)
    return None


def validate_lifetimes(answers: dict) -> None:
    numbers = {}
    for key, limit in LIFETIME_LIMITS.items():
        numbers[key] = _whole_number(answers[key])
        if numbers[key] is None or numbers[key] > limit:
            raise ValueError(
                f"{key} must be a whole number from 1 to {limit}, got {answers[key]!r}"
            )
    access_minutes = numbers["access_token_lifetime_minutes"]
    refresh_minutes = numbers["refresh_token_lifetime_days"] * 24 * 60
    if access_minutes >= refresh_minutes:
        raise ValueError(
            f"access_token_lifetime_minutes must be shorter than the refresh token's lifetime "
            f"({refresh_minutes} minutes), got {access_minutes}"
        )


def validate_booleans(answers: dict) -> None:
    for key in BOOLEANS:
        if not isinstance(answers[key], bool):
            raise ValueError(f"{key} must be true or false, got {answers[key]!r}")


def validate_second_factor(answers: dict) -> None:
    # Its changes end the user's other sessions: sessions are the refresh token families that
    # rotation with the blacklist keeps.
    if answers["second_factor"] != "none" and not (
        answers["rotate_refresh_tokens"] is True and answers["blacklist_after_rotation"] is True
    ):
        raise ValueError(
            f"second_factor {answers['second_factor']!r} needs rotate_refresh_tokens and "
            "blacklist_after_rotation both true (it ends sessions through them)"
        )


VALIDATORS = (
    validate_text,
    validate_project_slug,
    validate_author_email,
    validate_choices,
    validate_lifetimes,
    validate_booleans,
    validate_second_factor,
)


def main(answers: dict) -> int:
    for validate in VALIDATORS:
        try:
            validate(answers)
        except ValueError as error:
            print(f"ERROR: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(ANSWERS))
