"""Settings for `manage.py collectstatic` while the container image is built (Dockerfile).

The test settings' throwaway secrets, with production's storage, so the static files get
production's content-hashed names: no real secret exists at build time, and none reaches the
image.
"""

from .components.static_storage import *
from .test import *

DEBUG = False
