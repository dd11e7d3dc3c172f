"""The bodies of the passkey endpoints. A credential is the JSON a browser's PublicKeyCredential
gives (toJSON()): py_webauthn parses it, and refuses what is malformed."""

from typing import Any

from rest_framework import serializers

from ..factors.serializers import PASSWORD_LENGTH
from .models import Passkey

# A credential's JSON: ids, client data, authenticator data, an attestation or a signature, all
# base64url. An attestation with a certificate chain stays far below this.
CREDENTIAL_LENGTH = 64 * 1024


class CredentialField(serializers.DictField):
    """A JSON object, of bounded size, that py_webauthn parses as a credential."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        value: dict[str, Any] = super().to_internal_value(data)
        if len(str(value)) > CREDENTIAL_LENGTH:
            raise serializers.ValidationError("The credential is too long.")
        return value


class PasskeyRegistrationSerializer(serializers.Serializer[None]):
    """The new passkey: the browser's answer to the registration options, and a name for it."""

    credential = CredentialField()
    name = serializers.CharField(max_length=100)


class PasskeyChallengeSerializer(serializers.Serializer[None]):
    """The challenge a login answered instead of tokens."""

    challenge = serializers.CharField(max_length=128)


class PasskeySecondFactorSerializer(PasskeyChallengeSerializer):
    """The second step of a login with a passkey: the challenge, and the browser's assertion."""

    credential = CredentialField()


class PasskeyLoginSerializer(serializers.Serializer[None]):
    """A login without a password: the browser's assertion of a discoverable passkey."""

    credential = CredentialField()


class PasskeyReauthenticationSerializer(serializers.Serializer[None]):
    """The password, and the browser's assertion for the reauthentication options."""

    password = serializers.CharField(max_length=PASSWORD_LENGTH, trim_whitespace=False)
    credential = CredentialField()


class PasskeySerializer(serializers.ModelSerializer[Passkey]):
    """One of the user's passkeys, as the list shows it."""

    class Meta:
        model = Passkey
        fields = ["id", "name", "created_at", "last_used_at"]
