"""Checking a user's second factor: a TOTP code (RFC 6238) that no one can use twice, or a
recovery code that works once; and the limit on guesses per account.

Every check runs in a transaction that holds the user's TOTP device row, so of two requests with
the same code only one gets through.
"""

import base64
import hashlib
import secrets
from typing import Literal

import pyotp
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from .models import RecoveryCode, TOTPDevice

# Codes of the step before and after the current one pass too: the phone's clock may be off by
# up to 30 seconds, and typing a code takes time.
VALID_WINDOW = 1
RECOVERY_CODES = 10
# 16 characters of base32: 80 random bits each.
RECOVERY_CODE_BYTES = 10

Kind = Literal["totp", "recovery_code"]


def new_secret() -> str:
    """A TOTP secret: 160 random bits in base32, as RFC 4226 recommends."""
    return pyotp.random_base32(32)


def provisioning_uri(device: TOTPDevice, name: str, issuer: str) -> str:
    """The otpauth:// URI an authenticator app reads (from a QR code) to add `device`."""
    return pyotp.TOTP(device.secret).provisioning_uri(name=name, issuer_name=issuer)


def totp_step(device: TOTPDevice, code: str) -> int | None:
    """The time step `code` belongs to, if it is the device's code for a step around now that
    comes after the last one used; None otherwise."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return None
    try:
        step = pyotp.TOTP(device.secret).verify_and_get_timecode(code, valid_window=VALID_WINDOW)
    except pyotp.exceptions.OTPVerificationError:
        return None
    return step if step > device.last_step else None


def use_totp(user: AbstractBaseUser, code: str, *, confirmed: bool = True) -> bool:
    """Whether `code` is a code of `user`'s device (confirmed, or pending when `confirmed` is
    False) that was never used: if it is, its step is spent, and the device confirmed."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user_id=user.pk, confirmed_at__isnull=not confirmed)
            .first()
        )
        step = None if device is None else totp_step(device, code)
        if device is None or step is None:
            return False
        device.last_step = step
        device.confirmed_at = device.confirmed_at or timezone.now()
        device.save(update_fields=["last_step", "confirmed_at"])
        return True


def hash_recovery_code(code: str) -> str:
    """The SHA-256 of a recovery code as typed, without its dashes, spaces or letter case."""
    normal = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(normal.encode()).hexdigest()


def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace `user`'s recovery codes with new ones; return them (shown once, never again)."""
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_bytes(RECOVERY_CODE_BYTES)
        text = base64.b32encode(raw).decode().lower()
        codes.append("-".join(text[i : i + 4] for i in range(0, len(text), 4)))
    with transaction.atomic():
        RecoveryCode.objects.filter(user_id=user.pk).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user_id=user.pk, code_hash=hash_recovery_code(code)) for code in codes
        )
    return codes


def use_recovery_code(user: AbstractBaseUser, code: str) -> bool:
    """Whether `code` is one of `user`'s recovery codes: if it is, it is spent."""
    if len(code) > 64:
        return False
    deleted, _ = RecoveryCode.objects.filter(
        user_id=user.pk, code_hash=hash_recovery_code(code)
    ).delete()
    return deleted > 0


def use_factor(user: AbstractBaseUser, kind: Kind, code: str) -> bool:
    """Whether `code` proves `user`'s second factor: a TOTP code, or a recovery code (spent)."""
    if kind == "totp":
        return use_totp(user, code)
    return use_recovery_code(user, code)


def has_second_factor(user: AbstractBaseUser) -> bool:
    """Whether `user` logs in with a second factor: a confirmed TOTP device."""
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed_at__isnull=False).exists()


class AccountGuessLimit(SimpleRateThrottle):
    """Wrong codes and passwords tried against one account's factors, from any address and any
    challenge (DJANGO_THROTTLE_SECOND_FACTOR): a code of six digits cannot be guessed in time.

    DRF's throttle counts every request; this one counts failures only, so a user who logs in
    often is never held up by their own right codes.
    """

    scope = "second_factor"

    def __init__(self, user: AbstractBaseUser) -> None:
        super().__init__()
        limit, period = self.parse_rate(self.rate)
        # tokens/checks.py refuses a malformed rate at start-up.
        assert limit is not None
        assert period is not None
        self.limit, self.period = limit, period
        self.account_key = self.cache_format % {"scope": self.scope, "ident": user.pk}

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.account_key

    def wait_if_exceeded(self) -> float | None:
        """None while the account may try again; else the seconds until it may."""
        self.now = self.timer()
        self.history = [
            moment
            for moment in self.cache.get(self.account_key, [])
            if moment > self.now - self.period
        ]
        if len(self.history) < self.limit:
            return None
        return self.wait() or 1.0

    def count_failure(self) -> None:
        """Count a wrong code or password (after wait_if_exceeded)."""
        self.history.insert(0, self.now)
        self.cache.set(self.account_key, self.history, self.period)
