"""The one place that writes claims about the user into tokens: login, refresh and
`manage.py issue_token` pass every token they issue through `add_user_claims`.

Add here what the front end or other services must know about the user without asking, e.g.

    token["roles"] = sorted(user.groups.values_list("name", flat=True))
    token["tenant"] = str(user.tenant_id)

Refresh writes them anew into every access token it issues, so a changed role shows within one
access token lifetime. Claims are signed, not encrypted: anyone holding the token reads them, so
never put a secret, a password hash or personal data in one.
"""

from typing import Any

from rest_framework_simplejwt.tokens import Token


def add_user_claims(token: Token, user: Any) -> Token:
    """Write the claims about `user` into `token`; return `token`."""
    return token
