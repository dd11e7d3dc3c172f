"""The project's own endpoints, which config/urls.py mounts: the tokens under /api/token/ and the
accounts under /api/users/."""

from django.urls import include, path

from .tokens import urls as token_urls
from .users import urls as user_urls

urlpatterns = [
    path("api/token/", include(token_urls)),
    path("api/users/", include(user_urls)),
]
