"""Static files: the admin's and the docs page's."""

from . import BASE_DIR

# https://docs.djangoproject.com/en/dev/howto/static-files/
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
