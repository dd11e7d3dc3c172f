"""The bodies of the endpoints anyone may call: an address, a link's token, a new password.

Each field takes JSON of its own type only: a number, list or null where a string belongs is a
400 naming the field, like every other malformed body.
"""

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..addresses import canonical_email
from ..models import User
from .links import MAX_TOKEN_LENGTH

# The one answer for a link that is unknown, tampered with, used or expired.
INVALID_LINK = _("This link is not valid: it may have expired or been used. Ask for a new one.")


class TextField(serializers.CharField):
    """A CharField that takes JSON strings only (DRF's also turns numbers into text)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class EmailField(TextField):
    """An email address, as its canonical form (addresses.py); other forms of one are refused."""

    def to_internal_value(self, data: Any) -> str:
        address = super().to_internal_value(data)
        try:
            return canonical_email(address)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None


def password_field() -> TextField:
    """A new password, as typed: login keeps surrounding spaces, so this must too."""
    return TextField(write_only=True, trim_whitespace=False, style={"input_type": "password"})


def check_password(password: str, user: User, field: str) -> str:
    """`password`, if Django's password validators accept it for `user`; else a 400 that names
    the request's `field`."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise serializers.ValidationError({field: error.messages}) from None
    return password


class AddressSerializer(serializers.Serializer[Any]):
    """The body of a request for a mail: the address to send it to."""

    email = EmailField(max_length=254)


class LinkSerializer(serializers.Serializer[Any]):
    """A mailed link's token. Too long a token is the same invalid link as any other."""

    token = TextField(max_length=MAX_TOKEN_LENGTH)


class ActivationSerializer(LinkSerializer):
    """The activation link's token and the password its holder chooses for the account."""

    password = password_field()


class PasswordResetConfirmSerializer(LinkSerializer):
    """The reset link's token and the new password."""

    new_password = password_field()
