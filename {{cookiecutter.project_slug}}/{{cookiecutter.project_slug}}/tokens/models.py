"""The sessions of users: one per login, named by the family of its refresh tokens (rotation.py).

A session lives while its newest refresh token does; ending one revokes every refresh token of
its family (sessions.py).
"""

from django.conf import settings
from django.db import models


class Session(models.Model):
    """One login of a user, and where it was last used from (its login, then each refresh), as
    the user's list of sessions shows it."""

    # The `jti` of the login's refresh token, which every successor names in its `family` claim,
    # and every access token in its `sid` claim.
    family = models.CharField(max_length=255, primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="token_sessions"
    )
    created_at = models.DateTimeField()
    refreshed_at = models.DateTimeField()
    # The client's network, not its address: an IPv4 /24 or an IPv6 /48.
    network = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=256, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "-refreshed_at"], name="tokens_session_user_recent")
        ]

    def __str__(self) -> str:
        return f"session {self.family} of user {self.user_id}"
