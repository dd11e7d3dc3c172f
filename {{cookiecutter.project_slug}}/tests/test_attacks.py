"""Forged, altered and misused tokens are refused (RFC 8725, the OWASP JWT cheat sheet).

Each test signs or alters a token the way an attacker would and expects 401: the API opens
only for a token we issued, unaltered, of the right type, within its lifetime.
"""

import base64
import json
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
import secrets
{%- endif %}
from datetime import UTC, datetime, timedelta

import jwt
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

{%- if cookiecutter.jwt_algorithm | asymmetric %}

from {{ cookiecutter.project_slug }}.tokens.keys import generate_private_key
{%- endif %}

from .helpers import bearer, claims_of, refresh_with, sign

ACCESS_TOKEN_LIFETIME = timedelta(minutes={{ cookiecutter.access_token_lifetime_minutes | int }})
URL = reverse("subscriber-list")
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
# A public key's PEM text, as an attacker who read the JWKS of a public-key service would send it.
PUBLIC_KEY_PEM = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PUBLIC KEY-----\n"
)
{%- endif %}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def assert_refused(response) -> None:
    assert response.status_code == 401, response.content
    assert "WWW-Authenticate" in response


def test_a_token_signed_like_ours_is_accepted(api_client, tokens):
    # The control for every forgery below: re-signing our own claims with our key works.
    forged_but_faithful = sign(claims_of(tokens["access"]))

    assert api_client.get(URL, **bearer(forged_but_faithful)).status_code == 200


def test_alg_none_is_refused(api_client, tokens):
    unsigned = jwt.encode(claims_of(tokens["access"]), key="", algorithm="none")

    assert_refused(api_client.get(URL, **bearer(unsigned)))


def test_alg_none_with_our_payload_and_an_empty_signature_is_refused(api_client, tokens):
    _, payload, _ = tokens["access"].split(".")
    unsigned = ".".join([b64url(b'{"alg":"none","typ":"JWT"}'), payload, ""])

    assert_refused(api_client.get(URL, **bearer(unsigned)))


def test_stripped_signature_is_refused(api_client, tokens):
    header, payload, _ = tokens["access"].split(".")

    assert_refused(api_client.get(URL, **bearer(f"{header}.{payload}.")))


def test_tampered_payload_with_the_old_signature_is_refused(api_client, user, tokens):
    header, _, signature = tokens["access"].split(".")
    claims = claims_of(tokens["access"])
    claims["sub"] = str(user.pk + 1)
    tampered = ".".join([header, b64url(json.dumps(claims).encode()), signature])

    assert_refused(api_client.get(URL, **bearer(tampered)))


def test_token_signed_with_another_key_is_refused(api_client, tokens):
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
    other_key = secrets.token_bytes(64)
{%- else %}
    other_key = generate_private_key("{{ cookiecutter.jwt_algorithm }}")
{%- endif %}

    assert_refused(api_client.get(URL, **bearer(sign(claims_of(tokens["access"]), key=other_key))))
{%- if cookiecutter.jwt_algorithm.startswith(("HS", "RS", "PS")) %}


@pytest.mark.parametrize(
    "algorithm",
{%- if not cookiecutter.jwt_algorithm | asymmetric %}
    sorted({"HS256", "HS384", "HS512"} - {"{{ cookiecutter.jwt_algorithm }}"}),
{%- else %}
    # An RSA key can sign for all six RSA algorithms: only {{ cookiecutter.jwt_algorithm }} may verify.
    sorted({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"} - {"{{ cookiecutter.jwt_algorithm }}"}),
{%- endif %}
)
def test_token_signed_with_our_key_but_another_algorithm_is_refused(api_client, tokens, algorithm):
    forged = sign(claims_of(tokens["access"]), algorithm=algorithm)

    assert_refused(api_client.get(URL, **bearer(forged)))
{%- endif %}


def test_refresh_token_used_as_an_access_token_is_refused(api_client, tokens):
    assert_refused(api_client.get(URL, **bearer(tokens["refresh"])))


def test_access_token_posted_to_refresh_is_refused(api_client, tokens):
    response = refresh_with(api_client, tokens["access"])

    assert response.status_code == 401


@pytest.mark.parametrize("claim", ["token_type", "exp", "jti", "sub"])
def test_token_missing_a_required_claim_is_refused(api_client, tokens, claim):
    claims = claims_of(tokens["access"])
    del claims[claim]

    assert_refused(api_client.get(URL, **bearer(sign(claims))))


def test_token_with_an_unknown_type_is_refused(api_client, tokens):
    claims = claims_of(tokens["access"]) | {"token_type": "admin"}

    assert_refused(api_client.get(URL, **bearer(sign(claims))))


def test_token_not_valid_before_a_future_time_is_refused(api_client, tokens):
    claims = claims_of(tokens["access"])
    claims["nbf"] = claims["iat"] + 60

    assert_refused(api_client.get(URL, **bearer(sign(claims))))


def test_access_token_works_until_its_last_second(api_client, user, obtain_tokens):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]
        traveller.shift(ACCESS_TOKEN_LIFETIME - timedelta(seconds=1))

        assert api_client.get(URL, **bearer(access)).status_code == 200


@pytest.mark.parametrize("late", [timedelta(0), timedelta(seconds=1)])
def test_access_token_is_refused_from_the_moment_it_expires(api_client, user, obtain_tokens, late):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False) as traveller:
        access = obtain_tokens()["access"]
        traveller.shift(ACCESS_TOKEN_LIFETIME + late)
        response = api_client.get(URL, **bearer(access))

    assert_refused(response)
    assert response.json()["code"] == "token_not_valid"


def test_oversized_authorization_header_is_refused_unread(api_client, tokens):
    padding = "A" * settings.JWT_MAX_TOKEN_LENGTH
    oversized = tokens["access"] + padding

    response = api_client.get(URL, **bearer(oversized))

    assert_refused(response)
    assert response.json()["code"] == "token_too_long"


def test_oversized_refresh_token_is_a_bad_request(api_client, db):
    oversized = "A" * (settings.JWT_MAX_TOKEN_LENGTH + 1)

    response = refresh_with(api_client, oversized)

    assert response.status_code == 400
    assert "refresh" in response.json()


@pytest.mark.parametrize(
    ("endpoint", "field"),
    [
        ("token_verify", "token"),
{%- if cookiecutter.blacklist_after_rotation and cookiecutter.token_transport == "header" %}
        ("token_blacklist", "refresh"),
{%- endif %}
    ],
)
def test_oversized_token_in_a_body_is_a_bad_request(api_client, db, endpoint, field):
    oversized = "A" * (settings.JWT_MAX_TOKEN_LENGTH + 1)

    response = api_client.post(reverse(endpoint), {field: oversized})

    assert response.status_code == 400
    assert field in response.json()
{%- if not cookiecutter.jwt_algorithm | asymmetric %}


@pytest.mark.parametrize("secret", [PUBLIC_KEY_PEM, '{"kty": "oct", "k": "c2VjcmV0"}'])
def test_a_key_that_is_no_hmac_secret_is_refused(tokens, secret):
    """An asymmetric key or a JWK is no HMAC secret (algorithm confusion)."""
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(tokens["access"], secret, algorithms=["{{ cookiecutter.jwt_algorithm }}"])
    with pytest.raises(jwt.InvalidKeyError):
        jwt.encode(claims_of(tokens["access"]), secret, algorithm="{{ cookiecutter.jwt_algorithm }}")
{%- endif %}
