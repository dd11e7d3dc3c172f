"""manage.py issue_token: a token for a script or a service account, without its password."""

import copy
import json
import logging
import re
from argparse import ArgumentParser, ArgumentTypeError
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework_simplejwt.exceptions import TokenBackendError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from ... import claims
from ...conf import token_settings
from ...tokens import AccessToken, RefreshToken, token_backend

logger = logging.getLogger(__name__)

UNITS = {"m": "minutes", "h": "hours", "d": "days"}
# Claims the tokens' own checks rely on, and those a stateless or verifier-only service reads as
# the user (simplejwt's TokenUser): --claim cannot set them.
RESERVED_CLAIMS = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "token_type", "family"}
USER_CLAIMS = {"username", "is_staff", "is_superuser"}


def lifetime(text: str) -> timedelta:
    """`30m`, `12h` or `7d` as a timedelta."""
    match = re.fullmatch(r"([1-9][0-9]{0,5})([mhd])", text)
    if match is None:
        raise ArgumentTypeError(f"give a number and m, h or d (30m, 12h, 7d), got {text!r}")
    return timedelta(**{UNITS[match[2]]: int(match[1])})


def claim(text: str) -> tuple[str, str]:
    """`key=value` as a pair; the value stays a string."""
    key, equals, value = text.partition("=")
    if not equals or not key:
        raise ArgumentTypeError(f"give key=value, got {text!r}")
    if key in RESERVED_CLAIMS or key == api_settings.REVOKE_TOKEN_CLAIM:
        raise ArgumentTypeError(f"{key!r} is set by the token itself")
    if key in USER_CLAIMS:
        raise ArgumentTypeError(f"{key!r} is set from the user's account")
    return key, value


class Command(BaseCommand):
    help = (
        "Print an access token for a user (with --refresh, an access and a refresh token as "
        "JSON), for scripts and service accounts. Logs who got what, never the token."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("user", help="the user's login name (USERNAME_FIELD)")
        parser.add_argument(
            "--lifetime",
            type=lifetime,
            default=api_settings.ACCESS_TOKEN_LIFETIME,
            help="the access token's lifetime: 30m, 12h, 7d (default: ACCESS_TOKEN_LIFETIME; "
            "at most TOKENS['ISSUE_TOKEN_MAX_LIFETIME'])",
        )
        parser.add_argument(
            "--audience",
            action="append",
            help="a service the access token is for, instead of JWT_AUDIENCE (repeat for several)",
        )
        parser.add_argument(
            "--claim",
            action="append",
            type=claim,
            default=[],
            help="key=value to add to the token (repeat for several)",
        )
        parser.add_argument("--refresh", action="store_true", help="also issue a refresh token")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["lifetime"] > token_settings.ISSUE_TOKEN_MAX_LIFETIME:
            raise CommandError(
                f"--lifetime is at most {token_settings.ISSUE_TOKEN_MAX_LIFETIME} "
                "(TOKENS['ISSUE_TOKEN_MAX_LIFETIME'])"
            )
        manager = get_user_model()._default_manager
        try:
            user = manager.get_by_natural_key(options["user"])
        except manager.model.DoesNotExist:
            raise CommandError(f"No user {options['user']!r}") from None
        if not user.is_active:
            raise CommandError(f"User {options['user']!r} is inactive")
        audience = options["audience"]
        extra = dict(options["claim"])

        def add_claims(token: Token) -> None:
            claims.add_user_claims(token, user)
            for key, value in extra.items():
                token[key] = value

        tokens: dict[str, str] = {}
        try:
            if options["refresh"]:
                refresh = RefreshToken.for_user(user)
                add_claims(refresh)
                # Refreshed here only: it keeps this service's audience.
                tokens["refresh"] = str(refresh)
                access = refresh.access_token
            else:
                access = AccessToken.for_user(user)
            add_claims(access)
            access.set_exp(lifetime=options["lifetime"])
            # This service's backend, writing the audience asked for instead of its own.
            backend = copy.copy(token_backend())
            if audience:
                backend.audience = audience[0] if len(audience) == 1 else audience
            tokens = {"access": backend.encode(access.payload), **tokens}
        except TokenBackendError as error:
            raise CommandError(f"{error}: run issue_token on the issuer") from error
        logger.info(
            "issue_token: %s for user %s (pk %s), lifetime %s, audience %s, claims %s",
            "access and refresh token" if options["refresh"] else "access token",
            options["user"],
            user.pk,
            options["lifetime"],
            audience or "default",
            sorted(extra) or "none",
        )
        self.stdout.write(json.dumps(tokens) if options["refresh"] else tokens["access"])
