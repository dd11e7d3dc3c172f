"""Login for users with a second factor: the password alone answers a challenge, not tokens
(SIMPLE_JWT's TOKEN_OBTAIN_SERIALIZER names this class)."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.module_loading import import_string
from rest_framework_simplejwt.settings import api_settings

from .. import events
from ..tokens.serializers import TokenObtainPairSerializer
from . import challenges, codes

# What a challenge can be answered with, in the second step's body.
METHODS = ["totp", "recovery_code"]


class Login(TokenObtainPairSerializer):
    """Login: tokens for a user without a second factor; for one with, a challenge to answer at
    /api/token/second-factor/ within CHALLENGE_LIFETIME."""

    def methods(self, user: AbstractBaseUser) -> list[str]:
        """What `user`'s challenge can be answered with: none for a user without a factor."""
        return METHODS if codes.has_second_factor(user) else []

    def answer(self, user: AbstractBaseUser) -> dict[str, Any]:
        methods = self.methods(user)
        if not methods:
            return super().answer(user)
        events.record(
            events.Event.SECOND_FACTOR_CHALLENGED, self.context.get("request"), user=user
        )
        return {
            "challenge": challenges.issue(user),
            "methods": methods,
            "expires_in": int(challenges.CHALLENGE_LIFETIME.total_seconds()),
        }


def methods_of(user: AbstractBaseUser) -> list[str]:
    """What answers `user`'s login challenge, as the login in use offers it (SIMPLE_JWT's
    TOKEN_OBTAIN_SERIALIZER: Login, or the subclass of an app that adds a factor, such as
    passkeys): empty for a user whose login asks for no second factor. What the factors app
    asks when it must know about every factor, not only its own."""
    login: type[Login] = import_string(api_settings.TOKEN_OBTAIN_SERIALIZER)
    return login().methods(user)
