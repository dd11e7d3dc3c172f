"""The one place that writes user claims into tokens, for stateless authentication.

Login and refresh write what views need to know about the user into the access token (its id,
username and staff flag); each API call then checks the signature and expiry and builds
`request.user` from those claims: a simplejwt TokenUser, not a database row. The price: a user
who is deactivated or changes their password keeps a working access token until it expires.
Refresh still loads the user (serializers.TokenRefreshSerializer), so nothing lasts longer.
Claims are signed, not encrypted: anyone holding the token reads them.
"""

from typing import Any

from rest_framework_simplejwt.tokens import Token


def add_user_claims(token: Token, user: Any) -> Token:
    """Write the claims simplejwt's TokenUser reads into `token`: `is_staff`, and `username`,
    which holds what the user logs in with (`get_username()`{{ ": their email address" if cookiecutter.login_field == "email" }})."""
    token["username"] = user.get_username()
    token["is_staff"] = user.is_staff
    return token
