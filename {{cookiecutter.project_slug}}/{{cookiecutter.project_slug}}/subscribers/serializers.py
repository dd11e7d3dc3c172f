from typing import Any

from django.db import IntegrityError, transaction
from rest_framework import serializers

from .models import Subscriber


class SubscriberSerializer(serializers.ModelSerializer[Subscriber]):
    class Meta:
        model = Subscriber
        fields = ["id", "name", "age", "email"]

    def save(self, **kwargs: Any) -> Subscriber:
        # Two requests racing with the same email both pass the unique check in validation; the
        # database's unique index stops the second one, which then gets the same 400 as any
        # other duplicate instead of a 500.
        try:
            with transaction.atomic():
                return super().save(**kwargs)
        except IntegrityError as error:
            raise serializers.ValidationError(
                {"email": ["subscriber with this email already exists."]}
            ) from error
