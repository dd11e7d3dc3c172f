{%- set asymmetric = cookiecutter.jwt_algorithm | asymmetric -%}
"""Account endpoints of the signed-in user{{ ", sign-up and password reset" if cookiecutter.registration }}, mounted under /api/users/."""

from django.urls import {{ "include, path" if cookiecutter.registration else "path" }}

{% if asymmetric -%}
from ..tokens.conf import token_settings
{% endif -%}
{% if cookiecutter.blacklist_after_rotation -%}
from .logout import LogoutEverywhereView
{% endif -%}
from .views import PasswordChangeView, UserView

urlpatterns = [
    path("me/", UserView.as_view(), name="user_me"),
    path("me/password/", PasswordChangeView.as_view(), name="user_password"),
{%- if cookiecutter.blacklist_after_rotation %}
    path(
        "me/logout-everywhere/",
        LogoutEverywhereView.as_view(),
        name="user_logout_everywhere",
    ),
{%- endif %}
{%- if cookiecutter.registration %}
    # Sign-up and password reset: anyone may call these.
    path("", include("{{ cookiecutter.project_slug }}.users.registration.urls")),
{%- endif %}
]
{%- if asymmetric %}

# A verifier-only service (JWT_JWKS_URL set) has no accounts: its users live with the issuer.
if token_settings.JWKS_URL:
    urlpatterns = []
{%- endif %}
