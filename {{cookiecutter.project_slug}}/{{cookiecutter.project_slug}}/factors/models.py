"""A user's second factors, and the challenges of logins waiting for one."""

from django.conf import settings
from django.db import models


class TOTPDevice(models.Model):
    """A user's authenticator app: the shared secret, and the last time step a code was used in.

    Pending until a code proves the app holds the secret (`confirmed_at`); only a confirmed
    device is asked for at login.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="totp"
    )
    # RFC 4648 base32, as authenticator apps take it.
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # A code is accepted only for a later step than this one: none can be replayed.
    last_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"TOTP device of user {self.user_id}"


class RecoveryCode(models.Model):
    """One single-use recovery code of a user, kept as its SHA-256 hash only (the codes are
    random and long: 80 bits each, no guessable input to slow down)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"recovery code of user {self.user_id}"


class LoginChallenge(models.Model):
    """A login whose password was right, waiting for the second factor: kept as the SHA-256
    hash of the challenge the client holds, bound to the user and to their password at the time
    (a password change meanwhile voids it), single use, short-lived, with few attempts."""

    key_hash = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_challenges"
    )
    password_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"login challenge of user {self.user_id}"
