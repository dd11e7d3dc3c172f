"""The OpenAPI schema and its docs page."""

from . import DESCRIPTION, TITLE

# https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": TITLE,
    "DESCRIPTION": DESCRIPTION,
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's assets come from drf-spectacular-sidecar: the docs page loads nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True},
}
# Whether anyone may read the schema and the docs page, or staff only (the package's
# api_docs.py): anyone here (development, tests); production.py reads DJANGO_API_DOCS_PUBLIC, off by default.
API_DOCS_PUBLIC = True
