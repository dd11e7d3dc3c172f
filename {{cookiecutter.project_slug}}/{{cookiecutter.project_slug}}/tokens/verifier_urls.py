"""The token endpoints of a verifier-only service (JWT_JWKS_URL set), mounted under /api/token/:
verify alone. It holds no private key, so it issues no token (config/urls.py)."""

from django.urls import path
from rest_framework_simplejwt.views import TokenVerifyView

from .serializers import VerifierTokenVerifySerializer
from .throttling import TokenRateThrottle

urlpatterns = [
    path(
        "verify/",
        TokenVerifyView.as_view(
            serializer_class=VerifierTokenVerifySerializer, throttle_classes=[TokenRateThrottle]
        ),
        name="token_verify",
    ),
]
