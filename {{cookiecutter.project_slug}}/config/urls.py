"""URL configuration: the API under /api/, its schema and docs, the admin, /healthz, /readyz and /metrics."""

from django.contrib import admin
from django.urls import include, path, re_path

from {{ cookiecutter.project_slug }}.api_docs import SchemaView, SwaggerView
from {{ cookiecutter.project_slug }}.errors import api_not_found
from {{ cookiecutter.project_slug }}.health.views import healthz, readyz
from {{ cookiecutter.project_slug }}.metrics import metrics
from {{ cookiecutter.project_slug }}.tokens.throttling import throttle_login_form

urlpatterns = [
    path("api/", include("config.api_router")),
    # The tokens and the accounts (and the public keys, where tokens are signed with one).
    path("", include("{{ cookiecutter.project_slug }}.urls")),
{%- if cookiecutter | totp %}
    # The second step of a login, and the user's second factors.
    path("api/", include("{{ cookiecutter.project_slug }}.factors.urls")),
{%- endif %}
{%- if cookiecutter | passkeys %}
    # Passkeys: the login steps with one, and the user's passkeys.
    path("api/", include("{{ cookiecutter.project_slug }}.passkeys.urls")),
{%- endif %}
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="docs"),
    # The admin's login is a second door for passwords: the API login's limits hold it too.
    path("admin/login/", throttle_login_form(admin.site.login)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    # Last: any other /api/ URL answers the JSON 404, also with DEBUG on, when Django would
    # answer its HTML debug page instead of calling handler404. Only URLs ending in a slash: one
    # without it still gets APPEND_SLASH's redirect when the URL with the slash exists.
    re_path(r"^api/(?:.*/)?$", api_not_found),
]

handler400 = "{{ cookiecutter.project_slug }}.errors.bad_request"
handler404 = "{{ cookiecutter.project_slug }}.errors.page_not_found"
handler500 = "{{ cookiecutter.project_slug }}.errors.server_error"
