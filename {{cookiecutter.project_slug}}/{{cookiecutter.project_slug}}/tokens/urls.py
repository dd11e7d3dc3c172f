"""Token endpoints, mounted under /api/token/."""

from django.urls import path
from rest_framework_simplejwt.views import (
{%- if cookiecutter.blacklist_after_rotation %}
    TokenBlacklistView,
{%- endif %}
    TokenObtainPairView,
    TokenRefreshView,
    TokenVerifyView,
)

urlpatterns = [
    path("", TokenObtainPairView.as_view(), name="token_obtain_pair"),
    path("refresh/", TokenRefreshView.as_view(), name="token_refresh"),
    path("verify/", TokenVerifyView.as_view(), name="token_verify"),
{%- if cookiecutter.blacklist_after_rotation %}
    path("blacklist/", TokenBlacklistView.as_view(), name="token_blacklist"),
{%- endif %}
]
