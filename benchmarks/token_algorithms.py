"""Size and verify cost of an access token per signing algorithm, as a baked project issues it.

Run from the repository root with the template's test environment:

    .venv/bin/python benchmarks/token_algorithms.py

Each token carries the claims simplejwt puts in an access token and, for algorithms with a public
key, the `kid` header the generated project adds. Verify time is PyJWT's `jwt.decode` with the key
already parsed (as the project does at start-up): the best of several runs, in microseconds per
token, on this machine.
"""

import argparse
import base64
import hashlib
import os
import platform
import secrets
import sys
import timeit
import uuid
from datetime import UTC, datetime, timedelta

import cryptography
import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

ALGORITHMS = (
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "EdDSA",
)  # fmt: skip
CURVES = {"ES256": ec.SECP256R1, "ES384": ec.SECP384R1, "ES512": ec.SECP521R1}


def keys(algorithm: str):
    """(signing key, verifying key) as the generated project makes them."""
    if algorithm.startswith("HS"):
        secret = secrets.token_urlsafe(64).encode()
        return secret, secret
    if algorithm in CURVES:
        private = ec.generate_private_key(CURVES[algorithm]())
    elif algorithm == "EdDSA":
        private = ed25519.Ed25519PrivateKey.generate()
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return private, private.public_key()


def access_claims() -> dict:
    now = datetime.now(UTC)
    return {
        "token_type": "access",
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "iat": int(now.timestamp()),
        "jti": uuid.uuid4().hex,
        "user_id": "42",
    }


def measure(algorithm: str, number: int, repeat: int) -> tuple[int, float]:
    signing_key, verifying_key = keys(algorithm)
    # A kid as long as an RFC 7638 thumbprint: 43 base64url characters.
    headers = None if algorithm.startswith("HS") else {"kid": base64.urlsafe_b64encode(
        hashlib.sha256(b"key").digest()).rstrip(b"=").decode()}  # fmt: skip
    token = jwt.encode(access_claims(), signing_key, algorithm=algorithm, headers=headers)
    jwt.decode(token, verifying_key, algorithms=[algorithm])

    timings = timeit.repeat(
        lambda: jwt.decode(token, verifying_key, algorithms=[algorithm]),
        number=number,
        repeat=repeat,
    )
    return len(token), min(timings) / number * 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--number", type=int, default=2000, help="verifications per run")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best one counts")
    arguments = parser.parse_args(argv)

    print(
        f"PyJWT {jwt.__version__}, cryptography {cryptography.__version__}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs ({platform.machine()})\n"
    )
    print("| algorithm | access token (bytes) | verify (µs) |")
    print("|---|---:|---:|")
    for algorithm in ALGORITHMS:
        size, verify = measure(algorithm, arguments.number, arguments.repeat)
        print(f"| {algorithm} | {size} | {verify:.0f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
