"""Production settings refuse to start without their secrets, and name the one that is missing."""

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "s" * 50,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DATABASE_URL": "sqlite:////tmp/production.sqlite3",
    "JWT_SIGNING_KEY": "k" * 64,
}


@pytest.fixture
def load_production_settings(monkeypatch):
    """Import config.settings.production afresh under exactly the given environment."""

    def load(environment: dict[str, str]):
        for name in PRODUCTION_ENVIRONMENT:
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


def test_wsgi_and_asgi_applications_load():
    from config.asgi import application as asgi_application
    from config.wsgi import application as wsgi_application

    assert callable(wsgi_application)
    assert callable(asgi_application)
