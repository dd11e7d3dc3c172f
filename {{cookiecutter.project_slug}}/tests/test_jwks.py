"""Tokens name their key with `kid`, and /.well-known/jwks.json publishes the key that verifies them."""

import jwt
import pytest
from django.urls import reverse

from {{ cookiecutter.project_slug }}.tokens.conf import token_settings
from {{ cookiecutter.project_slug }}.tokens.key_source import load_key_set
from {{ cookiecutter.project_slug }}.tokens.keys import public_jwk

from .helpers import bearer
from .signing import ALGORITHM

URL = reverse("jwks")


@pytest.fixture
def signing_key():
    return load_key_set().signing_key


def test_jwks_publishes_the_public_half_of_the_signing_key(api_client, signing_key):
    response = api_client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"keys": [public_jwk(signing_key.public_key(), ALGORITHM)]}


def test_jwks_members_are_those_a_verifier_needs(api_client):
    (jwk,) = api_client.get(URL).json()["keys"]

    assert jwk["alg"] == ALGORITHM
    assert jwk["use"] == "sig"
    assert "key_ops" not in jwk, "RFC 7517 section 4.3: not together with use"
    assert jwk["kty"] in {"RSA", "EC", "OKP"}
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(jwk), "a private member was published"


def test_jwks_is_public_and_cacheable(api_client):
    response = api_client.get(URL, **bearer("not-a-token"))

    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=30"}


def test_jwks_answers_only_reads(api_client):
    assert api_client.post(URL, {}).status_code == 405


def test_tokens_name_their_signing_key(tokens, api_client):
    (jwk,) = api_client.get(URL).json()["keys"]

    for token, typ in [(tokens["access"], "at+jwt"), (tokens["refresh"], "refresh+jwt")]:
        header = jwt.get_unverified_header(token)
        assert header == {"alg": ALGORITHM, "kid": jwk["kid"], "typ": typ}


def test_tokens_verify_with_the_published_key_alone(tokens, api_client, user):
    (jwk,) = api_client.get(URL).json()["keys"]

    claims = jwt.decode(
        tokens["access"],
        jwt.PyJWK(jwk).key,
        algorithms=[ALGORITHM],
        audience=token_settings.AUDIENCE,
        issuer=token_settings.ISSUER,
    )

    assert claims["sub"] == str(user.pk)
    assert claims["token_type"] == "access"
