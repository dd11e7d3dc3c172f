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

env = environ.Env()
