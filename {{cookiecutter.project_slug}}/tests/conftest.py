import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from .helpers import PASSWORD, bearer


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Every test starts with no login attempts counted (they live in the cache)."""
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user(
        username="alice", email="alice@example.com", password=PASSWORD
    )


@pytest.fixture
def obtain_tokens(api_client):
    """Log in through the token endpoint and return its JSON body: {"access": ..., "refresh": ...}."""

    def obtain(username: str = "alice", password: str = PASSWORD) -> dict[str, str]:
        response = api_client.post(
            reverse("token_obtain_pair"), {"username": username, "password": password}
        )
        assert response.status_code == 200, response.content
        return response.json()

    return obtain


@pytest.fixture
def tokens(user, obtain_tokens) -> dict[str, str]:
    return obtain_tokens()


@pytest.fixture
def auth_client(tokens) -> APIClient:
    """A client that sends a valid access token with every request."""
    client = APIClient()
    client.credentials(**bearer(tokens["access"]))
    return client
