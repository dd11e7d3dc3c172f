"""Expired refresh tokens leave simplejwt's tables: `manage.py flushexpiredtokens`, run on a
schedule (docs/deployment.md, "Housekeeping"), keeps them as large as the tokens still alive,
however many logins came before."""

from datetime import UTC, datetime

import time_machine
from django.core.management import call_command
from django.urls import reverse
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from .helpers import bearer, refresh_with

LOGINS_A_DAY = 4
DAYS = 3


def test_the_token_tables_stay_bounded_when_expired_tokens_are_flushed(
    api_client, user, obtain_tokens
):
    lifetime = api_settings.REFRESH_TOKEN_LIFETIME
    sizes = []
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        for _ in range(DAYS):
            sessions = [obtain_tokens() for _ in range(LOGINS_A_DAY)]
            # Logged out everywhere: every token blacklisted too.
            api_client.post(reverse("user_logout_everywhere"), **bearer(sessions[0]["access"]))
            traveller.shift(lifetime)
            traveller.shift(1)
            call_command("flushexpiredtokens")
            sizes.append((OutstandingToken.objects.count(), BlacklistedToken.objects.count()))
        alive = obtain_tokens()
        call_command("flushexpiredtokens")

        assert sizes == [(0, 0)] * DAYS
        # A token still alive stays, and keeps working.
        assert OutstandingToken.objects.count() == 1
        assert refresh_with(api_client, alive["refresh"]).status_code == 200
