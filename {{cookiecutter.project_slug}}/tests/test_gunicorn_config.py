"""config/gunicorn.py: workers from the CPU count, every setting changeable from the environment."""

import os
import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parent.parent / "config" / "gunicorn.py"
VARIABLES = [
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_ACCESS_LOG",
]


@pytest.fixture
def load_config(monkeypatch):
    """gunicorn's settings as the config file computes them under the given environment."""

    def load(**environment: str) -> dict:
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONFIG))

    return load


def test_defaults_suit_one_machine_behind_a_proxy(load_config, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 4)

    config = load_config()

    assert config["bind"] == "127.0.0.1:8000"
    assert config["workers"] == 9
    assert config["threads"] == 1
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (30, 30, 5)
    # The proxy in front logs each request.
    assert config["accesslog"] is None
    assert config["control_socket_disable"] is True


def test_every_setting_comes_from_the_environment(load_config):
    config = load_config(
        GUNICORN_BIND="0.0.0.0:9000",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="8",
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        GUNICORN_KEEPALIVE="75",
        GUNICORN_ACCESS_LOG="-",
    )

    assert config["bind"] == "0.0.0.0:9000"
    assert (config["workers"], config["threads"]) == (3, 8)
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (60, 20, 75)
    assert config["accesslog"] == "-"


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", ""])
def test_a_bad_number_stops_gunicorn_with_a_clear_message(load_config, value):
    message = f"GUNICORN_WORKERS must be a whole number of at least 1, got '{value}'"

    with pytest.raises(SystemExit, match=message):
        load_config(GUNICORN_WORKERS=value)
