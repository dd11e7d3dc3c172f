"""Settings for development on your machine: DEBUG on, values from the project's .env file."""

import environ

from .components import BASE_DIR

# The components read the environment as they are imported, so .env is loaded first: it is this
# machine's environment. Variables already set in the environment win over the file.
environ.Env.read_env(BASE_DIR / ".env")

from .base import *

DEBUG = True
# Any name under localhost, which resolves to this machine (e.g. api.localhost and app.localhost
# for a front end on a host of its own).
ALLOWED_HOSTS = [".localhost", "127.0.0.1", "[::1]"]
{%- if cookiecutter.jwt_algorithm | asymmetric %}

# With no key given, the signing key lives in keys/ (git-ignored): the tokens app makes it on
# first start, and any key file named but missing. Nothing to set up by hand.
TOKENS = {**TOKENS, "CREATE_MISSING_KEYS_IN": BASE_DIR / "keys"}
{%- endif %}
{%- if cookiecutter.token_transport == "cookie" %}

# The front end (by default the example's development server, `python frontend/serve.py`) may
# call the API from its page.
CORS_ALLOWED_ORIGINS = [*CORS_ALLOWED_ORIGINS, FRONTEND_URL]
{%- endif %}
