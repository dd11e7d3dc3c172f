"""The JSON Web Tokens: the tokens app's own settings (TOKENS) and simplejwt's (SIMPLE_JWT)."""

from datetime import timedelta
from typing import Any

from . import PACKAGE, env
from .api import REST_FRAMEWORK

# The tokens app reads these through its conf.py, which also holds their defaults;
# its system checks (tokens/checks.py) refuse values that cannot work, all at once.
TOKENS: dict[str, Any] = {
    # Longest token (in characters) accepted in a header or a request body; ours are under 1 KB.
    "MAX_TOKEN_LENGTH": 8 * 1024,
    # The longest-lived access token `manage.py issue_token --lifetime` makes, for scripts and
    # service accounts: it cannot be revoked before it expires, so keep this short.
    "ISSUE_TOKEN_MAX_LIFETIME": timedelta(days=7),
    # Access tokens each worker keeps once verified, until they expire (tokens/verified.py): a
    # client's next calls skip the signature check. 0 turns it off.
    "VERIFIED_TOKEN_CACHE_SIZE": env.int("JWT_VERIFIED_TOKEN_CACHE_SIZE", default=1024),
    # Who issues the tokens (`iss`) and the services they are for (`aud`, comma-separated, this
    # service first): written into every token and required on every verification (RFC 8725
    # sections 3.8 and 3.9), this service accepting only tokens that name it (the first), so a
    # token meant for one service of an issuer opens no other. A verifier-only service sets
    # JWT_ISSUER to its issuer's and JWT_AUDIENCE to its own name.
    "ISSUER": env.str("JWT_ISSUER", default=PACKAGE),
    "AUDIENCE": env.list("JWT_AUDIENCE", default=[PACKAGE]),
}

# https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html
# Values of several types (str, timedelta, bool, tuple): typed Any, as simplejwt reads them.
SIMPLE_JWT: dict[str, Any] = {
    "ALGORITHM": "{{ cookiecutter.jwt_algorithm }}",
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes={{ cookiecutter.access_token_lifetime_minutes | int }}),
    "REFRESH_TOKEN_LIFETIME": timedelta(days={{ cookiecutter.refresh_token_lifetime_days | int }}),
    "ROTATE_REFRESH_TOKENS": {{ cookiecutter.rotate_refresh_tokens }},
    "BLACKLIST_AFTER_ROTATION": {{ cookiecutter.blacklist_after_rotation }},
    "AUTH_HEADER_TYPES": ("{{ cookiecutter.auth_header_type }}",),
    "UPDATE_LAST_LOGIN": False,
    # The user's id in `sub`, the claim RFC 7519 and RFC 9068 name for it and the one other
    # services' JWT libraries and gateways read, rather than simplejwt's own `user_id`.
    "USER_ID_CLAIM": "sub",
    "ISSUER": TOKENS["ISSUER"],
    # One audience is a string in the token, several a list (RFC 7519 section 4.1.3).
    "AUDIENCE": TOKENS["AUDIENCE"][0] if len(TOKENS["AUDIENCE"]) == 1 else TOKENS["AUDIENCE"],
    # Tokens carry a hash of the user's password hash: a password change revokes every token
    # that is checked against the user's row.
    "CHECK_REVOKE_TOKEN": True,
    # The project's token classes, verified by its own backend (tokens/tokens.py).
    "AUTH_TOKEN_CLASSES": (f"{PACKAGE}.tokens.tokens.AccessToken",),
    "TOKEN_OBTAIN_SERIALIZER": f"{PACKAGE}.tokens.serializers.TokenObtainPairSerializer",
    "TOKEN_REFRESH_SERIALIZER": f"{PACKAGE}.tokens.serializers.TokenRefreshSerializer",
    "TOKEN_VERIFY_SERIALIZER": f"{PACKAGE}.tokens.serializers.TokenVerifySerializer",
{%- if cookiecutter.blacklist_after_rotation and cookiecutter.token_transport == "header" %}
    "TOKEN_BLACKLIST_SERIALIZER": f"{PACKAGE}.tokens.serializers.TokenBlacklistSerializer",
{%- endif %}
}

# Only JWTs authenticate API calls: no session fallback, so a request without a valid token gets
# 401 with a WWW-Authenticate header rather than a CSRF-flavoured 403. JWTAuthentication loads
# the user the token names (one query); JWTStatelessUserAuthentication builds request.user from
# the access token's claims (tokens/claims.py writes them), with no query.
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    f"{PACKAGE}.tokens.{{ "stateless.JWTStatelessUserAuthentication" if cookiecutter.stateless_auth else "authentication.JWTAuthentication" }}",
]
