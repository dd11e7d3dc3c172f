"""URL configuration: the API under /api/, its schema and docs, and the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("api/", include("config.api_router")),
    path("api/token/", include("{{ cookiecutter.project_slug }}.tokens.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("admin/", admin.site.urls),
]

handler400 = "{{ cookiecutter.project_slug }}.errors.bad_request"
handler404 = "{{ cookiecutter.project_slug }}.errors.page_not_found"
handler500 = "{{ cookiecutter.project_slug }}.errors.server_error"
