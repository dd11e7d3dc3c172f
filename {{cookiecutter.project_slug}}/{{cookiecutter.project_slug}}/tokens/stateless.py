"""Stateless authentication: `request.user` is simplejwt's TokenUser, built from the access
token's claims (claims.py writes them) with no query. Stateless bakes authenticate every API call
this way, and so does a verifier-only service, which holds no copy of its issuer's users.
"""

from rest_framework_simplejwt import authentication

from .authentication import HeaderLengthCapMixin


class JWTStatelessUserAuthentication(
    HeaderLengthCapMixin, authentication.JWTStatelessUserAuthentication
):
    """simplejwt's stateless authentication, with the cap on the header JWTAuthentication has."""
