"""The sessions of a user: one per login, from its first refresh token to the last of its family
(rotation.py). Public: the second factor's login starts sessions through `start`, and ends the
other sessions of a user whose factors change.

A session is ended by revoking its family: its refresh token is refused at once, under the
user's row lock, so a refresh racing the end either finishes first and its new token is revoked
too, or waits and is refused. Access tokens carry their session in the `sid` claim; they are not
looked up on each API call (that would cost every request a query) and live until they expire.
"""

import ipaddress
from typing import Any

import jwt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.utils import get_md5_hash_password

from . import claims
from .models import Session
from .revocation import live_refresh_tokens, lock_user
from .rotation import SESSION_CLAIM, RefreshToken, family_of, revoke_family

# How much of the client's address a session shows: its network, never the address itself.
IPV4_PREFIX = 24
IPV6_PREFIX = 48
USER_AGENT_LENGTH = Session._meta.get_field("user_agent").max_length or 256


def client_network(request: Request) -> str:
    """The network of the client's address (REMOTE_ADDR, or X-Forwarded-For's behind
    NUM_PROXIES proxies, as the throttles read it): an IPv4 /24 or an IPv6 /48."""
    try:
        address = ipaddress.ip_address(BaseThrottle().get_ident(request))
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    prefix = IPV4_PREFIX if address.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network((address, prefix), strict=False))


def start(user: AbstractBaseUser, request: Request) -> RefreshToken:
    """Log `user` in from `request`: a refresh token that starts a session, which records where
    the client is. Its access token is `refresh.access_token`."""
    # Written into the refresh token, the claims reach its access tokens too.
    refresh = RefreshToken.for_user(user)
    claims.add_user_claims(refresh, user)
    describe(refresh, request)
    return refresh


def describe(refresh: RefreshToken, request: Request) -> None:
    """Record the client of `request` on the session `refresh` belongs to."""
    Session.objects.filter(family=family_of(refresh.payload)).update(**client(request))


def client(request: Request) -> dict[str, str]:
    """Where `request` comes from, as a session shows it: the client's network and user agent."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    return {"network": client_network(request), "user_agent": user_agent}


def live_sessions(user: AbstractBaseUser) -> QuerySet[Session]:
    """The sessions of `user` that a refresh would continue, the latest refreshed first.

    Those whose refresh token is neither expired nor blacklisted, and carries the hash of the
    user's current password: logging out everywhere and a password change end sessions too,
    without knowing about them.
    """
    password = get_md5_hash_password(user.password)
    families = set()
    for row in live_refresh_tokens(user):
        # Our own tokens, signed when issued: only their claims are needed here.
        token_claims = jwt.decode(row.token, options={"verify_signature": False})
        if token_claims.get(api_settings.REVOKE_TOKEN_CLAIM) == password:
            families.add(family_of(token_claims))
    return Session.objects.filter(user_id=user.pk, family__in=families).order_by("-refreshed_at")


def signed_in_user(request: Request) -> AbstractBaseUser:
    """The signed-in user's row: the one authentication loaded, or (where it builds the user from
    the token's claims) loaded here, one query."""
    if isinstance(request.user, AbstractBaseUser):
        return request.user
    # simplejwt's TokenUser, which the stubs do not know: its pk is the token's `sub`.
    pk: Any = request.user.pk
    users = get_user_model()._default_manager
    user = None if pk is None else users.filter(pk=pk, is_active=True).first()
    if user is None:
        raise AuthenticationFailed(_("User not found"), code="user_not_found")
    return user


def session_of(access: Any) -> str | None:
    """The session of an access token (simplejwt's, or None): its `sid` claim."""
    value = access.get(SESSION_CLAIM) if access is not None else None
    return value if isinstance(value, str) else None


def forget_expired() -> int:
    """Delete the sessions whose newest refresh token has expired (manage.py
    flushexpiredsessions); how many. Each refresh gives its session a token of a whole lifetime and
    records when: a session refreshed longer ago than that has no token left to continue it.
    Sessions ended otherwise (logout everywhere, a password change) go once that time has passed."""
    cutoff = timezone.now() - api_settings.REFRESH_TOKEN_LIFETIME
    deleted, _ = Session.objects.filter(refreshed_at__lt=cutoff).delete()
    return deleted


def end(user: AbstractBaseUser, family: str) -> None:
    """End the session `family` of `user`: revoke every refresh token of the family, under the
    user's row lock (a refresh in flight finishes first and its new token is revoked here, or
    waits and is refused), and forget the session."""
    with transaction.atomic():
        lock_user(user)
        revoke_family(family, user)


def end_others(user: AbstractBaseUser, keep: str | None) -> None:
    """End every session of `user` but `keep` (None: every one)."""
    with transaction.atomic():
        lock_user(user)
        for session in live_sessions(user).exclude(family=keep or ""):
            revoke_family(session.family, user)
