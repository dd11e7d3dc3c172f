"""Security events: what happened to whose account, from where, as one log record each.

Call `record` where the event happens, after it happened:

    events.record(events.Event.LOGIN_FAILED, request, login=username)
    events.record(events.Event.PASSWORD_CHANGED, request, user=user)

Each record goes to the logger named after this module (`<package>.events`): `event` is one of
the stable names of `Event`, `user_id` the account's primary key when it is known, `login` the
login name a request gave when no account is (a failed login), `client` the client's address as
the rate limits read it (DRF's NUM_PROXIES rules), and `request_id` the request's (the logging
settings add it to every record). Production writes each as a JSON line with these fields;
development as a line of text.

`record` takes nothing else but a short `reason` from a fixed vocabulary of the caller's
(`"admin"`, `"totp"`): there is no place for a password, a token or a link, so none can be
logged by mistake. Failures and refusals are warnings, the rest information.
"""

import enum
import logging

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from .metrics import EVENTS

logger = logging.getLogger(__name__)

# A login name is the client's text: a bound on what one record carries of it.
MAX_LOGIN_LENGTH = 150


class Event(enum.StrEnum):
    """The events' names: stable, as dashboards and alerts match them. Add, never rename."""

    LOGIN_SUCCEEDED = "login.succeeded"
    LOGIN_FAILED = "login.failed"
    LOGIN_LIMITED = "login.limited"
    TOKEN_REFRESHED = "token.refreshed"
    TOKEN_REUSE_DETECTED = "token.reuse_detected"
    LOGOUT = "logout"
    LOGOUT_EVERYWHERE = "logout.everywhere"
    PASSWORD_CHANGED = "password.changed"
    PASSWORD_RESET_REQUESTED = "password.reset_requested"
    PASSWORD_RESET_COMPLETED = "password.reset_completed"
    SIGNUP = "signup"
    ACCOUNT_ACTIVATED = "account.activated"
    SESSION_ENDED = "session.ended"
    SECOND_FACTOR_CHALLENGED = "second_factor.challenged"
    SECOND_FACTOR_FAILED = "second_factor.failed"
    SECOND_FACTOR_ENABLED = "second_factor.enabled"
    SECOND_FACTOR_DISABLED = "second_factor.disabled"
    RECOVERY_CODES_RENEWED = "second_factor.recovery_codes_renewed"
    MAIL_FAILED = "mail.failed"


WARNINGS = frozenset(
    {
        Event.LOGIN_FAILED,
        Event.LOGIN_LIMITED,
        Event.TOKEN_REUSE_DETECTED,
        Event.SECOND_FACTOR_FAILED,
        Event.MAIL_FAILED,
    }
)


def record(
    event: Event,
    request: Request | HttpRequest | None,
    *,
    user: object = None,
    login: object = None,
    reason: str | None = None,
) -> None:
    """Log `event` for `request` (None outside a request, e.g. in a command).

    `user` is the account (a user object, or its primary key); `login` the login name the
    request gave, for events without an account; `reason` a short word that tells events of one
    name apart.
    """
    user_id = getattr(user, "pk", user)
    if isinstance(request, HttpRequest):
        request = Request(request)  # DRF's reading of the address takes DRF's request
    fields = {
        "event": str(event),
        "user_id": None if user_id is None else str(user_id),
        "login": None if login is None else str(login)[:MAX_LOGIN_LENGTH],
        "client": None if request is None else BaseThrottle().get_ident(request),
        "reason": reason,
    }
    present = {name: value for name, value in fields.items() if value is not None}
    # The text says it all for readers of plain lines; JSON lines carry the fields too.
    # repr() quotes the client's text: a login name with a line break cannot forge a line.
    text = " ".join(
        [str(event), *(f"{name}={value!r}" for name, value in present.items() if name != "event")]
    )
    level = logging.WARNING if event in WARNINGS else logging.INFO
    logger.log(level, "%s", text, extra=present)
    EVENTS.labels(str(event)).inc()
