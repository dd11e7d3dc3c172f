"""djoser's activation and reset serializers, with passwords taken as typed (sign-up's is in
signup.py)."""

from typing import Any

from djoser import serializers as djoser
from rest_framework import exceptions, serializers


def password_field() -> serializers.CharField:
    """A new password, as typed: login keeps surrounding spaces, so these must too (djoser's
    fields strip them, and the password saved would not be the one the user logs in with).

    Not write-only, as djoser's are not: its reset view reads the password back from `data`.
    No response shows it: sign-up answers a fixed body, the reset 204.
    """
    return serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class ActivationSerializer(djoser.ActivationSerializer):  # type: ignore[misc]
    """The link's uid and token, for an account waiting for activation only.

    djoser activates any inactive account whose link checks out, so an account an admin
    deactivated could activate itself again with a new activation mail. Answers 403, as djoser
    does for an account already active.
    """

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if not self.user.pending_activation:
            raise exceptions.PermissionDenied(self.error_messages["stale_token"])
        # djoser's view saves the user with is_active set: this goes with it.
        self.user.pending_activation = False
        return attrs


class PasswordResetConfirmSerializer(djoser.PasswordResetConfirmSerializer):  # type: ignore[misc]
    """The link's uid and token, and the new password (Django's password validators)."""

    new_password = password_field()
