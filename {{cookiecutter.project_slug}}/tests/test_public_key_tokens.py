"""Tokens signed with a private key: a token signed with any other key is refused, and an access
token is parsed no more than its `kid` needs."""

from django.urls import reverse
from rest_framework_simplejwt.settings import api_settings

from {{ cookiecutter.project_slug }}.tokens.keys import generate_private_key

from .helpers import assert_refused, bearer, claims_of, sign

URL = reverse("subscriber-list")


def test_token_signed_with_another_key_is_refused(api_client, tokens):
    other_key = generate_private_key(api_settings.ALGORITHM)

    assert_refused(api_client.get(URL, **bearer(sign(claims_of(tokens["access"]), key=other_key))))


def test_an_access_token_is_parsed_twice_per_request(api_client, tokens, token_parses):
    """Once to find the key its `kid` names, once to verify it. The `typ` check reads the header
    PyJWT has just verified: parsing a token again (split, base64 checks of every segment, JSON)
    costs about half as much as verifying it."""
    response = api_client.get(URL, **bearer(tokens["access"]))

    assert response.status_code == 200
    assert len(token_parses) == 2
