"""Signing with a private key: where the keys come from, and verifier-only mode.

The tokens app reads and parses the keys once, at start-up (tokens/key_source.py): these are
only the values the environment gives, a PEM key or the path of a file holding one.
"""

import environ

from . import PACKAGE, env
from .api import REST_FRAMEWORK
from .tokens import SIMPLE_JWT, TOKENS

# simplejwt's own backend never signs: the tokens app's, with the keys below, replaces it. Empty,
# rather than unset, so that it cannot fall back to SECRET_KEY.
SIMPLE_JWT["SIGNING_KEY"] = ""
# JWT_SIGNING_KEY_FILE and JWT_PREVIOUS_VERIFYING_KEYS_FILE are paths the tokens app reads itself
# (and rotate_jwt_key rewrites, and local settings make when missing): `env` would read them in
# place of the variables without _FILE, so those two are read as they are.
plain_env = environ.Env()

TOKENS.update(
    {
        # Verifier-only mode: with JWT_JWKS_URL set to an issuer's /.well-known/jwks.json, this
        # service verifies tokens with the issuer's public keys, holds no private key, issues no
        # tokens, and takes request.user from the token's claims instead of the user table.
        "JWKS_URL": env.str("JWT_JWKS_URL", default=""),
        # Seconds the issuer's keys are kept (a key it withdraws is refused within twice as long);
        # a token naming a key the copy lacks (a rotation) fetches them again at once, at most
        # once every JWKS_REFRESH_COOLDOWN seconds; how long one fetch may take.
        "JWKS_LIFESPAN": env.float("JWT_JWKS_LIFESPAN", default=30),
        "JWKS_REFRESH_COOLDOWN": env.float("JWT_JWKS_REFRESH_COOLDOWN", default=10),
        "JWKS_TIMEOUT": env.float("JWT_JWKS_TIMEOUT", default=5),
        # The private key that signs, as PEM text (literal \n count as line breaks) or, winning over
        # it, the file that holds it (a mounted secret; the rotate_jwt_key command rewrites it).
        # Its public half, derived at start-up, verifies and is published.
        "SIGNING_KEY": plain_env.str("JWT_SIGNING_KEY", default=""),
        "SIGNING_KEY_FILE": env.str("JWT_SIGNING_KEY_FILE", default=""),
        # Public keys of earlier signing keys: their tokens keep verifying until a key is removed.
        "PREVIOUS_VERIFYING_KEYS": plain_env.str("JWT_PREVIOUS_VERIFYING_KEYS", default=""),
        "PREVIOUS_VERIFYING_KEYS_FILE": env.str("JWT_PREVIOUS_VERIFYING_KEYS_FILE", default=""),
        # Development: the directory that holds the keys when none is given, where missing key
        # files are made at start-up (local.py: keys/). Tests: with no key given, a fresh one
        # for each run, in memory (test.py). Servers do neither: they need a key.
        "CREATE_MISSING_KEYS_IN": None,
        "GENERATE_SIGNING_KEY": False,
    }
)

if TOKENS["JWKS_URL"]:
    # A verifier-only service has no copy of the issuer's users: request.user comes from the
    # token's claims.
    REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
        f"{PACKAGE}.tokens.stateless.JWTStatelessUserAuthentication"
    ]
