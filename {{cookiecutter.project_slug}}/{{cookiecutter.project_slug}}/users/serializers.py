import copy
from typing import Any, ClassVar

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

    # The fields ModelSerializer works out from the model, once per class: see get_fields().
    _model_fields: ClassVar[dict[str, serializers.Field[Any, Any, Any, Any]]]

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        """ModelSerializer's fields, worked out once per process and copied for each serializer.

        ModelSerializer works them out from the model's fields for every serializer it makes:
        labels translated, validators and lengths read, about a fifth of the CPU a GET of
        /api/users/me/ costs. They depend on nothing but Meta, so each serializer gets copies
        of one set, as DRF gives each one copies of the fields a serializer class declares:
        the same fields, the same answers, the same schema.
        """
        cls = type(self)
        if "_model_fields" not in cls.__dict__:  # not a parent's: a subclass has its own Meta
            cls._model_fields = super().get_fields()
        return copy.deepcopy(cls._model_fields)


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
