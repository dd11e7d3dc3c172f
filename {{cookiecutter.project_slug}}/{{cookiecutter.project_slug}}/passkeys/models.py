"""A user's passkeys, and the challenges of the ceremonies under way."""

from django.conf import settings
from django.db import models


class Passkey(models.Model):
    """A public key credential of a user's authenticator: what verifies its assertions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="passkeys"
    )
    # The credential's id as the browser sends it (base64url): at most 1023 bytes, WebAuthn
    # Level 3 section 5.1.
    credential_id = models.CharField(max_length=1400, unique=True)
    # COSE_Key, as the attestation carried it.
    public_key = models.BinaryField()
    # The authenticator's signature counter: an assertion must count past it (0 where the
    # authenticator keeps none, as synced passkeys do).
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list)
    # The random id the authenticator keeps for the user (WebAuthn's user handle), base64url: a
    # passkey found with no account named answers it, and it tells nothing about the account.
    user_handle = models.CharField(max_length=100)
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"passkey {self.name!r} of user {self.user_id}"


class Ceremony(models.TextChoices):
    REGISTRATION = "registration"
    SECOND_FACTOR = "second_factor"
    LOGIN = "login"
    REAUTHENTICATION = "reauthentication"


class PasskeyChallenge(models.Model):
    """The random challenge of one ceremony: registering a passkey (bound to the user), the
    second step of a login (bound to its login challenge), a login without a password (bound
    to nothing: no account is named), or a signed-in user proving a passkey again (bound to the
    user). Short-lived; deleted by the first response that names it, right or wrong."""

    challenge = models.CharField(max_length=100, primary_key=True)
    ceremony = models.CharField(max_length=20, choices=Ceremony.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="passkey_challenges",
    )
    # The hash of the login challenge a second-factor ceremony answers (factors/challenges.py).
    login_challenge = models.CharField(max_length=64, blank=True)
    # The user handle a registration gave the authenticator: the new passkey's.
    user_handle = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"passkey {self.ceremony} challenge"
