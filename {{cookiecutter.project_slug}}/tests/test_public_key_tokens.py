"""Tokens signed with a private key: a token signed with any other key is refused, and an access
token is parsed once, its `kid` read from the header alone."""

from django.urls import reverse
from rest_framework_simplejwt.settings import api_settings

from {{ cookiecutter.project_slug }}.tokens.keys import generate_private_key

from .helpers import assert_refused, bearer, claims_of, sign

URL = reverse("subscriber-list")


def test_token_signed_with_another_key_is_refused(api_client, tokens):
    other_key = generate_private_key(api_settings.ALGORITHM)

    assert_refused(api_client.get(URL, **bearer(sign(claims_of(tokens["access"]), key=other_key))))


def test_a_token_of_a_key_seen_before_is_parsed_once(
    api_client, tokens, obtain_tokens, token_parses
):
    """Every token of one key has the same header: the `kid` that chooses the key is read from
    the header alone, the first time only, and the token is parsed once, to verify it. Parsing a
    whole token again (split, base64 checks of every segment, JSON) would cost a fifth as much as
    verifying an ES256 token."""
    assert api_client.get(URL, **bearer(tokens["access"])).status_code == 200
    # Another token of the same key, which no worker has verified yet.
    fresh = obtain_tokens()["access"]
    token_parses.clear()

    response = api_client.get(URL, **bearer(fresh))

    assert response.status_code == 200
    assert token_parses == [fresh.encode()]
