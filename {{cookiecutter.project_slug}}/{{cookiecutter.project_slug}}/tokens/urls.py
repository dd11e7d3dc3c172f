{%- set cookie = cookiecutter.token_transport == "cookie" -%}
"""Token endpoints, mounted under /api/token/, each rate-limited (see throttling.py)."""

from django.urls import path
{%- if cookie %}
from rest_framework_simplejwt.views import TokenVerifyView
{%- else %}
from rest_framework_simplejwt.views import (
{%- if cookiecutter.blacklist_after_rotation %}
    TokenBlacklistView,
{%- endif %}
    TokenObtainPairView,
    TokenRefreshView,
    TokenVerifyView,
)
{%- endif %}

{% if cookiecutter.jwt_algorithm | asymmetric -%}
from .conf import token_settings
{% endif -%}
from .throttling import LoginRateThrottle, TokenRateThrottle
{%- if cookie %}
from .views.cookie import LogoutView, TokenObtainPairView, TokenRefreshView
{%- endif %}

login_throttles = [LoginRateThrottle]
token_throttles = [TokenRateThrottle]

urlpatterns = [
    path(
        "",
        TokenObtainPairView.as_view(throttle_classes=login_throttles),
        name="token_obtain_pair",
    ),
    path(
        "refresh/",
        TokenRefreshView.as_view(throttle_classes=token_throttles),
        name="token_refresh",
    ),
    path(
        "verify/",
        TokenVerifyView.as_view(throttle_classes=token_throttles),
        name="token_verify",
    ),
{%- if cookie %}
    path(
        "logout/",
        LogoutView.as_view(throttle_classes=token_throttles),
        name="token_logout",
    ),
{%- elif cookiecutter.blacklist_after_rotation %}
    path(
        "blacklist/",
        TokenBlacklistView.as_view(throttle_classes=token_throttles),
        name="token_blacklist",
    ),
{%- endif %}
]
{%- if cookiecutter.jwt_algorithm | asymmetric %}

# A verifier-only service (JWT_JWKS_URL set) holds no private key: it can check tokens, not issue
# them.
if token_settings.JWKS_URL:
    urlpatterns = [
        path(
            "verify/",
            TokenVerifyView.as_view(throttle_classes=token_throttles),
            name="token_verify",
        )
    ]
{%- endif %}
