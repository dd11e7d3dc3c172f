"""The bodies of the second factor's endpoints."""

from rest_framework import serializers

# Long enough for a recovery code typed with spaces; anything longer is a 400, never hashed.
CODE_LENGTH = 64
PASSWORD_LENGTH = 4096


class OneCodeSerializer(serializers.Serializer[None]):
    """One code of either kind: from the authenticator app, or a recovery code."""

    totp = serializers.CharField(required=False, max_length=CODE_LENGTH)
    recovery_code = serializers.CharField(required=False, max_length=CODE_LENGTH)

    def validate(self, attrs: dict[str, str]) -> dict[str, str]:
        if ("totp" in attrs) == ("recovery_code" in attrs):
            raise serializers.ValidationError("Send one of totp and recovery_code.")
        return attrs


class SecondFactorSerializer(OneCodeSerializer):
    """The second step of a login: the challenge login answered, and a code."""

    challenge = serializers.CharField(max_length=128)


class ReauthenticationSerializer(OneCodeSerializer):
    """The password and a code: what a change of an enabled factor asks for."""

    password = serializers.CharField(max_length=PASSWORD_LENGTH, trim_whitespace=False)


class PasswordSerializer(serializers.Serializer[None]):
    """The password, asked again before a factor is added."""

    password = serializers.CharField(max_length=PASSWORD_LENGTH, trim_whitespace=False)


class CodeSerializer(serializers.Serializer[None]):
    """A code of the authenticator app being enrolled."""

    totp = serializers.CharField(max_length=CODE_LENGTH)
