"""Limits on the endpoints that send mail: per client address, and per recipient (email bombing).

The login limits' classes (tokens/throttling.py) with their own scopes and rates, `mail` and
`mail_recipient`: one counter per address for sign-up, activation and reset mails together.
Like login, they fail closed (503) while the cache is unreachable.
"""

from ...tokens.throttling import (
    ClientRateThrottle,
    LoginRateThrottle,
    LoginUsernameRateThrottle,
)


class MailClientRateThrottle(ClientRateThrottle):
    """Counts mail requests per client address: one client mailing many addresses."""

    scope = "mail"


class MailRecipientRateThrottle(LoginUsernameRateThrottle):
    """Counts mail requests per recipient (the body's `email`, normalised as login's username
    is), whatever address they come from: many clients mailing one address."""

    scope = "mail_recipient"


class MailRateThrottle(LoginRateThrottle):
    """Both limits, the client's address first (its refusal never reads the body)."""

    def __init__(self) -> None:
        super().__init__()
        self.limits = [MailClientRateThrottle(), MailRecipientRateThrottle(username_field="email")]
