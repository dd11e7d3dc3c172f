"""What OPTIONS tells about a view, and to whom: the same readers as the API's schema.

Its own module: DRF's APIView reads DEFAULT_METADATA_CLASS as it is defined, so this one cannot
import DRF's views (api_docs.py does).
"""

from typing import Any

from django.conf import settings
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request


def docs_open_to(request: Request) -> bool:
    """Whether `request` may read the schema and the view descriptions: anyone while the
    API_DOCS_PUBLIC setting is on, staff only otherwise."""
    return settings.API_DOCS_PUBLIC or bool(request.user and request.user.is_staff)


class ApiMetadata(SimpleMetadata):
    """OPTIONS answers, besides its Allow header, DRF's description of the view (its docstring,
    its fields) to readers of the schema, and nothing to others."""

    def determine_metadata(self, request: Request, view: Any) -> dict[str, Any]:
        if docs_open_to(request):
            return dict(super().determine_metadata(request, view))
        return {}
