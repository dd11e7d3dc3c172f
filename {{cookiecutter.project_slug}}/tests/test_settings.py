{%- set asymmetric = cookiecutter.jwt_algorithm | asymmetric -%}
"""Settings: production reads every value from the environment and names a missing one; the
system checks refuse weak or unusable values, every one of them at once, and gunicorn does not
start past them. Importing a settings module writes no file."""

import functools
import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

{% if cookiecutter.registration -%}
import django
{% endif -%}
import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.conf import settings as django_settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from {{ cookiecutter.project_slug }}.tokens.conf import DEFAULTS, token_settings
{%- if asymmetric %}
from {{ cookiecutter.project_slug }}.tokens.key_source import read_key_set
from {{ cookiecutter.project_slug }}.tokens.keys import generate_private_key, private_key_pem, public_key_pem
{%- endif %}

from .settings_import import import_settings
{%- if asymmetric %}

SIGNING_KEY_PEM = private_key_pem(generate_private_key("{{ cookiecutter.jwt_algorithm }}"))
{%- endif %}

PROJECT = Path(__file__).resolve().parent.parent
# Keys shaped like secrets.token_urlsafe(64)'s, which the start-up errors suggest.
RANDOM_KEY = "pW8yM2xKq7Rz0vT4bN9cL1sH6dF3gJ5a-_QeUoIyRtEwZxCvBnMlKjHgFdSaPoIuYtReWqAsDfGhJkLz"
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "Xq3mZ8vK1tR7wY2pL9nB4cF6hJ0sD5gA-_eU1iO3aQ7zW9xE2rT4yU6iO8pA0sD2fG",
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DATABASE_URL": "sqlite:////tmp/production.sqlite3",
{%- if not asymmetric %}
    "JWT_SIGNING_KEY": "tJ4kL8mN2bV6cX0zA9sD3fG7hQ1wE5rT-yU8iO2pA6sD0fG4hJ8kL2zX6cV0bN4mQ",
{%- else %}
    "JWT_SIGNING_KEY": SIGNING_KEY_PEM,
{%- endif %}
{%- if cookiecutter.registration %}
    "EMAIL_URL": "smtp+tls://api:secret@smtp.example.com:587",
    "DJANGO_FRONTEND_URL": "https://app.example.com",
    "DJANGO_DEFAULT_FROM_EMAIL": "accounts@example.com",
{%- endif %}
}
# What the checks see on a server started with PRODUCTION_ENVIRONMENT, over the test settings.
PRODUCTION_VALUES: dict[str, Any] = {
    "SECRET_KEY": PRODUCTION_ENVIRONMENT["DJANGO_SECRET_KEY"],
{%- if not asymmetric %}
    "SIMPLE_JWT": {
        **django_settings.SIMPLE_JWT,
        "SIGNING_KEY": PRODUCTION_ENVIRONMENT["JWT_SIGNING_KEY"],
    },
{%- else %}
    "TOKENS": {
        **django_settings.TOKENS,
        "SIGNING_KEY": SIGNING_KEY_PEM,
        "GENERATE_SIGNING_KEY": False,
    },
{%- endif %}
{%- if cookiecutter.registration %}
    "EMAIL_CONFIG": {
        **django_settings.EMAIL_CONFIG,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    },
{%- endif %}
}
# The token settings of that server.
PRODUCTION_TOKENS = PRODUCTION_VALUES.get("TOKENS", django_settings.TOKENS)
{%- if not asymmetric %}
# RFC 7518: an HMAC key at least as long as the {{ cookiecutter.jwt_algorithm }} hash.
MIN_KEY_BYTES = {{ cookiecutter.jwt_algorithm | hmac_key_bytes }}
{%- endif %}


def run_python(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Python in the project, in a process of its own whose environment is `environment` only
    (and PATH): nothing from this test run's settings or environment reaches it."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"], **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_settings(environment: dict[str, str], *names: str) -> dict:
    """The values of `names` in config.settings.production imported under `environment`, as JSON
    has them (other types as str); the import's exception if it fails."""
    imported = import_production_settings(tuple(sorted(environment.items())))
    return {name: imported[name] for name in names}


@functools.cache
def import_production_settings(environment: tuple[tuple[str, str], ...]) -> dict:
    """Every setting of config.settings.production under `environment`, imported once."""
    return import_settings("config.settings.production", dict(environment))


def check_errors(**values: object) -> list[str]:
    """The errors the system checks, the deployment checks included, find in the settings of a
    server started with PRODUCTION_ENVIRONMENT changed by `values`: "id message" each."""
    with override_settings(**(PRODUCTION_VALUES | values)):
        messages = run_checks(include_deployment_checks=True)
    return [f"{message.id} {message.msg}" for message in messages if message.is_serious()]
{%- if cookiecutter.registration %}


# The test set-up points Django's mailer at its in-memory one (a development-only backend,
# mail.E001 to Django 6.1's deployment checks): the checks see production's SMTP server, its
# timeout and the delay after which `requeue_mail` sends a pending mail again. Django 6.1 mails
# through MAILERS, Django 5.2 through EMAIL_BACKEND and EMAIL_TIMEOUT.
MAILER_SETTINGS = ["MAILERS"] if django.VERSION >= (6, 1) else ["EMAIL_BACKEND", "EMAIL_TIMEOUT"]
PRODUCTION_VALUES |= production_settings(
    PRODUCTION_ENVIRONMENT, *MAILER_SETTINGS, "MAIL_REQUEUE_AFTER"
)
{%- endif %}


def test_production_settings_load_from_the_environment():
    settings = production_settings(PRODUCTION_ENVIRONMENT, "DEBUG", "ALLOWED_HOSTS", "SECRET_KEY")

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["api.example.com"]
    assert settings["SECRET_KEY"] == PRODUCTION_ENVIRONMENT["DJANGO_SECRET_KEY"]
{%- if not asymmetric %}
    simple_jwt = production_settings(PRODUCTION_ENVIRONMENT, "SIMPLE_JWT")["SIMPLE_JWT"]
    assert simple_jwt["SIGNING_KEY"] == PRODUCTION_ENVIRONMENT["JWT_SIGNING_KEY"]
{%- else %}
    tokens = production_settings(PRODUCTION_ENVIRONMENT, "TOKENS")["TOKENS"]
    assert tokens["SIGNING_KEY"] == SIGNING_KEY_PEM
    assert tokens["PREVIOUS_VERIFYING_KEYS"] == ""
    assert tokens["JWKS_URL"] == ""
    assert tokens["CREATE_MISSING_KEYS_IN"] is None
    assert tokens["GENERATE_SIGNING_KEY"] is False
{%- endif %}


def test_the_production_settings_pass_every_check():
    assert check_errors() == []


def test_check_deploy_names_every_missing_variable_at_once_without_a_traceback():
    result = run_python(
        {"DJANGO_SETTINGS_MODULE": "config.settings.production"}, "manage.py", "check", "--deploy"
    )

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # The signing key is the tokens app's to read: its check names it (below).
    for name in sorted(set(PRODUCTION_ENVIRONMENT) - {"JWT_SIGNING_KEY"}):
        assert f"(health.E001) Set the {name} environment variable" in result.stderr


def test_every_variable_can_be_a_file_that_the_settings_read(tmp_path):
    """NAME_FILE, the path of a file holding NAME's value (a mounted secret), stands for NAME: the
    settings read the file, and the deployment checks count the variable as set."""
    environment = {"DJANGO_SETTINGS_MODULE": "config.settings.production"}
    for name, value in PRODUCTION_ENVIRONMENT.items():
        (tmp_path / name).write_text(value)
        environment[f"{name}_FILE"] = str(tmp_path / name)

    result = run_python(environment, "manage.py", "check", "--deploy")
    read = production_settings(environment, "SECRET_KEY", "ALLOWED_HOSTS")

    assert result.returncode == 0, result.stderr
    assert read == {
        "SECRET_KEY": PRODUCTION_ENVIRONMENT["DJANGO_SECRET_KEY"],
        "ALLOWED_HOSTS": [PRODUCTION_ENVIRONMENT["DJANGO_ALLOWED_HOSTS"]],
    }


def test_a_secret_file_ending_in_a_line_break_is_refused(tmp_path):
    environment = dict(PRODUCTION_ENVIRONMENT, DJANGO_SETTINGS_MODULE="config.settings.production")
    secret_key = tmp_path / "django-secret-key"
    secret_key.write_text(environment.pop("DJANGO_SECRET_KEY") + "\n")  # as `echo` writes it
    environment["DJANGO_SECRET_KEY_FILE"] = str(secret_key)

    result = run_python(environment, "manage.py", "check", "--deploy")

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert (
        f"(health.E002) DJANGO_SECRET_KEY_FILE: {secret_key} ends with a line break"
        in result.stderr
    )


def test_a_missing_signing_key_is_refused_at_start_up():
{%- if not asymmetric %}
    no_key = {**django_settings.SIMPLE_JWT, "SIGNING_KEY": ""}

    assert check_errors(SIMPLE_JWT=no_key) == [
        "tokens.E005 JWT_SIGNING_KEY must be at least "
        f"{MIN_KEY_BYTES} bytes long: generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(64))"'
    ]
{%- else %}
    no_key = {**PRODUCTION_VALUES["TOKENS"], "SIGNING_KEY": ""}

    assert check_errors(TOKENS=no_key) == [
        "tokens.E007 Set the JWT_SIGNING_KEY environment variable, or JWT_SIGNING_KEY_FILE"
    ]
{%- endif %}


def test_check_deploy_lists_every_problem_at_once():
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "JWT_SIGNING_KEY"}
    environment |= {
        "DJANGO_SECRET_KEY": "change-me-" + RANDOM_KEY,
        "DJANGO_THROTTLE_LOGIN": "lots",
        "JWT_ISSUER": "",
        "JWT_VERIFIED_TOKEN_CACHE_SIZE": "-1",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }

    result = run_python(environment, "manage.py", "check", "--deploy")

    assert result.returncode == 1, result.stderr
    for problem in [
        "(users.E001) DJANGO_SECRET_KEY is a placeholder",
        "(tokens.E004) DJANGO_THROTTLE_LOGIN must look like 20/minute, got 'lots'",
        "(tokens.E002) JWT_ISSUER must not be empty",
        "(tokens.E001) JWT_VERIFIED_TOKEN_CACHE_SIZE must be 0 (off) or more",
{%- if asymmetric %}
        "(tokens.E007) Set the JWT_SIGNING_KEY environment variable, or JWT_SIGNING_KEY_FILE",
{%- else %}
        f"(tokens.E005) JWT_SIGNING_KEY must be at least {MIN_KEY_BYTES} bytes long",
{%- endif %}
    ]:
        assert problem in result.stderr


def test_the_check_command_fails_on_a_bad_setting(settings):
    settings.TOKENS = {**settings.TOKENS, "AUDIENCE": []}

    with pytest.raises(SystemCheckError, match=r"tokens\.E003"):
        call_command("check")


def test_gunicorn_refuses_to_start_past_a_failed_check():
    on_starting = runpy.run_path(str(PROJECT / "config" / "gunicorn.py"))["on_starting"]
    no_issuer = {**PRODUCTION_TOKENS, "ISSUER": ""}

    with override_settings(**PRODUCTION_VALUES):
        on_starting(arbiter(workers=1))  # a server with good settings starts
    with (
        override_settings(**(PRODUCTION_VALUES | {"TOKENS": no_issuer})),
        pytest.raises(SystemExit, match=r"tokens\.E002\) JWT_ISSUER must not be empty"),
    ):
        on_starting(arbiter(workers=1))


def arbiter(workers: int) -> SimpleNamespace:
    """What gunicorn's hooks read of its arbiter: the worker count, and its log (a mock: the hook
    sets Django up, which configures logging anew)."""
    return SimpleNamespace(cfg=SimpleNamespace(workers=workers), log=mock.Mock())


def test_gunicorn_states_per_worker_limits_without_redis():
    on_starting = runpy.run_path(str(PROJECT / "config" / "gunicorn.py"))["on_starting"]
    redis = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    one, shared, alone = arbiter(workers=1), arbiter(workers=3), arbiter(workers=3)

    with override_settings(**PRODUCTION_VALUES):
        on_starting(one)
        on_starting(alone)
        with override_settings(CACHES=redis):
            on_starting(shared)

    assert one.log.warning.call_args_list == shared.log.warning.call_args_list == []
    [(message, *values)] = [call.args for call in alone.log.warning.call_args_list]
    assert (message % tuple(values)).startswith("REDIS_URL is not set: each of the 3 workers")
{%- if asymmetric %}


def test_production_keys_can_come_from_mounted_files(tmp_path):
    previous = private_key_pem(generate_private_key("{{ cookiecutter.jwt_algorithm }}"))
    previous_public = public_key_pem(read_key_set_of(previous).signing_key.public_key())
    (tmp_path / "signing.pem").write_text(SIGNING_KEY_PEM)
    (tmp_path / "previous.pem").write_text(previous_public)
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "JWT_SIGNING_KEY"}
    environment["JWT_SIGNING_KEY_FILE"] = str(tmp_path / "signing.pem")
    environment["JWT_PREVIOUS_VERIFYING_KEYS_FILE"] = str(tmp_path / "previous.pem")

    tokens = production_settings(environment, "TOKENS")["TOKENS"]
    with override_settings(TOKENS={**PRODUCTION_VALUES["TOKENS"], **tokens}):
        key_set = read_key_set()

    assert private_key_pem(key_set.signing_key) == SIGNING_KEY_PEM
    assert [public_key_pem(key) for key in key_set.previous_keys] == [previous_public]


def read_key_set_of(signing_pem: str):
    """The key set TOKENS would give with `signing_pem` as JWT_SIGNING_KEY."""
    with override_settings(TOKENS={**PRODUCTION_VALUES["TOKENS"], "SIGNING_KEY": signing_pem}):
        return read_key_set()


def test_a_key_on_one_line_reads_with_its_line_breaks():
    one_line = SIGNING_KEY_PEM.replace("\n", "\\n")

    assert private_key_pem(read_key_set_of(one_line).signing_key) == SIGNING_KEY_PEM


@pytest.mark.parametrize(
    ("tokens", "error"),
    [
        pytest.param(
            {"SIGNING_KEY": "not a key"},
            "tokens.E007 JWT_SIGNING_KEY must be an unencrypted PEM private key",
            id="not-a-pem-key",
        ),
        pytest.param(
            {"SIGNING_KEY_FILE": "/nonexistent/signing.pem"},
            "tokens.E007 JWT_SIGNING_KEY_FILE: cannot read /nonexistent/signing.pem",
            id="unreadable-file",
        ),
        pytest.param(
            {"PREVIOUS_VERIFYING_KEYS": "not keys"},
            "tokens.E007 JWT_PREVIOUS_VERIFYING_KEYS must be PEM public keys",
            id="previous-keys-not-pem",
        ),
    ],
)
def test_an_unusable_key_is_refused_at_start_up(tokens, error):
    errors = check_errors(TOKENS={**PRODUCTION_VALUES["TOKENS"], **tokens})

    assert len(errors) == 1
    assert errors[0].startswith(error)


def test_verifier_only_mode_needs_no_signing_key():
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "JWT_SIGNING_KEY"}
    environment["JWT_JWKS_URL"] = "https://auth.example.com/.well-known/jwks.json"

    settings = production_settings(environment, "TOKENS", "REST_FRAMEWORK")
    verifier = {**PRODUCTION_VALUES["TOKENS"], "SIGNING_KEY": "", "JWKS_URL": "https://a.example"}

    assert settings["TOKENS"]["SIGNING_KEY"] == ""
    assert settings["TOKENS"]["JWKS_URL"].startswith("https://auth.example.com/")
    assert settings["REST_FRAMEWORK"]["DEFAULT_AUTHENTICATION_CLASSES"] == [
        "{{ cookiecutter.project_slug }}.tokens.stateless.JWTStatelessUserAuthentication"
    ]
    assert check_errors(TOKENS=verifier) == []


def test_development_keys_are_made_on_first_start_and_kept(tmp_path):
    development = {**PRODUCTION_VALUES["TOKENS"], "SIGNING_KEY": ""}
    development["CREATE_MISSING_KEYS_IN"] = tmp_path / "keys"

    with override_settings(TOKENS=development):
        first = read_key_set()
        again = read_key_set()

    assert private_key_pem(again.signing_key) == private_key_pem(first.signing_key)
    assert (tmp_path / "keys" / "signing.pem").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "keys" / "previous.pem").read_text() == ""
{%- endif %}


{%- if cookiecutter.registration %}


@pytest.mark.parametrize("url", ["consolemail://", "filemail:///tmp/mails", "memorymail://"])
def test_production_refuses_to_start_without_an_smtp_server(url):
    # Sign-up and password reset would answer 202 and mail nobody.
    environment = PRODUCTION_ENVIRONMENT | {"EMAIL_URL": url}
    mail_settings = [name for name in PRODUCTION_VALUES if "MAIL" in name]
    mail = production_settings(environment, *mail_settings)

    errors = check_errors(**mail)

    assert (
        "registration.E001 EMAIL_URL must name the SMTP server that sends the sign-up and "
        "password reset mails, e.g. smtp+tls://user:password@smtp.example.com:587"
    ) in errors
    # Django 6.1 finds the development-only mailer in MAILERS too (in no fixed order).
    django_errors = ["mail.E001"] if django.VERSION >= (6, 1) else []
    assert sorted(error.split()[0] for error in errors) == sorted(
        ["registration.E001", *django_errors]
    )


@pytest.mark.parametrize(("requeue_after", "refused"), [(5, True), (199, True), (200, False)])
def test_production_refuses_a_mail_requeue_delay_that_a_send_may_outlast(requeue_after, refused):
    # A send may wait up to 14 times for the mail server, 10 s each (its timeout): a sweep that
    # came sooner would enqueue a mail still being sent, and it would go out twice.
    errors = check_errors(MAIL_REQUEUE_AFTER=requeue_after)

    assert errors == (
        [
            f"registration.E002 DJANGO_MAIL_REQUEUE_AFTER must be at least 200 (seconds), got "
            f"{requeue_after}: a send may wait for the mail server up to 14 times, 10 s each "
            "(its timeout), and `requeue_mail` would enqueue again a mail still being sent, "
            "which would go out twice"
        ]
        if refused
        else []
    )


def test_check_deploy_refuses_a_mail_requeue_delay_under_the_send_time():
    environment = PRODUCTION_ENVIRONMENT | {
        "DJANGO_MAIL_REQUEUE_AFTER": "5",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }

    result = run_python(environment, "manage.py", "check", "--deploy")

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert (
        "(registration.E002) DJANGO_MAIL_REQUEUE_AFTER must be at least 200 (seconds), got 5"
        in result.stderr
    )


def test_gunicorn_refuses_to_start_with_a_mail_requeue_delay_under_the_send_time():
    on_starting = runpy.run_path(str(PROJECT / "config" / "gunicorn.py"))["on_starting"]

    with (
        override_settings(**(PRODUCTION_VALUES | {"MAIL_REQUEUE_AFTER": 5})),
        pytest.raises(SystemExit, match=r"registration\.E002\) DJANGO_MAIL_REQUEUE_AFTER must"),
    ):
        on_starting(arbiter(workers=1))


def test_production_refuses_a_mail_server_without_a_timeout():
    # Without one, a mail server that stops answering holds a send, and its worker, for good.
    if django.VERSION >= (6, 1):
        mailer = PRODUCTION_VALUES["MAILERS"]["default"]
        options = {name: value for name, value in mailer["OPTIONS"].items() if name != "timeout"}
        unbounded: dict[str, Any] = {"MAILERS": {"default": mailer | {"OPTIONS": options}}}
        setting = 'MAILERS["default"]["OPTIONS"]["timeout"]'
    else:
        unbounded = {"EMAIL_TIMEOUT": None}
        setting = "EMAIL_TIMEOUT"

    assert check_errors(**unbounded) == [
        f"registration.E003 {setting} must be a number of seconds above 0, got None "
        "(config/settings/components/registration.py): without one, a mail server that stops "
        "answering holds a send, and its worker, for good"
    ]


def test_production_mails_through_the_smtp_server_of_email_url():
    if django.VERSION >= (6, 1):
        mailer = production_settings(PRODUCTION_ENVIRONMENT, "MAILERS")["MAILERS"]["default"]
    else:  # the same, in Django 5.2's settings
        settings = production_settings(
            PRODUCTION_ENVIRONMENT,
            *["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER"],
            *["EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "EMAIL_TIMEOUT"],
        )
        mailer = {
            "BACKEND": settings["EMAIL_BACKEND"],
            "OPTIONS": {
                "host": settings["EMAIL_HOST"],
                "port": settings["EMAIL_PORT"],
                "username": settings["EMAIL_HOST_USER"],
                "password": settings["EMAIL_HOST_PASSWORD"],
                "use_tls": settings["EMAIL_USE_TLS"],
                "timeout": settings["EMAIL_TIMEOUT"],
            },
        }
    assert mailer == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.com",
            "port": 587,
            "username": "api",
            "password": "secret",
            "use_tls": True,
            "timeout": 10,
        },
    }
    assert production_settings(PRODUCTION_ENVIRONMENT, "FRONTEND_URL") == {
        "FRONTEND_URL": "https://app.example.com"
    }
{%- endif %}


@pytest.mark.parametrize(
    ("variable", "weak_key"),
    [
        pytest.param("DJANGO_SECRET_KEY", "change-me", id="secret-key-env-example-value"),
        pytest.param("DJANGO_SECRET_KEY", "django-insecure-" + RANDOM_KEY[:50], id="insecure"),
        pytest.param(
            "DJANGO_SECRET_KEY",
            "your-secret-key-goes-here-change-this-" + RANDOM_KEY[:20],
            id="placeholder-text",
        ),
        pytest.param("DJANGO_SECRET_KEY", RANDOM_KEY[:49], id="secret-key-one-character-short"),
        pytest.param("DJANGO_SECRET_KEY", "s" * 50, id="secret-key-of-one-character"),
        pytest.param("DJANGO_SECRET_KEY", "0123456" * 10, id="secret-key-of-seven-characters"),
{%- if not asymmetric %}
        pytest.param("JWT_SIGNING_KEY", "", id="empty-signing-key"),
        pytest.param("JWT_SIGNING_KEY", "change-me", id="signing-key-env-example-value"),
        pytest.param("JWT_SIGNING_KEY", "CHANGE_ME-" + "0123456789" * 7, id="padded-placeholder"),
        pytest.param(
            "JWT_SIGNING_KEY", "0123456789abcdef" * 4 + "-replace-me", id="placeholder-suffix"
        ),
        pytest.param("JWT_SIGNING_KEY", RANDOM_KEY[: MIN_KEY_BYTES - 1], id="one-byte-short"),
        pytest.param("JWT_SIGNING_KEY", "a" * MIN_KEY_BYTES, id="signing-key-of-one-character"),
        pytest.param("JWT_SIGNING_KEY", "abc" * MIN_KEY_BYTES, id="signing-key-of-3-characters"),
        pytest.param(
            "JWT_SIGNING_KEY",
            PRODUCTION_ENVIRONMENT["DJANGO_SECRET_KEY"],
            id="signing-key-same-as-secret-key",
        ),
{%- endif %}
    ],
)
def test_weak_secret_is_refused_at_start_up(variable, weak_key):
    if variable == "DJANGO_SECRET_KEY":
        errors = check_errors(SECRET_KEY=weak_key)
    else:
        errors = check_errors(SIMPLE_JWT={**django_settings.SIMPLE_JWT, "SIGNING_KEY": weak_key})

    assert len(errors) == 1
    assert errors[0].split(" ", 1)[1].startswith(f"{variable} ")
{%- if not asymmetric %}


def test_shortest_acceptable_jwt_signing_key_passes():
    key = RANDOM_KEY[:MIN_KEY_BYTES]

    assert check_errors(SIMPLE_JWT={**django_settings.SIMPLE_JWT, "SIGNING_KEY": key}) == []
{%- endif %}


def test_shortest_acceptable_django_secret_key_passes():
    assert check_errors(SECRET_KEY=RANDOM_KEY[:50]) == []


def test_the_test_settings_publish_no_secret_a_server_could_take():
    # Each run makes its own: a key written in test.py would pass production's checks.
    first, second = (import_settings("config.settings.test", {}) for _ in range(2))

    assert first["SECRET_KEY"] != second["SECRET_KEY"]
{%- if not asymmetric %}
    assert first["SIMPLE_JWT"]["SIGNING_KEY"] != second["SIMPLE_JWT"]["SIGNING_KEY"]
{%- endif %}


@pytest.mark.parametrize("rate", ["lots", "5", "5/fortnight", "0/minute", "-1/minute"])
def test_malformed_throttle_rate_is_refused_at_start_up(rate):
    rest_framework = production_settings(
        PRODUCTION_ENVIRONMENT | {"DJANGO_THROTTLE_LOGIN": rate}, "REST_FRAMEWORK"
    )["REST_FRAMEWORK"]

    assert check_errors(REST_FRAMEWORK=rest_framework) == [
        f"tokens.E004 DJANGO_THROTTLE_LOGIN must look like 20/minute, got {rate!r}"
    ]


def test_hsts_asks_for_preloading_only_with_the_year_preload_lists_require():
    names = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD")
    default = production_settings(PRODUCTION_ENVIRONMENT, *names)
    year = production_settings(
        PRODUCTION_ENVIRONMENT
        | {"DJANGO_SECURE_HSTS_SECONDS": "31536000", "DJANGO_SECURE_HSTS_PRELOAD": "true"},
        *names,
    )

    # hstspreload.org refuses a max-age under a year: `preload` with an hour contradicts itself.
    assert default == {"SECURE_HSTS_SECONDS": 3600, "SECURE_HSTS_PRELOAD": False}
    assert year == {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_PRELOAD": True}


def test_issuer_and_audience_default_to_the_project():
    settings = production_settings(PRODUCTION_ENVIRONMENT, "SIMPLE_JWT", "TOKENS")

    assert settings["SIMPLE_JWT"]["ISSUER"] == "{{ cookiecutter.project_slug }}"
    assert settings["SIMPLE_JWT"]["AUDIENCE"] == "{{ cookiecutter.project_slug }}"
    assert settings["TOKENS"]["ISSUER"] == "{{ cookiecutter.project_slug }}"
    assert settings["TOKENS"]["AUDIENCE"] == ["{{ cookiecutter.project_slug }}"]


def test_tokens_can_be_for_several_audiences():
    environment = {**PRODUCTION_ENVIRONMENT, "JWT_ISSUER": "https://auth.example.com"}
    environment["JWT_AUDIENCE"] = "subscribers,orders"

    simple_jwt = production_settings(environment, "SIMPLE_JWT")["SIMPLE_JWT"]

    assert simple_jwt["ISSUER"] == "https://auth.example.com"
    assert simple_jwt["AUDIENCE"] == ["subscribers", "orders"]


@pytest.mark.parametrize(
    ("variable", "name", "error"),
    [
        ("JWT_ISSUER", "ISSUER", "tokens.E002 JWT_ISSUER must not be empty"),
        ("JWT_AUDIENCE", "AUDIENCE", "tokens.E003 JWT_AUDIENCE must name one or more services"),
    ],
)
def test_empty_issuer_or_audience_is_refused_at_start_up(variable, name, error):
    tokens = production_settings({**PRODUCTION_ENVIRONMENT, variable: ""}, "TOKENS")["TOKENS"]

    assert tokens[name] in ("", [])
    assert check_errors(TOKENS={**PRODUCTION_TOKENS, name: tokens[name]}) == [error]


def test_a_negative_verified_token_cache_size_is_refused_at_start_up():
    environment = {**PRODUCTION_ENVIRONMENT, "JWT_VERIFIED_TOKEN_CACHE_SIZE": "-1"}
    size = production_settings(environment, "TOKENS")["TOKENS"]["VERIFIED_TOKEN_CACHE_SIZE"]

    assert check_errors(TOKENS={**PRODUCTION_TOKENS, "VERIFIED_TOKEN_CACHE_SIZE": size}) == [
        "tokens.E001 JWT_VERIFIED_TOKEN_CACHE_SIZE must be 0 (off) or more"
    ]


def test_token_settings_follow_the_setting_and_fall_back_to_their_defaults(settings):
    settings.TOKENS = {"ISSUER": "https://auth.example.com"}

    assert token_settings.ISSUER == "https://auth.example.com"
    assert DEFAULTS["MAX_TOKEN_LENGTH"] == token_settings.MAX_TOKEN_LENGTH
    with pytest.raises(AttributeError, match="No TOKENS setting 'NO_SUCH_SETTING'"):
        token_settings.NO_SUCH_SETTING  # noqa: B018


@pytest.mark.parametrize(
    ("module", "environment"),
    [
        # Development with no key given: the tokens app, not the settings, makes keys/.
        ("config.settings.local", {}),
        ("config.settings.test", {}),
        ("config.settings.production", PRODUCTION_ENVIRONMENT),
    ],
)
def test_importing_the_settings_writes_no_file(module, environment):
    def files() -> set[Path]:
        listed = [*PROJECT.iterdir(), *(PROJECT / "config").iterdir()]
        return {path for path in listed if path.name != "__pycache__"}

    before = files()
    result = run_python(environment | {"PYTHONDONTWRITEBYTECODE": "1"}, "-c", f"import {module}")

    assert result.returncode == 0, result.stderr
    assert files() == before


def test_passwords_are_hashed_with_argon2():
    hashers = production_settings(PRODUCTION_ENVIRONMENT, "PASSWORD_HASHERS")["PASSWORD_HASHERS"]

    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert Argon2PasswordHasher().encode("a passphrase", "somesaltvalue").startswith("argon2$")


@pytest.mark.parametrize("password", ["alice", "12345678", "password", "short"])
def test_weak_passwords_are_refused(user, password):
    with pytest.raises(ValidationError):
        validate_password(password, user)


def production_cache(**variables: str) -> dict:
    environment = PRODUCTION_ENVIRONMENT | variables
    return production_settings(environment, "CACHES")["CACHES"]["default"]


def test_rate_limit_counters_are_shared_through_redis_when_configured():
    cache = production_cache(REDIS_URL="redis://cache.internal:6379/2")

    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"


def test_rate_limit_counters_stay_in_process_without_redis():
    assert production_cache()["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_an_unreachable_redis_costs_a_request_one_second_at_most():
    options = production_cache(REDIS_URL="redis://cache.internal:6379/2")["OPTIONS"]

    assert options == {"socket_connect_timeout": 1, "socket_timeout": 1}


def test_redis_timeouts_can_be_changed_in_its_url():
    options = production_cache(REDIS_URL="redis://cache:6379/0?socket_timeout=3")["OPTIONS"]

    assert options == {"socket_connect_timeout": 1, "socket_timeout": 3}


def test_cache_keys_carry_the_project_prefix():
    assert production_cache()["KEY_PREFIX"] == "{{ cookiecutter.project_slug }}"
    assert production_cache(DJANGO_CACHE_KEY_PREFIX="staging")["KEY_PREFIX"] == "staging"


def production_database(url: str | None = None) -> dict:
    environment = PRODUCTION_ENVIRONMENT | ({"DATABASE_URL": url} if url else {})
    return production_settings(environment, "DATABASES")["DATABASES"]["default"]
{%- if cookiecutter.database == "postgresql" %}


def test_an_unreachable_database_fails_a_request_within_seconds():
    database = production_database("postgres://db.internal:5432/app")

    assert database["OPTIONS"]["connect_timeout"] == 3


def test_database_connect_timeout_can_be_changed_in_its_url():
    database = production_database(
        "postgres://db.internal:5432/app?connect_timeout=10&sslmode=require"
    )

    assert database["OPTIONS"] == {"connect_timeout": 10, "sslmode": "require"}
{%- endif %}


def test_servers_keep_database_connections_and_check_them_before_reuse():
    database = production_database()

    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_health_probes_over_plain_http_are_not_redirected(client, db, settings):
    production = production_settings(
        PRODUCTION_ENVIRONMENT, "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT"
    )
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    settings.SECURE_REDIRECT_EXEMPT = production["SECURE_REDIRECT_EXEMPT"]

    assert client.get("/healthz").status_code == 200
    assert client.get("/api/schema/").status_code == 301


def test_static_files_are_stored_under_hashed_names_in_production():
    storages = production_settings(PRODUCTION_ENVIRONMENT, "STORAGES")["STORAGES"]

    assert storages["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


{% if cookiecutter.token_transport == "cookie" %}def test_production_cors_is_closed_by_default():
    settings = production_settings(PRODUCTION_ENVIRONMENT, "CORS_ALLOWED_ORIGINS")

    assert settings["CORS_ALLOWED_ORIGINS"] == []


def test_the_development_front_end_may_call_the_api_from_its_page():
    # One host name for both, as the README serves them: the SameSite=Strict refresh cookie is
    # sent only within one site.
    settings = import_settings("config.settings.local", {})

    assert settings["FRONTEND_URL"] == "http://127.0.0.1:5173"
    assert settings["CORS_ALLOWED_ORIGINS"] == ["http://127.0.0.1:5173"]


def test_production_cors_origins_come_from_the_environment():
    origins = "https://app.example.com,https://admin.example.com"
    environment = PRODUCTION_ENVIRONMENT | {"DJANGO_CORS_ALLOWED_ORIGINS": origins}

    settings = production_settings(environment, "CORS_ALLOWED_ORIGINS", "CORS_ALLOW_CREDENTIALS")

    assert settings["CORS_ALLOWED_ORIGINS"] == [
        "https://app.example.com",
        "https://admin.example.com",
    ]
    assert settings["CORS_ALLOW_CREDENTIALS"] is True


{% endif %}def get_through_wsgi(path: str) -> tuple[str, bytes]:
    """GET `path` from config.wsgi's application as a WSGI server would: (status, body)."""
    from config.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
    }
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    response = application(environ, start_response)
    try:
        return statuses[0], b"".join(response)
    finally:
        response.close()


def get_through_asgi(path: str) -> tuple[int, bytes]:
    """GET `path` from config.asgi's application as an ASGI server would: (status, body)."""
    from config.asgi import application

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
    }

    async def get() -> tuple[int, bytes]:
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(timeout=10)
        body = await communicator.receive_output(timeout=10)
        await communicator.wait(timeout=10)
        return start["status"], body["body"]

    return async_to_sync(get)()


# A request's end closes its database connections: only a transactional test survives that.
@pytest.mark.django_db(transaction=True)
def test_the_wsgi_application_serves_requests():
    status, body = get_through_wsgi("/healthz")

    assert status == "200 OK"
    assert json.loads(body) == {"database": "ok", "cache": "ok"}


def test_the_asgi_application_serves_requests():
    # A path that needs no database: the ASGI handler opens connections in threads of its own,
    # which the in-memory test database cannot close.
    status, body = get_through_asgi("/api/no-such-thing/")

    assert status == 404
    assert json.loads(body) == {"detail": "Not found.", "code": "not_found"}


def test_production_keeps_the_schema_and_docs_to_staff_unless_told():
    opened = PRODUCTION_ENVIRONMENT | {"DJANGO_API_DOCS_PUBLIC": "true"}

    assert production_settings(PRODUCTION_ENVIRONMENT, "API_DOCS_PUBLIC") == {
        "API_DOCS_PUBLIC": False
    }
    assert production_settings(opened, "API_DOCS_PUBLIC") == {"API_DOCS_PUBLIC": True}
