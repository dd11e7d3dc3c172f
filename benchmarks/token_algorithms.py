"""Size and verify cost of an access token per signing algorithm, as a baked project issues it.

Run from the repository root with the template's test environment:

    .venv/bin/python benchmarks/token_algorithms.py

Each token carries the claims simplejwt puts in an access token, the default bake's issuer and
audience, the `typ: at+jwt` header and, for algorithms with a public key, the `kid` header the
generated project adds. Verify time is PyJWT's `jwt.decode` with the key already parsed (as the
project does at start-up) and the issuer and audience checked: the best of several runs, in
microseconds per token, on this machine.
"""

import argparse
import base64
import functools
import hashlib
import os
import platform
import secrets
import sys
import timeit
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cryptography
import jwt

# The template's root, for the harness package when this runs as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from harness.project_code import keys as project_keys

# JWT_ISSUER's and JWT_AUDIENCE's default: the default bake's project slug.
ISSUER = AUDIENCE = "subscribers_api"
ALGORITHMS = (
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "EdDSA",
)  # fmt: skip


def keys(algorithm: str):
    """(signing key, verifying key) as the generated project makes them."""
    if algorithm.startswith("HS"):
        secret = secrets.token_urlsafe(64).encode()
        return secret, secret
    private = project_keys.generate_private_key(algorithm)
    return private, private.public_key()


def access_claims() -> dict:
    now = datetime.now(UTC)
    return {
        "token_type": "access",
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "iat": int(now.timestamp()),
        "jti": uuid.uuid4().hex,
        "sub": "42",
        # CHECK_REVOKE_TOKEN: a hash of the user's password hash, so a password change revokes.
        "hash_password": hashlib.md5(b"password hash").hexdigest(),
        "aud": AUDIENCE,
        "iss": ISSUER,
    }


def signed_token(algorithm: str) -> tuple[str, object]:
    """(access token, verifying key) for `algorithm`, the token checked once."""
    signing_key, verifying_key = keys(algorithm)
    # A kid as long as an RFC 7638 thumbprint: 43 base64url characters.
    headers = {"typ": "at+jwt"}
    if not algorithm.startswith("HS"):
        digest = hashlib.sha256(b"key").digest()
        headers["kid"] = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    token = jwt.encode(access_claims(), signing_key, algorithm=algorithm, headers=headers)
    verify(token, verifying_key, algorithm)
    return token, verifying_key


def verify(token: str, key: object, algorithm: str) -> dict:
    """The claims of `token`, checked as the project checks them."""
    return jwt.decode(token, key, algorithms=[algorithm], audience=AUDIENCE, issuer=ISSUER)


def verify_times(number: int, repeat: int) -> dict[str, float]:
    """Microseconds per verification, per algorithm: the best of `repeat` rounds of `number`.

    Each round times every algorithm in turn, so a busy moment on a shared machine slows one
    round of all of them instead of all rounds of one.
    """
    tokens = {algorithm: signed_token(algorithm) for algorithm in ALGORITHMS}
    best = dict.fromkeys(ALGORITHMS, float("inf"))
    for _ in range(repeat):
        for algorithm, (token, key) in tokens.items():
            checked = functools.partial(verify, token, key, algorithm)
            seconds = timeit.timeit(checked, number=number)
            best[algorithm] = min(best[algorithm], seconds / number * 1e6)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--number", type=int, default=100, help="verifications per round")
    parser.add_argument("--repeat", type=int, default=50, help="rounds; the best one counts")
    arguments = parser.parse_args(argv)

    print(
        f"PyJWT {jwt.__version__}, cryptography {cryptography.__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()})\n"
    )
    print("| algorithm | access token (bytes) | verify (µs) |")
    print("|---|---:|---:|")
    sizes = {algorithm: len(signed_token(algorithm)[0]) for algorithm in ALGORITHMS}
    for algorithm, verify in verify_times(arguments.number, arguments.repeat).items():
        print(f"| {algorithm} | {sizes[algorithm]} | {verify:.0f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
