"""Rate limits on the token endpoints and the admin's login form, where passwords are guessed.

Counters live in Django's cache: per process without REDIS_URL, shared by every server with it.
Rates come from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (settings/base.py). A login, through
the API or the admin, counts against one limit per client address and one per username: the
same counters for both doors.

While the cache is unreachable the two kinds of limit behave differently, on purpose:
- login fails closed (503): it is where passwords are guessed, and unthrottled it would let an
  attacker guess at full speed for as long as the outage lasts;
- refresh, verify and logout fail open (allowed, with a warning in the log): each needs a token
  signed with a key too long to guess, so their limit only sheds load, and failing them would
  log every client out as its access token expires, and keep anyone from logging out.
"""

import functools
import hashlib
import ipaddress
import logging
import math
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from rest_framework.exceptions import ParseError, UnsupportedMediaType
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from .. import events
from ..errors import CACHE_ERRORS, one_line

logger = logging.getLogger(__name__)

# The smallest IPv6 network a site is given: whoever holds one address holds all 2**64 of them.
IPV6_CLIENT_PREFIX = 64


def client_address_key(request: Request) -> str:
    """The client's address as the throttles count it: an IPv4 address, or the /64 network of an
    IPv6 one. The address is REMOTE_ADDR, or X-Forwarded-For's behind NUM_PROXIES proxies."""
    # DRF's reading of the address, with its NUM_PROXIES rules; it keeps no state.
    ident = BaseThrottle().get_ident(request)
    try:
        address = ipaddress.ip_address(ident)
    except ValueError:
        return ident
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False))
    return str(address)


def login_identity(value: object) -> str | None:
    """The account a login names, as one string per account: `None` for a value no login
    accepts.

    It covers every spelling that reaches the account: the API's serializer takes any JSON string
    or number as text and strips whitespace (Unicode's too) before authenticating; Django's login
    form also applies NFKC, as create_user does; some databases compare without case; an
    address's domain is looked up as the letters its IDNA `xn--` labels encode.
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = unicodedata.normalize("NFKC", str(value).strip())
    identity = unicodedata.normalize("NFKC", text.casefold())
    local, at, domain = identity.rpartition("@")
    if at:
        try:
            return local + at + domain.encode("idna").decode("idna")
        except UnicodeError:
            pass  # no domain IDNA takes: no login by another spelling of it
    return identity


class ClientRateThrottle(SimpleRateThrottle):
    """Counts requests per client address (client_address_key)."""

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address_key(request)}


class LoginAddressRateThrottle(ClientRateThrottle):
    """Counts login attempts per client address: one address trying many accounts."""

    scope = "login"


class LoginUsernameRateThrottle(SimpleRateThrottle):
    """Counts login attempts per account, whatever address they come from: many addresses
    guessing one account's password."""

    scope = "login_username"

    def __init__(self, username_field: str = get_user_model().USERNAME_FIELD) -> None:
        super().__init__()
        self.username_field = username_field

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        data = request.data
        value = data.get(self.username_field) if isinstance(data, Mapping) else None
        identity = login_identity(value)
        if identity is None:
            return None  # no login accepts the request: nothing to count
        # Hashed: usernames may be long or hold characters a cache key cannot.
        ident = hashlib.sha256(identity.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class LoginRateThrottle(BaseThrottle):
    """Both login limits: the address first, so that a refused address never gets its body read.

    DRF would run every throttle of a view, and the username limit parses the body.
    """

    def __init__(self, username_field: str = get_user_model().USERNAME_FIELD) -> None:
        self.limits = [LoginAddressRateThrottle(), LoginUsernameRateThrottle(username_field)]
        self.refused_by: SimpleRateThrottle | None = None

    def allow_request(self, request: Request, view: APIView) -> bool:
        for limit in self.limits:
            if not limit.allow_request(request, view):
                self.refused_by = limit
                events.record(events.Event.LOGIN_LIMITED, request, reason=limit.scope)
                return False
        return True

    def wait(self) -> float | None:
        return self.refused_by.wait() if self.refused_by else None


class TokenRateThrottle(ClientRateThrottle):
    """Refresh, verify and logout: cheap for us, but still an oracle worth slowing down.

    Lets requests through while the cache is unreachable (see the module's docstring).
    """

    scope = "token"

    def allow_request(self, request: Request, view: APIView) -> bool:
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as error:
            logger.warning(
                "cache unreachable, %s not rate-limited: %s", request.path, one_line(error)
            )
            return True


def throttle_login_form(login: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Give a Django login view (the admin's) the API login's limits, with the same counters.

    Its form names the account `username`, whatever the user model's USERNAME_FIELD.
    """

    @functools.wraps(login)
    def throttled_login(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return login(request, *args, **kwargs)
        throttle = LoginRateThrottle(username_field="username")
        # Read the body as the login form does: a form, urlencoded or multipart.
        form = Request(request, parsers=[FormParser(), MultiPartParser()])
        try:
            # Throttles take the view that runs them; the login limits never look at it.
            allowed = throttle.allow_request(form, APIView())
        except (ParseError, UnsupportedMediaType):
            allowed = True  # no form in the body: the login view refuses it
        if allowed:
            return login(request, *args, **kwargs)
        response = HttpResponse(
            "Too many login attempts. Try again later.", content_type="text/plain", status=429
        )
        wait = throttle.wait()
        if wait is not None:
            response["Retry-After"] = str(math.ceil(wait))
        return response

    return throttled_login
