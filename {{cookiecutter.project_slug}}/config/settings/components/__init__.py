"""The settings, one module per concern; config/settings/base.py puts them together.

Each module sets values only: it reads the environment through `env` and imports nothing of the
project. What differs by environment, local.py, test.py and production.py set after them. This
module holds what the project was generated with (the only one written by the template, with
tokens.py); the others are plain Python.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent.parent
# The project: its package, whose apps and classes the settings name by their dotted paths, and
# its name and description, which its API documentation shows.
PACKAGE = "{{ cookiecutter.project_slug }}"
TITLE = {{ cookiecutter.project_name | python_string }}
DESCRIPTION = {{ cookiecutter.description | python_string }}

# Any variable may instead name a file holding its value, as NAME_FILE (a secret that a container
# platform mounts, e.g. DJANGO_SECRET_KEY_FILE=/run/secrets/django-secret-key): the file wins, and
# the value never shows in the process's environment. Write it without a final line break.
env = environ.FileAwareEnv()
