"""The API's resources, registered on one router: add a viewset here to publish it under /api/."""

from rest_framework.routers import SimpleRouter

from {{ cookiecutter.project_slug }}.subscribers.views import SubscriberViewSet

router = SimpleRouter()
router.register("subscribers", SubscriberViewSet)

urlpatterns = router.urls
