"""Who may call the token endpoints that read or set the refresh token cookie (views/).

Browsers attach the cookie by themselves, so login, refresh and logout also require the
X-Requested-With header: a page on another site cannot add a custom header without a CORS
preflight, which only the origins in CORS_ALLOWED_ORIGINS pass, and an HTML form cannot add one
at all. SameSite=Strict alone would already keep the cookie off cross-site requests; the header
check also covers sibling subdomains, which count as the same site.
"""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

CSRF_HEADER = "X-Requested-With"
CSRF_HEADER_META_KEY = "HTTP_X_REQUESTED_WITH"


class SentByScript(BasePermission):
    """Lets a request through only if it carries the X-Requested-With header (any value)."""

    message = f"The {CSRF_HEADER} header is required: send it with fetch() from an allowed origin."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return CSRF_HEADER_META_KEY in request.META
