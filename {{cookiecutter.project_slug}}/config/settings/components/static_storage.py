"""How servers store static files: production.py and build.py (the image's collectstatic) use it;
development and tests serve them straight from the apps."""

# Static files under content-hashed names, compressed, cached by browsers for good: run
# `manage.py collectstatic` before starting the servers (whitenoise serves STATIC_ROOT).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
