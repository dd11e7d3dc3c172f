"""Token endpoints, mounted under /api/token/, each rate-limited (see throttling.py)."""

from django.urls import path
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView, TokenVerifyView

from .throttling import LoginRateThrottle, TokenRateThrottle

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
]
