"""The documented cheaper password-hashing profile (users/hashers.py): OWASP's Argon2id
parameters, and the move to it at each user's next login."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.hashers import OWASPArgon2PasswordHasher

from .helpers import PASSWORD, credentials

PROFILE = "{{ cookiecutter.project_slug }}.users.hashers.OWASPArgon2PasswordHasher"


class EarlierArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with other parameters than the profile's, as Django's default has: cheap, so the
    test stays fast."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


def test_the_profile_hashes_with_owasps_argon2id_parameters():
    encoded = make_password(PASSWORD, hasher=OWASPArgon2PasswordHasher())

    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@pytest.fixture
def profile_chosen(settings):
    settings.PASSWORD_HASHERS = [PROFILE, "django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def test_a_password_hashed_before_logs_in_and_is_hashed_again_with_the_profile(
    user, profile_chosen, api_client
):
    user.password = make_password(PASSWORD, hasher=EarlierArgon2PasswordHasher())
    user.save(update_fields=["password"])

    response = api_client.post(reverse("token_obtain_pair"), credentials())

    assert response.status_code == 200
    user.refresh_from_db()
    assert "$m=19456,t=2,p=1$" in user.password
    assert user.check_password(PASSWORD)
