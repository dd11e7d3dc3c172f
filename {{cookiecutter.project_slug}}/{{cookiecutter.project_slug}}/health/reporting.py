"""Error reporting to Sentry (sentry-sdk and its Django integration), off unless SENTRY_DSN is set.

Started from the health app's ready(), so every process that loads Django reports its errors:
each gunicorn worker (the config imports the application in the worker, after the fork, so the
SDK's sending thread lives in the process that uses it), and `manage.py` commands run by hand or
by cron. The settings only hold the values (production.py reads SENTRY_DSN).

What an event may carry is decided here, not left to the SDK's defaults (its `data_collection`
option, which replaced send_default_pii in sentry-sdk 2.76):
- no user, no cookies, no query string, no request or response body: bodies hold passwords and
  refresh tokens, cookies the refresh cookie and the admin's session;
- of the request's headers only SENT_HEADERS: never Authorization or Cookie;
- no local variables of the stack's frames: a view's locals hold the password it checks and the
  tokens it makes, under names no deny-list can guess;
- and `scrub`, run on every event before it leaves, keeps of the request its method, URL and
  SENT_HEADERS whatever an integration added.
"""

from typing import Any

# Headers that help read an error and can hold no credential.
SENT_HEADERS = frozenset(
    {"accept", "content-length", "content-type", "host", "user-agent", "x-request-id"}
)


def scrub(event: Any, hint: Any) -> Any:
    """The SDK's before_send: keep of the request its method, URL and harmless headers."""
    request = event.get("request")
    if isinstance(request, dict):
        headers = request.get("headers")
        event["request"] = {
            "method": request.get("method"),
            "url": request.get("url"),
            "headers": {
                name: value
                for name, value in (headers.items() if isinstance(headers, dict) else ())
                if name.lower() in SENT_HEADERS
            },
        }
    return event


def start(dsn: str, environment: str) -> None:
    """Report errors to `dsn`; nothing at all when it is empty."""
    if not dsn:
        return
    # Imported only here: the SDK takes ~0.2 s to import, which a project without it never pays.
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(SENT_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "stack_frame_variables": False,
            "database_query_data": False,
        },
        before_send=scrub,
        # Errors only: no performance traces unless you choose to send them.
        traces_sample_rate=None,
    )
