from rest_framework import viewsets

from .models import Subscriber
from .serializers import SubscriberSerializer


class SubscriberViewSet(viewsets.ModelViewSet[Subscriber]):
    """List, create, read, update and delete subscribers. Every call needs a valid access token."""

    queryset = Subscriber.objects.all()
    serializer_class = SubscriberSerializer
