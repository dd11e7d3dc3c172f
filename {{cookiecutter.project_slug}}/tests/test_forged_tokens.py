"""Tokens forged with other keys are refused: only the keys this service holds verify, chosen by
`kid` alone, with the algorithm pinned to {{ cookiecutter.jwt_algorithm }}."""

import hashlib
import hmac
import urllib.request

import jwt
import pytest
from django.urls import reverse
from jwt.algorithms import get_default_algorithms

from {{ cookiecutter.project_slug }}.tokens.key_source import load_key_set
from {{ cookiecutter.project_slug }}.tokens.keys import public_jwk, public_key_pem

from .helpers import bearer
from .signing import ALGORITHM, b64url, key, segment, sign

URL = reverse("subscriber-list")


@pytest.fixture
def claims(tokens) -> dict:
    """The claims of a genuine access token, for forgeries to carry."""
    return jwt.decode(tokens["access"], options={"verify_signature": False})


@pytest.fixture
def our_key():
    return load_key_set().signing_key


@pytest.fixture
def attacker_key():
    return key("attacker")


@pytest.fixture
def fetches(monkeypatch) -> list:
    """URLs this test run tried to open: none may be, whatever a token's header says."""
    opened: list = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda url, *a, **k: opened.append(url))
    return opened


def test_genuine_token_is_accepted(api_client, tokens):
    assert api_client.get(URL, **bearer(tokens["access"])).status_code == 200


@pytest.mark.parametrize("hmac_algorithm", ["HS256", "HS384", "HS512"])
def test_hmac_token_keyed_with_our_public_key_is_refused(
    api_client, claims, our_key, hmac_algorithm
):
    """The algorithm-confusion attack: anyone can read the public key, so a verifier that let the
    token pick HMAC would accept a token whose secret is that key."""
    public_pem = public_key_pem(our_key.public_key()).encode()
    kid = public_jwk(our_key.public_key(), ALGORITHM)["kid"]
    signing_input = (
        f"{segment({'alg': hmac_algorithm, 'typ': 'JWT', 'kid': kid})}.{segment(claims)}"
    )
    digest = getattr(hashlib, f"sha{hmac_algorithm[2:]}")
    signature = hmac.new(public_pem, signing_input.encode(), digest).digest()

    response = api_client.get(URL, **bearer(f"{signing_input}.{b64url(signature)}"))

    assert response.status_code == 401


def test_token_signed_by_another_key_under_our_kid_is_refused(
    api_client, claims, our_key, attacker_key
):
    kid = public_jwk(our_key.public_key(), ALGORITHM)["kid"]
    forged = jwt.encode(claims, attacker_key, algorithm=ALGORITHM, headers={"kid": kid})

    assert api_client.get(URL, **bearer(forged)).status_code == 401


def test_token_with_an_unknown_kid_is_refused(api_client, claims, attacker_key):
    kid = public_jwk(attacker_key.public_key(), ALGORITHM)["kid"]
    forged = jwt.encode(claims, attacker_key, algorithm=ALGORITHM, headers={"kid": kid})

    response = api_client.get(URL, **bearer(forged))

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_genuine_header_over_claims_signed_by_another_key_is_refused(
    api_client, tokens, claims, attacker_key
):
    """The key of a header seen before is chosen without parsing the header again
    (tokens/backends.py): what follows that header is still checked in full."""
    header = tokens["access"].split(".")[0]
    assert api_client.get(URL, **bearer(tokens["access"])).status_code == 200
    signing_input = f"{header}.{segment(claims | {'jti': 'forged'})}"
    signature = get_default_algorithms()[ALGORITHM].sign(signing_input.encode(), attacker_key)

    response = api_client.get(URL, **bearer(f"{signing_input}.{b64url(signature)}"))

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


@pytest.mark.parametrize("rest", ["", ".", "!!!!.!!!!", "e30.", "e30.e30.e30", "e30.=="])
def test_genuine_header_over_a_malformed_rest_is_refused(api_client, tokens, rest):
    header = tokens["access"].split(".")[0]
    assert api_client.get(URL, **bearer(tokens["access"])).status_code == 200

    response = api_client.get(URL, **bearer(f"{header}.{rest}"))

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_genuine_signature_under_another_header_is_refused(api_client, tokens, our_key):
    """A header of our kid that was never signed (another `typ`) in front of a genuine token's
    claims and signature."""
    _, claims_segment, signature = tokens["access"].split(".")
    kid = public_jwk(our_key.public_key(), ALGORITHM)["kid"]
    header = segment({"alg": ALGORITHM, "kid": kid, "typ": "at+jwt", "x": 1})

    response = api_client.get(URL, **bearer(f"{header}.{claims_segment}.{signature}"))

    assert response.status_code == 401


@pytest.mark.parametrize("kid", [None, ["a"], {"a": 1}, 42, ""])
def test_token_without_a_usable_kid_is_refused(api_client, claims, our_key, kid):
    header = {"alg": ALGORITHM, "typ": "JWT"} | ({} if kid is None else {"kid": kid})
    forged = sign(header, claims, our_key)

    assert api_client.get(URL, **bearer(forged)).status_code == 401


@pytest.mark.parametrize("header", ["jwk", "jku", "x5u"])
def test_key_named_in_the_token_header_is_never_trusted(
    api_client, claims, attacker_key, fetches, header
):
    jwk = public_jwk(attacker_key.public_key(), ALGORITHM)
    named = {
        "jwk": jwk,
        "jku": "http://127.0.0.1:9/jwks.json",
        "x5u": "http://127.0.0.1:9/cert.pem",
    }[header]
    forged = jwt.encode(
        claims, attacker_key, algorithm=ALGORITHM, headers={"kid": jwk["kid"], header: named}
    )

    response = api_client.get(URL, **bearer(forged))

    assert response.status_code == 401
    assert fetches == []
