"""Where the front end is: the mails' links lead there, and development lets it call the API."""

from . import env

# Development default: the example front end (frontend/serve.py), on the host name the API's
# development server has, so that both are one site for the SameSite=Strict refresh cookie.
FRONTEND_URL = env.str("DJANGO_FRONTEND_URL", default="http://127.0.0.1:5173").rstrip("/")
