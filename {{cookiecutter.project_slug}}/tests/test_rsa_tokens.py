"""An RSA key can sign for all six RSA algorithms (PKCS#1 v1.5 and PSS, three hashes each): only
the project's algorithm may verify."""

import pytest
from django.urls import reverse
from rest_framework_simplejwt.settings import api_settings

from .helpers import assert_refused, bearer, claims_of, sign

URL = reverse("subscriber-list")
RSA_ALGORITHMS = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"}


@pytest.mark.parametrize("algorithm", sorted(RSA_ALGORITHMS - {api_settings.ALGORITHM}))
def test_token_signed_with_our_key_but_another_algorithm_is_refused(api_client, tokens, algorithm):
    forged = sign(claims_of(tokens["access"]), algorithm=algorithm)

    assert_refused(api_client.get(URL, **bearer(forged)))
