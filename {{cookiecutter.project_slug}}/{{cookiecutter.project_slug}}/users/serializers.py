from typing import Any

from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import account
from .models import User


class UserSerializer(serializers.ModelSerializer[User]):
    """The signed-in user's account. An admin changes the read-only fields: what the user logs
    in with and the staff flag among them."""

    # Which fields, and which of them are read-only: account.py.

    class Meta:
        model = User
        fields = account.FIELDS
        read_only_fields = account.READ_ONLY_FIELDS


class PasswordChangeSerializer(serializers.Serializer[User]):
    """The current password, and a new one that Django's password validators accept."""

    # Passwords are taken as typed: surrounding spaces are part of them.
    current_password = serializers.CharField(write_only=True, trim_whitespace=False)
    new_password = serializers.CharField(write_only=True, trim_whitespace=False)

    def validate_current_password(self, value: str) -> str:
        assert self.instance is not None  # the view passes the signed-in user
        if not self.instance.check_password(value):
            raise serializers.ValidationError(
                _("The current password is not correct."), code="wrong_password"
            )
        return value

    def validate_new_password(self, value: str) -> str:
        password_validation.validate_password(value, self.instance)
        return value

    def update(self, instance: User, validated_data: dict[str, Any]) -> User:
        instance.set_password(validated_data["new_password"])
        instance.save(update_fields=["password"])
        return instance
