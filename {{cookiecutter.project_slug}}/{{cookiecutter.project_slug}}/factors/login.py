"""Login for users with a second factor: the password alone answers a challenge, not tokens
(SIMPLE_JWT's TOKEN_OBTAIN_SERIALIZER names this class)."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

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
