"""WSGI entry point: `gunicorn -c config/gunicorn.py config.wsgi` (settings in config/gunicorn.py).

Servers run the production settings unless DJANGO_SETTINGS_MODULE names others: a server
started without it must never run with DEBUG on. manage.py (runserver) defaults to local.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
