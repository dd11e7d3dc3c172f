"""Settings for development on your machine: DEBUG on, values from the project's .env file."""

from pathlib import Path

import environ

# base.py reads the environment as it is imported, so .env is loaded first. Variables already set
# in the environment win over the file.
environ.Env.read_env(Path(__file__).resolve().parent.parent.parent / ".env")

from .base import *

DEBUG = True
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
{%- if cookiecutter.token_transport == "cookie" %}

# The development server speaks plain HTTP: a Secure cookie would never come back.
JWT_REFRESH_COOKIE_SECURE = False
{%- endif %}
