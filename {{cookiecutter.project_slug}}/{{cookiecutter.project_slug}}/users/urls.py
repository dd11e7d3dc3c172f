{%- set asymmetric = cookiecutter.jwt_algorithm | asymmetric -%}
"""Account endpoints of the signed-in user, mounted under /api/users/."""

{% if asymmetric -%}
from django.conf import settings
{% endif -%}
from django.urls import path

from .views import {{ "LogoutEverywhereView, " if cookiecutter.blacklist_after_rotation }}PasswordChangeView, UserView

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
]
{%- if asymmetric %}

# A verifier-only service (JWT_JWKS_URL set) has no accounts: its users live with the issuer.
if settings.JWT_JWKS_URL:
    urlpatterns = []
{%- endif %}
