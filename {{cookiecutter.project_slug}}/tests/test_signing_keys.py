"""The signing keys: generated to fit {{ cookiecutter.jwt_algorithm }}, named by their RFC 7638 thumbprint, refused when
they do not fit."""

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from django.core.exceptions import ImproperlyConfigured

from {{ cookiecutter.project_slug }}.tokens.keys import (
    KeySet,
    check_key_fits,
    generate_private_key,
    load_private_key,
    load_public_keys,
    private_key_pem,
    public_jwk,
    public_key_pem,
    thumbprint,
)

from .signing import ALGORITHM, key

# A key of the wrong kind for this project's algorithm, whatever it is.
WRONG_KEY = (
    ed25519.Ed25519PrivateKey.generate()
    if ALGORITHM != "EdDSA"
    else ec.generate_private_key(ec.SECP256R1())
)


def test_generated_key_fits_the_algorithm():
    generated = generate_private_key(ALGORITHM)

    check_key_fits(generated, ALGORITHM, "key")
    if isinstance(generated, rsa.RSAPrivateKey):
        assert generated.key_size >= 2048


def test_thumbprint_matches_the_example_of_rfc_7638():
    # RFC 7638, section 3.1.
    jwk = {
        "kty": "RSA",
        "n": (
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSo"
            "c_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YG"
            "jQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt"
            "-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDK"
            "gw"
        ),
        "e": "AQAB",
        "alg": "RS256",
        "kid": "2011-04-29",
    }

    assert thumbprint(jwk) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_public_jwk_names_the_key_by_its_thumbprint_and_holds_no_private_part():
    jwk = public_jwk(key("old").public_key(), ALGORITHM)

    assert jwk["kid"] == thumbprint(jwk)
    assert jwk["alg"] == ALGORITHM
    assert jwk["use"] == "sig"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(jwk)


def test_private_key_round_trips_through_pem():
    loaded = load_private_key(private_key_pem(key("old")), ALGORITHM, "JWT_SIGNING_KEY")

    assert public_key_pem(loaded.public_key()) == public_key_pem(key("old").public_key())


@pytest.mark.parametrize(
    "pem", ["", "not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"]
)
def test_a_signing_key_that_is_not_a_pem_private_key_stops_start_up(pem):
    with pytest.raises(ImproperlyConfigured, match=r"^JWT_SIGNING_KEY must be an unencrypted PEM"):
        KeySet.from_pems(ALGORITHM, pem)


def test_a_signing_key_of_the_wrong_kind_stops_start_up():
    with pytest.raises(
        ImproperlyConfigured, match=f"^JWT_SIGNING_KEY must hold .* for {ALGORITHM}$"
    ):
        KeySet.from_pems(ALGORITHM, private_key_pem(WRONG_KEY))
{%- if cookiecutter.jwt_algorithm.startswith(("RS", "PS")) %}


def test_an_rsa_key_shorter_than_2048_bits_stops_start_up():
    short = rsa.generate_private_key(public_exponent=65537, key_size=1024)

    with pytest.raises(ImproperlyConfigured, match="at least 2048 bits"):
        KeySet.from_pems(ALGORITHM, private_key_pem(short))
{%- endif %}


def test_previous_keys_are_read_one_pem_block_after_another():
    keys = [key(role).public_key() for role in ("old", "new", "other")]

    loaded = load_public_keys("\n".join(map(public_key_pem, keys)), ALGORITHM, "previous")

    assert list(map(public_key_pem, loaded)) == list(map(public_key_pem, keys))


@pytest.mark.parametrize(
    "text", ["garbage", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"]
)
def test_previous_keys_that_are_not_pem_public_keys_stop_start_up(text):
    with pytest.raises(ImproperlyConfigured, match=r"^JWT_PREVIOUS_VERIFYING_KEYS"):
        KeySet.from_pems(ALGORITHM, private_key_pem(key("new")), text)


def test_a_previous_key_of_the_wrong_kind_stops_start_up():
    signing = private_key_pem(key("new"))

    with pytest.raises(ImproperlyConfigured, match=r"^JWT_PREVIOUS_VERIFYING_KEYS \(key 1\)"):
        KeySet.from_pems(ALGORITHM, signing, public_key_pem(WRONG_KEY.public_key()))


def test_key_set_publishes_the_signing_key_first_and_each_key_once():
    old, signing = key("old"), key("new")

    key_set = KeySet(ALGORITHM, signing, [old.public_key(), old.public_key()])

    kids = [jwk["kid"] for jwk in key_set.jwks["keys"]]
    assert kids == [
        public_jwk(signing.public_key(), ALGORITHM)["kid"],
        public_jwk(old.public_key(), ALGORITHM)["kid"],
    ]
    assert key_set.signing_kid == kids[0]
