"""What the second factor's tests share (factors/, and passkeys/ where it is): the two steps
of a login."""

from typing import TYPE_CHECKING

from django.urls import reverse

from .helpers import ALICE, PASSWORD, TOKEN_FIELDS, credentials, new_api_client, refresh_token_in

if TYPE_CHECKING:
    # What the test client returns (in the type stubs only): a DRF Response with json().
    from rest_framework.response import _MonkeyPatchedResponse as TestResponse


def log_in(name: str = ALICE) -> "TestResponse":
    """The answer of the first step of a login (the password)."""
    return new_api_client().post(reverse("token_obtain_pair"), credentials(name, PASSWORD))


def tokens_of(response: "TestResponse") -> dict[str, str]:
    """The tokens a login's last step answered."""
    assert response.status_code == 200, response.content
    assert response.json().keys() >= TOKEN_FIELDS
    return {"access": response.json()["access"], "refresh": refresh_token_in(response)}
