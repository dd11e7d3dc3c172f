"""Production settings refuse to start without their secrets, and name the one that is missing."""

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
{%- if not cookiecutter.jwt_algorithm.startswith("HS") %}

from {{ cookiecutter.project_slug }}.tokens.keys import generate_private_key, private_key_pem

SIGNING_KEY_PEM = private_key_pem(generate_private_key("{{ cookiecutter.jwt_algorithm }}"))
{%- endif %}

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "s" * 50,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DATABASE_URL": "sqlite:////tmp/production.sqlite3",
{%- if cookiecutter.jwt_algorithm.startswith("HS") %}
    "JWT_SIGNING_KEY": "k" * 64,
{%- else %}
    "JWT_SIGNING_KEY": SIGNING_KEY_PEM,
{%- endif %}
}


@pytest.fixture
def load_production_settings(monkeypatch):
    """Import config.settings.production afresh under exactly the given environment."""

    def load(environment: dict[str, str]):
        for name in PRODUCTION_ENVIRONMENT:
            monkeypatch.delenv(name, raising=False)
{%- if not cookiecutter.jwt_algorithm.startswith("HS") %}
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
{%- if cookiecutter.jwt_algorithm.startswith("HS") %}
    assert settings.SIMPLE_JWT["SIGNING_KEY"] == "k" * 64
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
        "rest_framework_simplejwt.authentication.JWTStatelessUserAuthentication"
    ]
{%- endif %}


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENVIRONMENT))
def test_production_settings_name_the_missing_variable(load_production_settings, missing):
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != missing}

    with pytest.raises(ImproperlyConfigured, match=missing):
        load_production_settings(environment)


def test_wsgi_and_asgi_applications_load():
    from config.asgi import application as asgi_application
    from config.wsgi import application as wsgi_application

    assert callable(wsgi_application)
    assert callable(asgi_application)
