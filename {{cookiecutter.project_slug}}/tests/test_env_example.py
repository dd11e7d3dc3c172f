""".env.example is a valid .env file, and every example in it is a value the settings accept.

Copying the file to .env, or uncommenting one of its `# NAME=value` lines, must never stop
start-up: each example is read the way local settings read .env, then production settings (or
gunicorn's, for GUNICORN_*) are imported with it.
"""

import importlib
import io
import os
import re
import runpy
import sys
from pathlib import Path

import environ
import pytest

PROJECT = Path(__file__).resolve().parent.parent
ASSIGNMENT = re.compile(r"[A-Z][A-Z0-9_]*=.*")
LINES = (PROJECT / ".env.example").read_text(encoding="utf-8").splitlines()
EXAMPLES = [line[2:] for line in LINES if line.startswith("# ") and ASSIGNMENT.fullmatch(line[2:])]


def test_every_line_is_blank_a_comment_or_an_assignment():
    malformed = [
        line
        for line in LINES
        if line and not line.startswith("#") and not ASSIGNMENT.fullmatch(line)
    ]
    assert malformed == []


def test_the_file_has_commented_examples():
    assert len(EXAMPLES) >= 10


def import_fresh(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Import a settings module anew (and the base it builds on); undone after the test."""
    for name in ("config.settings.base", module):
        monkeypatch.delitem(sys.modules, name, raising=False)
    importlib.import_module(module)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda line: line.split("=", 1)[0])
def test_uncommented_example_is_accepted(example, monkeypatch, tmp_path):
    # What production settings require besides the secrets test settings already set.
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "api.example.com")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
{%- if cookiecutter.registration %}
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://api:secret@smtp.example.com:587")
    monkeypatch.setenv("DJANGO_FRONTEND_URL", "https://app.example.com")
    monkeypatch.setenv("DJANGO_DEFAULT_FROM_EMAIL", "api@example.com")
{%- endif %}
    name = example.split("=", 1)[0]
    # Registered first, so that the test restores the variable whatever read_env writes to it.
    monkeypatch.setenv(name, "")
    environ.Env.read_env(io.StringIO(example), overwrite=True)
    if name.endswith("_FILE"):
        # A mounted secret's path: the example names one, the test provides the file.
        assert Path(os.environ[name]).is_absolute(), example
        secret = tmp_path / "secret.pem"
        secret.write_text(os.environ.get(name.removesuffix("_FILE"), ""))
        monkeypatch.setenv(name, str(secret))

    if name.startswith("GUNICORN_"):
        runpy.run_path(str(PROJECT / "config" / "gunicorn.py"))
    else:
        import_fresh(monkeypatch, "config.settings.production")
