"""Settings for `manage.py collectstatic` while the container image is built (Dockerfile).

Production's settings, so the static files get production's content-hashed names, with the test
settings' throwaway secrets: no real secret exists at build time, and none reaches the image.
"""

import os

# Required by production.py; collectstatic reads neither.
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

# test.py sets its secrets in the environment before it imports base.py, which reads them once.
from . import test  # noqa: F401
from .production import *
