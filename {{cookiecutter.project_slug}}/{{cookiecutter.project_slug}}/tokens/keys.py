"""The token signing keys: generate, load and check them, and publish their public halves.

Plain functions over `cryptography` key objects and PyJWT's JWK conversions; nothing here reads
Django's settings (key_source.py does), so the same code serves start-up, the management command
and the tests.
"""

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from django.core.exceptions import ImproperlyConfigured
from jwt.algorithms import get_default_algorithms

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey

RSA_KEY_SIZE = 2048  # the floor NIST allows until 2030, and what most JWKS publishers use
# RFC 7518 section 3.4 pins one curve to each ES algorithm; ES512 is P-521, not a typo.
CURVES: dict[str, type[ec.EllipticCurve]] = {
    "ES256": ec.SECP256R1,
    "ES384": ec.SECP384R1,
    "ES512": ec.SECP521R1,
}
# The members of each key type that RFC 7638 hashes into a thumbprint, in their sorted order.
THUMBPRINT_MEMBERS = {
    "RSA": ("e", "kty", "n"),
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
}
PEM_BLOCK = re.compile(r"-----BEGIN [A-Z ]+-----.+?-----END [A-Z ]+-----", re.DOTALL)


def generate_private_key(algorithm: str) -> PrivateKey:
    """A new private key of the type and size `algorithm` signs with."""
    if algorithm in CURVES:
        return ec.generate_private_key(CURVES[algorithm]())
    if algorithm == "EdDSA":
        return ed25519.Ed25519PrivateKey.generate()
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_SIZE)


def private_key_pem(key: PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_key_pem(key: PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def check_key_fits(key: object, algorithm: str, name: str) -> None:
    """Raise ImproperlyConfigured unless `algorithm` can use `key` safely."""
    if algorithm in CURVES:
        fits = isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) and (
            isinstance(key.curve, CURVES[algorithm])
        )
        wanted = f"an EC key on curve {CURVES[algorithm].name}"
    elif algorithm == "EdDSA":
        fits = isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey)
        wanted = "an Ed25519 key"
    else:
        fits = isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey) and (
            key.key_size >= RSA_KEY_SIZE
        )
        wanted = f"an RSA key of at least {RSA_KEY_SIZE} bits"
    if not fits:
        raise ImproperlyConfigured(f"{name} must hold {wanted} for {algorithm}")


def load_private_key(pem: str, algorithm: str, name: str) -> PrivateKey:
    """The private key in `pem`, checked against `algorithm`; `name` is where it came from."""
    try:
        key = serialization.load_pem_private_key(pem.strip().encode(), password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"{name} must be an unencrypted PEM private key (BEGIN PRIVATE KEY): {error}"
        ) from None
    check_key_fits(key, algorithm, name)
    return cast(PrivateKey, key)


def load_public_keys(pems: str, algorithm: str, name: str) -> list[PublicKey]:
    """Every public key in `pems`, PEM blocks one after another; blank text holds none."""
    keys: list[PublicKey] = []
    for number, block in enumerate(PEM_BLOCK.findall(pems), start=1):
        try:
            key = serialization.load_pem_public_key(block.encode())
        except ValueError as error:
            raise ImproperlyConfigured(
                f"{name}: key {number} is not a PEM public key: {error}"
            ) from None
        check_key_fits(key, algorithm, f"{name} (key {number})")
        keys.append(cast(PublicKey, key))
    if pems.strip() and not keys:
        raise ImproperlyConfigured(f"{name} must be PEM public keys (BEGIN PUBLIC KEY)")
    return keys


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def thumbprint(jwk: dict[str, Any]) -> str:
    """The RFC 7638 SHA-256 thumbprint of a public JWK, base64url-encoded."""
    members = {name: jwk[name] for name in THUMBPRINT_MEMBERS[jwk["kty"]]}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return _b64url(hashlib.sha256(canonical.encode()).digest())


def public_jwk(key: PublicKey, algorithm: str) -> dict[str, Any]:
    """`key` as a JWK for the JWKS, its `kid` the key's thumbprint."""
    jwk = get_default_algorithms()[algorithm].to_jwk(key, as_dict=True)
    # RFC 7517 section 4.3: `use` and `key_ops` should not be used together. PyJWT writes
    # `key_ops` into RSA keys; `use` is the member verifiers read.
    jwk.pop("key_ops", None)
    return {**jwk, "kid": thumbprint(jwk), "alg": algorithm, "use": "sig"}


@dataclass(frozen=True)
class KeySet:
    """The key that signs new tokens and every public key that verifies them, by `kid`.

    The signing key's public half comes first; the previous keys follow, so tokens they signed
    keep verifying until they are removed from the settings.
    """

    algorithm: str
    signing_key: PrivateKey
    previous_keys: list[PublicKey] = field(default_factory=list)

    @cached_property
    def verifying_keys(self) -> dict[str, PublicKey]:
        keys: dict[str, PublicKey] = {}
        for key in [self.signing_key.public_key(), *self.previous_keys]:
            # A key listed twice (say, a previous key that is also current) counts once.
            keys.setdefault(thumbprint(public_jwk(key, self.algorithm)), key)
        return keys

    @cached_property
    def signing_kid(self) -> str:
        return next(iter(self.verifying_keys))

    @cached_property
    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        """The JWK Set to publish: the signing key's public half first, then previous keys."""
        return {"keys": [public_jwk(key, self.algorithm) for key in self.verifying_keys.values()]}

    @classmethod
    def from_pems(cls, algorithm: str, signing_pem: str, previous_pems: str = "") -> "KeySet":
        return cls(
            algorithm,
            load_private_key(signing_pem, algorithm, "JWT_SIGNING_KEY"),
            load_public_keys(previous_pems, algorithm, "JWT_PREVIOUS_VERIFYING_KEYS"),
        )


def write_secret(path: Path, text: str) -> None:
    """Write `text` to `path` readable by its owner only, replacing the file in one step."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", encoding="utf-8") as file:
        file.write(text)
    partial.replace(path)


def create_key_files(algorithm: str, signing_path: Path, previous_path: Path) -> None:
    """Make a signing key, and an empty file of previous keys, where there are none yet."""
    if not signing_path.exists():
        write_secret(signing_path, private_key_pem(generate_private_key(algorithm)))
    if not previous_path.exists():
        write_secret(previous_path, "")


def rotate_key_files(algorithm: str, signing_path: Path, previous_path: Path) -> KeySet:
    """Replace the signing key with a new one and keep the old one's public half as a previous
    key, so tokens it signed keep verifying. Returns the new key set."""
    old = KeySet.from_pems(
        algorithm,
        signing_path.read_text(encoding="utf-8"),
        previous_path.read_text(encoding="utf-8") if previous_path.exists() else "",
    )
    new_key = generate_private_key(algorithm)
    previous = [old.signing_key.public_key(), *old.previous_keys]
    # Previous keys first: if the process stops between the writes, the old key still verifies.
    write_secret(previous_path, "".join(public_key_pem(key) for key in previous))
    write_secret(signing_path, private_key_pem(new_key))
    return KeySet(algorithm, new_key, previous)
