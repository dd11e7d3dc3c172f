"""With the blacklist, verifying a token needs the database: while it is down, a quick 503."""

from django.urls import reverse


def test_verify_needs_the_database(api_client, tokens, database_down):
    response = api_client.post(reverse("token_verify"), {"token": tokens["access"]})

    # It looks the token up in the blacklist.
    assert response.status_code == 503
