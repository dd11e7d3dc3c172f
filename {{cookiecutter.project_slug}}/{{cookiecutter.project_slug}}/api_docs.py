"""The API's schema and its Swagger UI page: who may read them, and what the page may load."""

from typing import Any

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .metadata import docs_open_to

# Swagger UI's files and the schema come from this server (drf-spectacular-sidecar), and so do
# the calls it tries out: nothing else may load or run. Styles may be inline: the page has a
# <style> element, and Swagger UI sets style attributes.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
# Staff authenticate as API clients do (APIView's classes are REST_FRAMEWORK's), or by logging in
# to the admin first: a browser opening the docs page sends no token.
AUTHENTICATION = [*APIView.authentication_classes, SessionAuthentication]


class ApiDocsAccess(BasePermission):
    """Anyone while the API_DOCS_PUBLIC setting is on, staff only otherwise."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return docs_open_to(request)


class SchemaView(SpectacularAPIView):
    authentication_classes = AUTHENTICATION
    permission_classes = [ApiDocsAccess]


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI, its start-up script a file of its own (`?script`) that the page loads, under
    CONTENT_SECURITY_POLICY, which allows no inline script."""

    authentication_classes = AUTHENTICATION
    permission_classes = [ApiDocsAccess]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response
