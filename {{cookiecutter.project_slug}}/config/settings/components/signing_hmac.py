"""Signing with a shared secret (HS256, HS384, HS512): the key that signs and verifies."""

from . import env
from .tokens import SIMPLE_JWT

# A key of its own, not SECRET_KEY: it can be rotated, or shared with services that verify
# tokens, without touching sessions or password reset links. Local settings read it from .env,
# tests set their own, production requires one (tokens/signing.py judges it at start-up).
SIMPLE_JWT["SIGNING_KEY"] = env.str("JWT_SIGNING_KEY", default="")
