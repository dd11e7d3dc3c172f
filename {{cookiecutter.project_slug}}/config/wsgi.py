"""WSGI entry point: `gunicorn -c config/gunicorn.py config.wsgi` (settings in config/gunicorn.py).

Defaults to local settings; set DJANGO_SETTINGS_MODULE=config.settings.production on servers.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_wsgi_application()
