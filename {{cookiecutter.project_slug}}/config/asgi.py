"""ASGI entry point, for servers such as uvicorn or daphne: `config.asgi:application`.

Defaults to local settings; set DJANGO_SETTINGS_MODULE=config.settings.production on servers.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

application = get_asgi_application()
