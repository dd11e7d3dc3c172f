"""Passkeys (passkeys/): its app, the login a passkey can answer, and the relying party."""

from urllib.parse import urlsplit

from . import PACKAGE, factors  # noqa: F401 (first: this replaces its login)
from .apps import INSTALLED_APPS
from .frontend import FRONTEND_URL
from .tokens import SIMPLE_JWT

INSTALLED_APPS.append(f"{PACKAGE}.passkeys")

# The factors app's login, which a passkey can answer too: this replaces the factors component's
# value (imported above, so it comes first).
SIMPLE_JWT["TOKEN_OBTAIN_SERIALIZER"] = f"{PACKAGE}.passkeys.login.Login"

# The site the passkeys belong to is the front end's, where the browser runs WebAuthn: its
# origin, and its host name as the relying party's id (a passkey works on that host and its
# subdomains only). Browsers refuse an IP address as the id: serve the front end under a name.
PASSKEYS_ORIGIN = FRONTEND_URL
PASSKEYS_RP_ID = urlsplit(FRONTEND_URL).hostname or ""
PASSKEYS_RP_NAME = {{ cookiecutter.project_name | python_string }}
