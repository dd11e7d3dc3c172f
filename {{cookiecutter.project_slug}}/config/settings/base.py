"""Settings shared by every environment, one module per concern in components/.

Secrets and anything that differs between machines come from the environment (django-environ);
local.py, test.py and production.py build on this module. Components that add to another's
value (an app, a throttle rate, a token setting) change it in place, so their order is free.
"""

import django_stubs_ext

from .components.api import *
from .components.apps import *
{%- if cookiecutter.blacklist_after_rotation %}
from .components.blacklist import *
{%- endif %}
from .components.cache import *
{%- if cookiecutter.token_transport == "cookie" %}
from .components.cors import *
{%- endif %}
from .components.database_{{ cookiecutter.database }} import *
from .components.docs import *
{%- if cookiecutter | totp %}
from .components.factors import *
{%- endif %}
{%- if cookiecutter.token_transport == "cookie" or cookiecutter.registration or cookiecutter | passkeys %}
from .components.frontend import *
{%- endif %}
from .components.general import *
from .components.logging import *
{%- if cookiecutter | passkeys %}
from .components.passkeys import *
{%- endif %}
from .components.passwords import *
{%- if cookiecutter.registration %}
from .components.registration import *
{%- endif %}
from .components.signing_{{ "keys" if cookiecutter.jwt_algorithm | asymmetric else "hmac" }} import *
from .components.static import *
from .components.tokens import *

# Lets classes typed generic by django-stubs, such as ModelAdmin[Subscriber], take the type
# arguments at run time too: django-stubs-ext's documented place for it is the settings.
django_stubs_ext.monkeypatch()
