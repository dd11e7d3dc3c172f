"""URL configuration: the API under /api/, its schema and docs, the admin, and /healthz."""

from django.contrib import admin
from django.urls import include, path, re_path

from {{ cookiecutter.project_slug }}.api_docs import SchemaView, SwaggerView
from {{ cookiecutter.project_slug }}.errors import api_not_found
from {{ cookiecutter.project_slug }}.health.views import healthz
{%- if cookiecutter.jwt_algorithm | asymmetric %}
from {{ cookiecutter.project_slug }}.tokens.conf import token_settings
{%- endif %}
from {{ cookiecutter.project_slug }}.tokens.throttling import throttle_login_form
{%- if cookiecutter.jwt_algorithm | asymmetric %}
from {{ cookiecutter.project_slug }}.tokens.views.jwks import jwks
{%- endif %}

urlpatterns = [
    path("api/", include("config.api_router")),
    path("api/token/", include("{{ cookiecutter.project_slug }}.tokens.urls")),
    path("api/users/", include("{{ cookiecutter.project_slug }}.users.urls")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="docs"),
    # The admin's login is a second door for passwords: the API login's limits hold it too.
    path("admin/login/", throttle_login_form(admin.site.login)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Last: any other /api/ URL answers the JSON 404, also with DEBUG on, when Django would
    # answer its HTML debug page instead of calling handler404. Only URLs ending in a slash: one
    # without it still gets APPEND_SLASH's redirect when the URL with the slash exists.
    re_path(r"^api/(?:.*/)?$", api_not_found),
]
{%- if cookiecutter.jwt_algorithm | asymmetric %}

# An issuer publishes its public keys; a verifier-only service (JWT_JWKS_URL set) has none.
if not token_settings.JWKS_URL:
    urlpatterns.append(path(".well-known/jwks.json", jwks, name="jwks"))
{%- endif %}

handler400 = "{{ cookiecutter.project_slug }}.errors.bad_request"
handler404 = "{{ cookiecutter.project_slug }}.errors.page_not_found"
handler500 = "{{ cookiecutter.project_slug }}.errors.server_error"
