"""The secret a mailed link carries: random, opaque, and stored only as its digest.

A link's token names no account and counts nothing; 256 random bits cannot be guessed, so a
plain SHA-256 digest is enough to keep a copy of the database from holding usable links.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

# Longer than any token new_token() makes: a longer one in a request is refused unread.
MAX_TOKEN_LENGTH = 64


def new_token() -> tuple[str, str]:
    """A new link's token (for the mail) and its digest (for the database)."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    """The digest a link's token is stored and looked up by."""
    return hashlib.sha256(token.encode()).hexdigest()


def expiry() -> datetime:
    """When a link made now stops working (DJANGO_ACCOUNT_LINK_TIMEOUT)."""
    return timezone.now() + timedelta(seconds=settings.ACCOUNT_LINK_TIMEOUT)
