"""Tokens signed with an HMAC secret: forgeries of the key and the algorithm are refused, and no
public key or JWK passes for an HMAC secret."""

import secrets

import jwt
import pytest
from django.urls import reverse
from rest_framework_simplejwt.settings import api_settings

from .helpers import assert_refused, bearer, claims_of, sign

URL = reverse("subscriber-list")
ALGORITHM: str = api_settings.ALGORITHM
# A public key's PEM text, as an attacker who read the JWKS of a public-key service would send it.
PUBLIC_KEY_PEM = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PUBLIC KEY-----\n"
)


def test_token_signed_with_another_key_is_refused(api_client, tokens):
    other_key = secrets.token_bytes(64)

    assert_refused(api_client.get(URL, **bearer(sign(claims_of(tokens["access"]), key=other_key))))


@pytest.mark.parametrize("algorithm", sorted({"HS256", "HS384", "HS512"} - {ALGORITHM}))
def test_token_signed_with_our_key_but_another_algorithm_is_refused(api_client, tokens, algorithm):
    forged = sign(claims_of(tokens["access"]), algorithm=algorithm)

    assert_refused(api_client.get(URL, **bearer(forged)))


@pytest.mark.parametrize("secret", [PUBLIC_KEY_PEM, '{"kty": "oct", "k": "c2VjcmV0"}'])
def test_a_key_that_is_no_hmac_secret_is_refused(tokens, secret):
    """An asymmetric key or a JWK is no HMAC secret (algorithm confusion)."""
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(tokens["access"], secret, algorithms=[ALGORITHM])
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode(claims_of(tokens["access"]), secret, algorithm=ALGORITHM)


def test_an_access_token_is_parsed_once_per_request(api_client, tokens, token_parses):
    """The `typ` check reads the header PyJWT has just verified. Parsing a token again (split,
    base64 checks of every segment, JSON) costs about half as much as verifying it."""
    response = api_client.get(URL, **bearer(tokens["access"]))

    assert response.status_code == 200
    assert len(token_parses) == 1
