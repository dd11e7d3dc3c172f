"""Settings for development on your machine: DEBUG on, values from the project's .env file."""

{%- if not cookiecutter.jwt_algorithm | asymmetric %}

from pathlib import Path

import environ

# base.py reads the environment as it is imported, so .env is loaded first. Variables already set
# in the environment win over the file.
environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env")
{%- else %}

import os
from pathlib import Path

import environ

from {{ cookiecutter.project_slug }}.tokens.keys import create_key_files

# base.py reads the environment as it is imported, so .env is loaded first. Variables already set
# in the environment win over the file.
PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
environ.Env.read_env(PROJECT_DIR / ".env")

# The signing key lives in keys/ (git-ignored), made on first start: nothing to set up by hand.
if not os.environ.get("JWT_JWKS_URL") and not os.environ.get("JWT_SIGNING_KEY"):
    os.environ.setdefault("JWT_SIGNING_KEY_FILE", str(PROJECT_DIR / "keys" / "signing.pem"))
    os.environ.setdefault(
        "JWT_PREVIOUS_VERIFYING_KEYS_FILE", str(PROJECT_DIR / "keys" / "previous.pem")
    )
    create_key_files(
        "{{ cookiecutter.jwt_algorithm }}",
        Path(os.environ["JWT_SIGNING_KEY_FILE"]),
        Path(os.environ["JWT_PREVIOUS_VERIFYING_KEYS_FILE"]),
    )
{%- endif %}

from .base import *

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
{%- if cookiecutter.token_transport == "cookie" %}

# The development server speaks plain HTTP: a Secure cookie would never come back.
JWT_REFRESH_COOKIE_SECURE = False
{%- endif %}
