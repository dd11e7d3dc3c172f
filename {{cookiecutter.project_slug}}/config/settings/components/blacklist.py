"""simplejwt's blacklist: spent refresh tokens, and every token of a user logged out everywhere."""

from .apps import INSTALLED_APPS

INSTALLED_APPS.append("rest_framework_simplejwt.token_blacklist")
