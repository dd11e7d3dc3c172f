"""Login where users may have passkeys: the factors app's login, whose challenge a passkey can
answer too (SIMPLE_JWT's TOKEN_OBTAIN_SERIALIZER names this class)."""

from django.contrib.auth.models import AbstractBaseUser

from ..factors import codes, login
from ..factors.models import RecoveryCode
from .models import Passkey


class Login(login.Login):
    """Login: tokens for a user without a second factor; for one with, a challenge that the
    authenticator app's code, a recovery code or one of the user's passkeys answers."""

    def methods(self, user: AbstractBaseUser) -> list[str]:
        methods = ["totp"] if codes.has_second_factor(user) else []
        if Passkey.objects.filter(user_id=user.pk).exists():
            methods.append("passkey")
        if methods and RecoveryCode.objects.filter(user_id=user.pk).exists():
            methods.append("recovery_code")
        return methods
