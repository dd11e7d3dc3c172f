"""Settings refuse to start without their secrets or with weak ones, and name the culprit."""

import importlib
import io
import json
import sys

{% if cookiecutter.registration -%}
import django
{% endif -%}
import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
{%- if cookiecutter.jwt_algorithm | asymmetric %}

from {{ cookiecutter.project_slug }}.tokens.keys import generate_private_key, private_key_pem

SIGNING_KEY_PEM = private_key_pem(generate_private_key("{{ cookiecutter.jwt_algorithm }}"))
{%- endif %}

# Keys shaped like secrets.token_urlsafe(64)'s, which the start-up errors suggest.
RANDOM_KEY = "pW8yM2xKq7Rz0vT4bN9cL1sH6dF3gJ5a-_QeUoIyRtEwZxCvBnMlKjHgFdSaPoIuYtReWqAsDfGhJkLz"
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "Xq3mZ8vK1tR7wY2pL9nB4cF6hJ0sD5gA-_eU1iO3aQ7zW9xE2rT4yU6iO8pA0sD2fG",
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DATABASE_URL": "sqlite:////tmp/production.sqlite3",
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
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
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
# RFC 7518: an HMAC key at least as long as the {{ cookiecutter.jwt_algorithm }} hash.
MIN_KEY_BYTES = {{ cookiecutter.jwt_algorithm | hmac_key_bytes }}
{%- endif %}


@pytest.fixture
def load_production_settings(monkeypatch):
    """Import config.settings.production afresh under exactly the given environment."""

    def load(environment: dict[str, str]):
        for name in [
            *PRODUCTION_ENVIRONMENT, "REDIS_URL", "DJANGO_CACHE_KEY_PREFIX", "JWT_ISSUER",
            "JWT_AUDIENCE", "JWT_VERIFIED_TOKEN_CACHE_SIZE",
        ]:  # fmt: skip
            monkeypatch.delenv(name, raising=False)
{%- if cookiecutter.jwt_algorithm | asymmetric %}
            monkeypatch.delenv(f"{name}_FILE", raising=False)
{%- endif %}
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        for module in ["config.settings.base", "config.settings.production"]:
            monkeypatch.delitem(sys.modules, module, raising=False)
        return importlib.import_module("config.settings.production")

    return load


def test_production_settings_load_from_the_environment(load_production_settings):
    settings = load_production_settings(PRODUCTION_ENVIRONMENT)

    assert settings.DEBUG is False
    assert settings.ALLOWED_HOSTS == ["api.example.com"]
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
    assert settings.SIMPLE_JWT["SIGNING_KEY"] == PRODUCTION_ENVIRONMENT["JWT_SIGNING_KEY"]
{%- else %}
    assert settings.SIMPLE_JWT["SIGNING_KEY"] == SIGNING_KEY_PEM
    assert settings.JWT_PREVIOUS_VERIFYING_KEYS == ""
    assert settings.JWT_JWKS_URL == ""


def test_production_keys_can_come_from_mounted_files(load_production_settings, tmp_path):
    (tmp_path / "signing.pem").write_text(SIGNING_KEY_PEM)
    (tmp_path / "previous.pem").write_text("previous keys")
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "JWT_SIGNING_KEY"}
    environment["JWT_SIGNING_KEY_FILE"] = str(tmp_path / "signing.pem")
    environment["JWT_PREVIOUS_VERIFYING_KEYS_FILE"] = str(tmp_path / "previous.pem")

    settings = load_production_settings(environment)

    assert settings.SIMPLE_JWT["SIGNING_KEY"] == SIGNING_KEY_PEM
    assert settings.JWT_PREVIOUS_VERIFYING_KEYS == "previous keys"


def test_a_key_on_one_line_reads_with_its_line_breaks(load_production_settings):
    one_line = SIGNING_KEY_PEM.replace("\n", "\\n")

    settings = load_production_settings({**PRODUCTION_ENVIRONMENT, "JWT_SIGNING_KEY": one_line})

    assert settings.JWT_SIGNING_KEY == SIGNING_KEY_PEM


def test_verifier_only_mode_needs_no_signing_key(load_production_settings):
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "JWT_SIGNING_KEY"}
    environment["JWT_JWKS_URL"] = "https://auth.example.com/.well-known/jwks.json"

    settings = load_production_settings(environment)

    assert settings.JWT_SIGNING_KEY == ""
    assert settings.JWT_JWKS_URL.startswith("https://auth.example.com/")
    assert settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] == [
        "{{ cookiecutter.project_slug }}.tokens.authentication.JWTStatelessUserAuthentication"
    ]
{%- endif %}


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENVIRONMENT))
def test_production_settings_name_the_missing_variable(load_production_settings, missing):
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != missing}

    with pytest.raises(ImproperlyConfigured, match=missing):
        load_production_settings(environment)


{%- if cookiecutter.registration %}


@pytest.mark.parametrize("url", ["consolemail://", "filemail:///tmp/mails", "memorymail://"])
def test_production_refuses_to_start_without_an_smtp_server(load_production_settings, url):
    # Sign-up and password reset would answer 202 and mail nobody.
    with pytest.raises(ImproperlyConfigured, match=r"^EMAIL_URL must name the SMTP server"):
        load_production_settings({**PRODUCTION_ENVIRONMENT, "EMAIL_URL": url})


def test_production_mails_through_the_smtp_server_of_email_url(load_production_settings):
    settings = load_production_settings(PRODUCTION_ENVIRONMENT)

    if django.VERSION >= (6, 1):
        mailer = settings.MAILERS["default"]
    else:  # the same, in Django 5.2's settings
        mailer = {
            "BACKEND": settings.EMAIL_BACKEND,
            "OPTIONS": {
                "host": settings.EMAIL_HOST,
                "port": settings.EMAIL_PORT,
                "username": settings.EMAIL_HOST_USER,
                "password": settings.EMAIL_HOST_PASSWORD,
                "use_tls": settings.EMAIL_USE_TLS,
                "timeout": settings.EMAIL_TIMEOUT,
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
    assert settings.FRONTEND_URL == "https://app.example.com"
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
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
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
def test_weak_secret_is_refused_at_start_up(load_production_settings, variable, weak_key):
    environment = PRODUCTION_ENVIRONMENT | {variable: weak_key}

    with pytest.raises(ImproperlyConfigured, match=rf"^{variable} "):
        load_production_settings(environment)
{%- if not cookiecutter.jwt_algorithm | asymmetric %}


def test_shortest_acceptable_jwt_signing_key_loads(load_production_settings):
    key = RANDOM_KEY[:MIN_KEY_BYTES]
    environment = PRODUCTION_ENVIRONMENT | {"JWT_SIGNING_KEY": key}

    assert load_production_settings(environment).SIMPLE_JWT["SIGNING_KEY"] == key
{%- endif %}


def test_shortest_acceptable_django_secret_key_loads(load_production_settings):
    key = RANDOM_KEY[:50]
    environment = PRODUCTION_ENVIRONMENT | {"DJANGO_SECRET_KEY": key}

    settings = load_production_settings(environment)

    assert key == settings.SECRET_KEY


@pytest.mark.parametrize("rate", ["lots", "5", "5/fortnight", "0/minute", "-1/minute"])
def test_malformed_throttle_rate_is_refused_at_start_up(load_production_settings, rate):
    environment = PRODUCTION_ENVIRONMENT | {"DJANGO_THROTTLE_LOGIN": rate}

    with pytest.raises(ImproperlyConfigured, match="DJANGO_THROTTLE_LOGIN"):
        load_production_settings(environment)


def test_issuer_and_audience_default_to_the_project(load_production_settings):
    settings = load_production_settings(PRODUCTION_ENVIRONMENT)

    assert settings.SIMPLE_JWT["ISSUER"] == "{{ cookiecutter.project_slug }}"
    assert settings.SIMPLE_JWT["AUDIENCE"] == "{{ cookiecutter.project_slug }}"


def test_tokens_can_be_for_several_audiences(load_production_settings):
    environment = {**PRODUCTION_ENVIRONMENT, "JWT_ISSUER": "https://auth.example.com"}
    environment["JWT_AUDIENCE"] = "subscribers,orders"

    settings = load_production_settings(environment)

    assert settings.SIMPLE_JWT["ISSUER"] == "https://auth.example.com"
    assert settings.SIMPLE_JWT["AUDIENCE"] == ["subscribers", "orders"]


@pytest.mark.parametrize("variable", ["JWT_ISSUER", "JWT_AUDIENCE"])
def test_empty_issuer_or_audience_is_refused_at_start_up(load_production_settings, variable):
    with pytest.raises(ImproperlyConfigured, match=variable):
        load_production_settings({**PRODUCTION_ENVIRONMENT, variable: ""})


def test_a_negative_verified_token_cache_size_is_refused_at_start_up(load_production_settings):
    environment = {**PRODUCTION_ENVIRONMENT, "JWT_VERIFIED_TOKEN_CACHE_SIZE": "-1"}

    with pytest.raises(ImproperlyConfigured, match="JWT_VERIFIED_TOKEN_CACHE_SIZE"):
        load_production_settings(environment)


def test_passwords_are_hashed_with_argon2(load_production_settings):
    settings = load_production_settings(PRODUCTION_ENVIRONMENT)

    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert Argon2PasswordHasher().encode("a passphrase", "somesaltvalue").startswith("argon2$")


@pytest.mark.parametrize("password", ["alice", "12345678", "password", "short"])
def test_weak_passwords_are_refused(user, password):
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_rate_limit_counters_are_shared_through_redis_when_configured(load_production_settings):
    environment = PRODUCTION_ENVIRONMENT | {"REDIS_URL": "redis://cache.internal:6379/2"}

    cache = load_production_settings(environment).CACHES["default"]

    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"


def test_rate_limit_counters_stay_in_process_without_redis(load_production_settings):
    cache = load_production_settings(PRODUCTION_ENVIRONMENT).CACHES["default"]

    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_an_unreachable_redis_costs_a_request_one_second_at_most(load_production_settings):
    environment = PRODUCTION_ENVIRONMENT | {"REDIS_URL": "redis://cache.internal:6379/2"}

    options = load_production_settings(environment).CACHES["default"]["OPTIONS"]

    assert options == {"socket_connect_timeout": 1, "socket_timeout": 1}


def test_redis_timeouts_can_be_changed_in_its_url(load_production_settings):
    environment = PRODUCTION_ENVIRONMENT | {"REDIS_URL": "redis://cache:6379/0?socket_timeout=3"}

    options = load_production_settings(environment).CACHES["default"]["OPTIONS"]

    assert options == {"socket_connect_timeout": 1, "socket_timeout": 3}


def test_cache_keys_carry_the_project_prefix(load_production_settings):
    environment = PRODUCTION_ENVIRONMENT | {"DJANGO_CACHE_KEY_PREFIX": "staging"}

    assert load_production_settings(PRODUCTION_ENVIRONMENT).CACHES["default"]["KEY_PREFIX"] == (
        "{{ cookiecutter.project_slug }}"
    )
    assert load_production_settings(environment).CACHES["default"]["KEY_PREFIX"] == "staging"
{%- if cookiecutter.database == "postgresql" %}


def test_an_unreachable_database_fails_a_request_within_seconds(load_production_settings):
    environment = PRODUCTION_ENVIRONMENT | {"DATABASE_URL": "postgres://db.internal:5432/app"}

    database = load_production_settings(environment).DATABASES["default"]

    assert database["OPTIONS"]["connect_timeout"] == 3


def test_database_connect_timeout_can_be_changed_in_its_url(load_production_settings):
    environment = PRODUCTION_ENVIRONMENT | {
        "DATABASE_URL": "postgres://db.internal:5432/app?connect_timeout=10&sslmode=require"
    }

    database = load_production_settings(environment).DATABASES["default"]

    assert database["OPTIONS"] == {"connect_timeout": 10, "sslmode": "require"}
{%- endif %}


def test_servers_keep_database_connections_and_check_them_before_reuse(load_production_settings):
    database = load_production_settings(PRODUCTION_ENVIRONMENT).DATABASES["default"]

    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_health_probes_over_plain_http_are_not_redirected(
    load_production_settings, client, db, settings
):
    production = load_production_settings(PRODUCTION_ENVIRONMENT)
    settings.SECURE_SSL_REDIRECT = production.SECURE_SSL_REDIRECT
    settings.SECURE_REDIRECT_EXEMPT = production.SECURE_REDIRECT_EXEMPT

    assert client.get("/healthz").status_code == 200
    assert client.get("/api/schema/").status_code == 301


def test_static_files_are_stored_under_hashed_names_in_production(load_production_settings):
    storages = load_production_settings(PRODUCTION_ENVIRONMENT).STORAGES

    assert storages["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


{% if cookiecutter.token_transport == "cookie" %}def test_production_refresh_cookie_is_secure_and_cors_is_closed_by_default(
    load_production_settings, monkeypatch
):
    monkeypatch.delenv("DJANGO_CORS_ALLOWED_ORIGINS", raising=False)

    settings = load_production_settings(PRODUCTION_ENVIRONMENT)

    assert settings.JWT_REFRESH_COOKIE_SECURE is True
    assert settings.CORS_ALLOWED_ORIGINS == []


def test_production_cors_origins_come_from_the_environment(load_production_settings):
    origins = "https://app.example.com,https://admin.example.com"
    environment = PRODUCTION_ENVIRONMENT | {"DJANGO_CORS_ALLOWED_ORIGINS": origins}

    settings = load_production_settings(environment)

    assert settings.CORS_ALLOWED_ORIGINS == [
        "https://app.example.com",
        "https://admin.example.com",
    ]
    assert settings.CORS_ALLOW_CREDENTIALS is True


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


def test_production_keeps_the_schema_and_docs_to_staff_unless_told(load_production_settings):
    assert load_production_settings(PRODUCTION_ENVIRONMENT).API_DOCS_PUBLIC is False
    opened = PRODUCTION_ENVIRONMENT | {"DJANGO_API_DOCS_PUBLIC": "true"}
    assert load_production_settings(opened).API_DOCS_PUBLIC is True
