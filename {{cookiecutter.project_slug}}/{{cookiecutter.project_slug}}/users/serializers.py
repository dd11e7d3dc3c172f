from typing import Any

from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import User


class UserSerializer(serializers.ModelSerializer[User]):
    """The signed-in user's account. What they log in with and the staff flag are read-only:
    an admin changes those.{{ "" if cookiecutter.login_field == "email" or not cookiecutter.registration else " So is the email address: password resets are mailed to it, and an\n    access token alone must not send them elsewhere." }}"""

    class Meta:
        model = User
        fields = [
            "id",
{%- if cookiecutter.login_field == "username" %}
            "username",
{%- endif %}
            "email",
            "first_name",
            "last_name",
            "date_joined",
            "is_staff",
        ]
{%- if cookiecutter.registration and cookiecutter.login_field == "username" %}
        read_only_fields = ["id", "username", "email", "date_joined", "is_staff"]
{%- else %}
        read_only_fields = ["id", User.USERNAME_FIELD, "date_joined", "is_staff"]
{%- endif %}


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
