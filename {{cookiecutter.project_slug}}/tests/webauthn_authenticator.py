"""A software authenticator for the passkey tests: what a browser and its authenticator answer
to WebAuthn options, built here with `cryptography` (ES256 keys, "none" attestation).

Each answer can be bent the way an attacker would bend it: another origin or relying party, no
user verification, a signature counter that goes back.
"""

import hashlib
import json
import secrets
import struct
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from webauthn import base64url_to_bytes
from webauthn.helpers import bytes_to_base64url, encode_cbor

# authenticatorData's flags (WebAuthn Level 3 section 6.1): user present, user verified,
# attested credential data included.
UP, UV, AT = 0x01, 0x04, 0x40
# COSE: key type EC2, algorithm ES256 (-7), curve P-256.
COSE_EC2, COSE_ES256, COSE_P256 = 2, -7, 1


@dataclass
class Credential:
    """A passkey the authenticator keeps: its key, and what it was created for."""

    id: bytes
    key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    def cose_public_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return encode_cbor(
            {
                1: COSE_EC2,
                3: COSE_ES256,
                -1: COSE_P256,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )


def client_data(kind: str, challenge: str, origin: str) -> bytes:
    return json.dumps(
        {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}
    ).encode()


@dataclass
class Authenticator:
    """A platform authenticator with a PIN: it verifies its user unless told not to."""

    credentials: list[Credential] = field(default_factory=list)

    def create(
        self,
        options: dict[str, Any],
        *,
        origin: str | None = None,
        rp_id: str | None = None,
        user_verified: bool = True,
    ) -> dict[str, Any]:
        """The browser's answer to navigator.credentials.create(`options`), as JSON."""
        rp_id = rp_id or options["rp"]["id"]
        credential = Credential(
            id=secrets.token_bytes(16),
            key=ec.generate_private_key(ec.SECP256R1()),
            rp_id=rp_id,
            user_handle=base64url_to_bytes(options["user"]["id"]),
        )
        self.credentials.append(credential)
        attested = (
            bytes(16)  # AAGUID: none given
            + struct.pack(">H", len(credential.id))
            + credential.id
            + credential.cose_public_key()
        )
        data = self.authenticator_data(credential, UP | AT | (UV if user_verified else 0))
        attestation = encode_cbor({"fmt": "none", "attStmt": {}, "authData": data + attested})
        client = client_data("webauthn.create", options["challenge"], origin or self.origin)
        return {
            "id": bytes_to_base64url(credential.id),
            "rawId": bytes_to_base64url(credential.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client),
                "attestationObject": bytes_to_base64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        }

    def get(
        self,
        options: dict[str, Any],
        *,
        credential: Credential | None = None,
        origin: str | None = None,
        rp_id: str | None = None,
        user_verified: bool = True,
        sign_count: int | None = None,
    ) -> dict[str, Any]:
        """The browser's answer to navigator.credentials.get(`options`) by `credential` (the
        last one created if not given), as JSON."""
        credential = credential or self.credentials[-1]
        credential.sign_count = credential.sign_count + 1 if sign_count is None else sign_count
        data = self.authenticator_data(credential, UP | (UV if user_verified else 0), rp_id)
        client = client_data("webauthn.get", options["challenge"], origin or self.origin)
        signature = credential.key.sign(
            data + hashlib.sha256(client).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": bytes_to_base64url(credential.id),
            "rawId": bytes_to_base64url(credential.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client),
                "authenticatorData": bytes_to_base64url(data),
                "signature": bytes_to_base64url(signature),
                "userHandle": bytes_to_base64url(credential.user_handle),
            },
            "clientExtensionResults": {},
        }

    @property
    def origin(self) -> str:
        """The page's origin: the front end's, where the browser runs WebAuthn."""
        return str(settings.PASSKEYS_ORIGIN)

    @staticmethod
    def authenticator_data(credential: Credential, flags: int, rp_id: str | None = None) -> bytes:
        rp_id_hash = hashlib.sha256((rp_id or credential.rp_id).encode()).digest()
        return rp_id_hash + bytes([flags]) + struct.pack(">I", credential.sign_count)
