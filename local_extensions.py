"""The template's Jinja filters: answers rendered as literals, and the decisions templates share.

Cookiecutter loads `Filters` through `_extensions` in cookiecutter.json. The functions are plain
functions too, so the template's tests call the same predicates the templates use. Standard
library and cookiecutter's own Jinja only: this runs under the user's cookiecutter.
"""

import json
import re

from jinja2 import Environment
from jinja2.ext import Extension

_PYTHON_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def python_string(value: str) -> str:
    """Render `value` as a Python string literal, quoted the way ruff format would quote it."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    escaped = "".join(
        "\\" + char if char == quote else _PYTHON_ESCAPES.get(char, char) for char in value
    )
    return f"{quote}{escaped}{quote}"


def toml_string(value: str) -> str:
    """Render `value` as a TOML basic string (JSON's string escapes are a subset of TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def distribution_name(slug: str) -> str:
    """The project's name in pyproject.toml and uv.lock: `slug` as PEP 503 normalizes it (one `-`
    for each run of `_`), without the `_` it may end in, which PEP 508 names may not."""
    return re.sub(r"_+", "-", slug).strip("-")


def asymmetric(algorithm: str) -> bool:
    """Whether `algorithm` signs with a private key whose public half verifies (RS, PS, ES, EdDSA):
    such bakes hold key files, publish a JWKS and can run verifier-only. HS algorithms share
    one secret instead."""
    return not algorithm.startswith("HS")


def hmac_key_bytes(algorithm: str) -> int:
    """The shortest key RFC 7518 section 3.2 allows an HS algorithm: as long as its hash."""
    if asymmetric(algorithm):
        raise ValueError(f"{algorithm} is not an HMAC algorithm")
    return int(algorithm.removeprefix("HS")) // 8


def detects_reuse(answers: dict) -> bool:
    """Whether refresh spends each refresh token for good (rotation and the blacklist both on):
    then rotation is atomic and a spent token presented again revokes its login's tokens
    (tokens/rotation.py). Without the blacklist nothing records a spent token."""
    return answers["rotate_refresh_tokens"] and answers["blacklist_after_rotation"]


def cookie(answers: dict) -> bool:
    """Whether browsers keep the refresh token in an httpOnly cookie (tokens/cookies.py) instead
    of the client holding both tokens."""
    return answers["token_transport"] == "cookie"


def header_logout(answers: dict) -> bool:
    """Whether header clients log out through simplejwt's blacklist endpoint (cookie clients
    have their own logout, which clears the cookie)."""
    return answers["blacklist_after_rotation"] and not cookie(answers)


def email_login(answers: dict) -> bool:
    """Whether users log in with their email address: the user model has no username."""
    return answers["login_field"] == "email"


def totp(answers: dict) -> bool:
    """Whether users can turn on a second factor, codes from an authenticator app (factors/):
    login then answers a challenge, and the factor's code the tokens."""
    return answers["second_factor"] != "none"


def passkeys(answers: dict) -> bool:
    """Whether users can add passkeys (WebAuthn, passkeys/) beside the authenticator app: as a
    second factor, and to log in without a password."""
    return answers["second_factor"] == "totp_and_passkeys"


def stateless_class(answers: dict) -> bool:
    """Whether the bake has simplejwt's stateless authentication class: for stateless
    authentication, and for the verifier-only mode of public-key bakes."""
    return answers["stateless_auth"] or asymmetric(answers["jwt_algorithm"])


def decisions(answers: dict) -> dict[str, bool]:
    """Every decision the answers make, by the one name templates and hooks give it.

    The post-generation hook receives this as JSON (`cookiecutter | decisions | tojson`) and
    names its optional paths by these keys; templates call the same functions as filters.
    """
    return {
        "asymmetric": asymmetric(answers["jwt_algorithm"]),
        "rsa": answers["jwt_algorithm"][:2] in ("RS", "PS"),
        "bearer": answers["auth_header_type"] == "Bearer",
        "rotation": answers["rotate_refresh_tokens"],
        "blacklist": answers["blacklist_after_rotation"],
        "detects_reuse": detects_reuse(answers),
        "cookie": cookie(answers),
        "header_logout": header_logout(answers),
        "stateless": answers["stateless_auth"],
        "stateless_class": stateless_class(answers),
        "email_login": email_login(answers),
        "registration": answers["registration"],
        "totp": totp(answers),
        "passkeys": passkeys(answers),
        "postgresql": answers["database"] == "postgresql",
        "docker": answers["docker"],
    }


def lock_name(answers: dict) -> str:
    """The file under templates/locks/ that becomes the uv.lock of a bake with these answers: one
    per set of dependencies, and only these answers change them (pyproject.toml's `if` lines).
    scripts/lock.py writes the files; tests/test_lock.py fails where one is stale."""
    signing = "publickey" if asymmetric(answers["jwt_algorithm"]) else "hmac"
    second_factor = "-totp-passkeys" if passkeys(answers) else "-totp" if totp(answers) else ""
    return f"{signing}-{answers['token_transport']}-{answers['database']}{second_factor}.lock"


FILTERS = (
    python_string,
    toml_string,
    distribution_name,
    asymmetric,
    hmac_key_bytes,
    detects_reuse,
    cookie,
    header_logout,
    email_login,
    totp,
    passkeys,
    stateless_class,
    decisions,
    lock_name,
)


class Filters(Extension):
    """Registers every function in FILTERS as a Jinja filter of the same name."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update({function.__name__: function for function in FILTERS})
