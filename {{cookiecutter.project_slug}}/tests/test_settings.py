"""Settings refuse to start without their secrets or with weak ones, and name the culprit."""

import importlib
import sys

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "s" * 50,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DATABASE_URL": "sqlite:////tmp/production.sqlite3",
    "JWT_SIGNING_KEY": "k" * 64,
}
# RFC 7518: an HMAC key at least as long as the {{ cookiecutter.jwt_algorithm }} hash.
MIN_KEY_BYTES = {{ cookiecutter.jwt_algorithm[2:] | int // 8 }}


@pytest.fixture
def load_production_settings(monkeypatch):
    """Import config.settings.production afresh under exactly the given environment."""

    def load(environment: dict[str, str]):
        for name in [*PRODUCTION_ENVIRONMENT, "REDIS_URL"]:
            monkeypatch.delenv(name, raising=False)
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
    assert settings.SIMPLE_JWT["SIGNING_KEY"] == "k" * 64


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENVIRONMENT))
def test_production_settings_name_the_missing_variable(load_production_settings, missing):
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != missing}

    with pytest.raises(ImproperlyConfigured, match=missing):
        load_production_settings(environment)


@pytest.mark.parametrize(
    "weak_key",
    ["", "change-me", "k" * (MIN_KEY_BYTES - 1), PRODUCTION_ENVIRONMENT["DJANGO_SECRET_KEY"]],
    ids=["empty", "placeholder", "one-byte-short", "same-as-secret-key"],
)
def test_weak_jwt_signing_key_is_refused_at_start_up(load_production_settings, weak_key):
    environment = PRODUCTION_ENVIRONMENT | {"JWT_SIGNING_KEY": weak_key}

    with pytest.raises(ImproperlyConfigured, match="JWT_SIGNING_KEY must be at least"):
        load_production_settings(environment)


def test_shortest_acceptable_jwt_signing_key_loads(load_production_settings):
    environment = PRODUCTION_ENVIRONMENT | {"JWT_SIGNING_KEY": "k" * MIN_KEY_BYTES}

    assert load_production_settings(environment).SIMPLE_JWT["SIGNING_KEY"] == "k" * MIN_KEY_BYTES


@pytest.mark.parametrize("rate", ["lots", "5", "5/fortnight", "0/minute", "-1/minute"])
def test_malformed_throttle_rate_is_refused_at_start_up(load_production_settings, rate):
    environment = PRODUCTION_ENVIRONMENT | {"DJANGO_THROTTLE_LOGIN": rate}

    with pytest.raises(ImproperlyConfigured, match="DJANGO_THROTTLE_LOGIN"):
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


def test_wsgi_and_asgi_applications_load():
    from config.asgi import application as asgi_application
    from config.wsgi import application as wsgi_application

    assert callable(wsgi_application)
    assert callable(asgi_application)
