"""Limits on the endpoints that send mail: per client address, and per recipient (email bombing).

The login limits' classes (tokens/throttling.py) with their own scopes and rates, `mail` and
`mail_recipient`: one counter per address for sign-up, activation and reset mails together.
Like login, they fail closed (503) while the cache is unreachable.
"""

import hashlib
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from ...tokens.throttling import ClientRateThrottle, LoginRateThrottle
from ..addresses import canonical_email


class MailClientRateThrottle(ClientRateThrottle):
    """Counts mail requests per client address: one client mailing many addresses."""

    scope = "mail"


class MailRecipientRateThrottle(SimpleRateThrottle):
    """Counts mail requests per recipient, whatever address they come from: many clients
    mailing one mailbox. The recipient is the body's `email` in its canonical form, the one every
    spelling of a mailbox shares (addresses.py); an address without one gets no mail."""

    scope = "mail_recipient"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data
        address = data.get("email") if isinstance(data, Mapping) else None
        try:
            email = canonical_email(address) if isinstance(address, str) else None
        except ValidationError:
            email = None
        if email is None:
            return None  # refused by the serializer: nothing is sent, nothing to count
        ident = hashlib.sha256(email.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class MailRateThrottle(LoginRateThrottle):
    """Both limits, the client's address first (its refusal never reads the body)."""

    def __init__(self) -> None:
        super().__init__()
        self.limits = [MailClientRateThrottle(), MailRecipientRateThrottle()]
