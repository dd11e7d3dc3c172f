"""ASGI entry point, for servers such as uvicorn or daphne: `config.asgi:application`.

Servers run the production settings unless DJANGO_SETTINGS_MODULE names others: a server
started without it must never run with DEBUG on. manage.py (runserver) defaults to local.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
