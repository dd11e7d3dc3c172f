"""Token endpoints for browsers, mounted under /api/token/, each rate-limited (see
throttling.py): the refresh token travels in a cookie (views/cookie.py)."""

from django.urls import path
from rest_framework_simplejwt.views import TokenVerifyView

from .throttling import LoginRateThrottle, TokenRateThrottle
from .views.cookie import TokenObtainPairView, TokenRefreshView
from .views.logout import LogoutView

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
    path(
        "logout/",
        LogoutView.as_view(throttle_classes=token_throttles),
        name="token_logout",
    ),
]
