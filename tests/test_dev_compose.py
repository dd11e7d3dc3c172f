"""The development compose file (compose.dev.yaml) of each bake names the services its options
need. test_browser.py runs the Python services' commands (the API, the example front end) against
the machine's PostgreSQL and an SMTP server in place of the catcher: images cannot be pulled here.
"""

import re

import pytest
import yaml

from bakery import OPTION_SETS, option_sets

WITH_DOCKER = [name for name, answers in OPTION_SETS.items() if answers.get("docker", True)]


@pytest.mark.parametrize("answers", option_sets(WITH_DOCKER), indirect=True)
def test_dev_compose_runs_the_development_server_on_the_mounted_code(project, answers):
    compose = yaml.safe_load((project / "compose.dev.yaml").read_text())
    services = compose["services"]
    cookie = answers.get("token_transport") == "cookie"
    registration = answers.get("registration", False)
    postgresql = answers.get("database") == "postgresql"

    wanted = {
        "api": True,
        "frontend": cookie,
        "worker": registration,
        "mail": registration,
        "db": postgresql,
    }
    assert set(services) == {name for name, kept in wanted.items() if kept}
    api = services["api"]
    # The Dockerfile's build stage (the dependencies), the code mounted over it: runserver
    # reloads on every change, migrations applied first.
    assert api["build"]["target"] == "build"
    assert re.search(r"^FROM \S+ AS build$", (project / "Dockerfile").read_text(), re.MULTILINE)
    assert api["volumes"] == [".:/app"]
    assert "manage.py migrate && exec" in api["command"][-1]
    assert api["command"][-1].endswith("manage.py runserver 0.0.0.0:8000")
    assert api["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.local"
    assert api["ports"] == ["127.0.0.1:8000:8000"]
    if cookie:
        # The front end on the API's host name: one site for the refresh cookie.
        assert services["frontend"]["ports"] == ["127.0.0.1:5173:5173"]
        assert "frontend/serve.py" in services["frontend"]["command"]
    if registration:
        assert api["environment"]["EMAIL_URL"] == "smtp://mail:1025"
        assert services["mail"]["image"].startswith("docker.io/axllent/mailpit:")
        assert services["mail"]["ports"] == ["127.0.0.1:8025:8025"]
        # The mail worker: the API's code, settings and database, the catcher as mail server.
        worker = services["worker"]
        assert worker["command"][-2:] == ["manage.py", "db_worker"]
        assert worker["volumes"] == api["volumes"]
        for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "EMAIL_URL"):
            assert worker["environment"].get(name) == api["environment"].get(name)
    if postgresql:
        assert api["environment"]["DATABASE_URL"].startswith("postgres://postgres:")
        assert api["depends_on"] == {"db": {"condition": "service_healthy"}}
    else:
        assert "DATABASE_URL" not in api["environment"]  # SQLite in the mounted directory
