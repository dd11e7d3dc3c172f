"""The settings, one module per concern; config/settings/base.py puts them together.

Each module sets values only: it reads the environment through `env` and imports nothing of the
project. What differs by environment, local.py, test.py and production.py set after them.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent.parent
# The project's package: the settings name its apps and classes by their dotted paths.
PACKAGE = "{{ cookiecutter.project_slug }}"

env = environ.Env()
