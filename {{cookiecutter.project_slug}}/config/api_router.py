"""The API's resources, registered on one router: add a viewset here to publish it under /api/."""

from rest_framework.routers import SimpleRouter

from {{ cookiecutter.project_slug }}.subscribers.views import SubscriberViewSet
{%- if cookiecutter | detects_reuse %}
from {{ cookiecutter.project_slug }}.tokens.views.sessions import SessionViewSet
{%- endif %}

router = SimpleRouter()
router.register("subscribers", SubscriberViewSet)
{%- if cookiecutter | detects_reuse %}
# The signed-in user's sessions, one per login (tokens/sessions.py).
router.register("sessions", SessionViewSet, basename="session")
{%- endif %}

urlpatterns = router.urls
