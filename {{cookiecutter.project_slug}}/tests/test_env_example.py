""".env.example is a valid .env file, and every example in it is a value the settings accept.

Copying the file to .env, or uncommenting one of its `# NAME=value` lines, must never stop
start-up: each example is read the way local settings read .env, then production settings are
imported with it and the system checks run on what they read (gunicorn's settings, for
GUNICORN_*).
"""

import io
import os
import re
import runpy
from pathlib import Path

import environ
import pytest
from django.conf import settings

from .test_settings import (
    PRODUCTION_ENVIRONMENT,
    PRODUCTION_VALUES,
    check_errors,
    production_settings,
)

PROJECT = Path(__file__).resolve().parent.parent
ASSIGNMENT = re.compile(r"[A-Z][A-Z0-9_]*=.*")
LINES = (PROJECT / ".env.example").read_text(encoding="utf-8").splitlines()
EXAMPLES = [line[2:] for line in LINES if line.startswith("# ") and ASSIGNMENT.fullmatch(line[2:])]
# The settings the system checks read, as production has them.
CHECKED = [name for name in PRODUCTION_VALUES if name != "SIMPLE_JWT"] + ["REST_FRAMEWORK"]


def test_every_line_is_blank_a_comment_or_an_assignment():
    malformed = [
        line
        for line in LINES
        if line and not line.startswith("#") and not ASSIGNMENT.fullmatch(line)
    ]
    assert malformed == []


def test_the_file_has_commented_examples():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda line: line.split("=", 1)[0])
def test_uncommented_example_is_accepted(example, monkeypatch, tmp_path):
    name = example.split("=", 1)[0]
    # Registered first, so that the test restores the variable whatever read_env writes to it.
    monkeypatch.setenv(name, "")
    environ.Env.read_env(io.StringIO(example), overwrite=True)
    value = os.environ[name]
    if name.startswith("GUNICORN_"):
        runpy.run_path(str(PROJECT / "config" / "gunicorn.py"))
        return
    environment = PRODUCTION_ENVIRONMENT | {name: value}
    if name.endswith("_FILE"):
        # A mounted secret's path: the example names one, the test provides the file.
        assert Path(value).is_absolute(), example
        secret = tmp_path / "secret.pem"
        secret.write_text(environment.pop(name.removesuffix("_FILE"), ""))
        environment[name] = str(secret)
    elif "..." in value:
        # A PEM key with its body elided shows the format only: a real key in its place.
        assert value.startswith("-----BEGIN PRIVATE KEY-----"), example
        environment[name] = PRODUCTION_ENVIRONMENT[name]

    production = production_settings(environment, *CHECKED, "SIMPLE_JWT")
    signing_key = production["SIMPLE_JWT"]["SIGNING_KEY"]

    errors = check_errors(
        SIMPLE_JWT={**settings.SIMPLE_JWT, "SIGNING_KEY": signing_key},
        **{name: production[name] for name in CHECKED},
    )

    assert errors == []
