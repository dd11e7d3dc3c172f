"""Key rotation: tokens of a previous key keep working until that key is removed; a token naming
a key this service does not hold is refused."""

import io
import stat

import jwt
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from {{ cookiecutter.project_slug }}.tokens.key_source import load_key_set
from {{ cookiecutter.project_slug }}.tokens.keys import KeySet, create_key_files

from .helpers import bearer
from .signing import ALGORITHM, access_token_for, new_key_set, use_key_set

URL = reverse("subscriber-list")


@pytest.fixture
def old_key_set() -> KeySet:
    return new_key_set("old")


def test_token_of_a_previous_key_still_opens_the_api(
    api_client, user, use_token_backend, old_key_set
):
    use_key_set(use_token_backend, old_key_set)
    old_token = access_token_for(user)

    use_key_set(use_token_backend, new_key_set("new", old_key_set.signing_key))

    assert api_client.get(URL, **bearer(old_token)).status_code == 200


def test_new_tokens_are_signed_by_the_new_key(user, use_token_backend, old_key_set):
    rotated = new_key_set("new", old_key_set.signing_key)
    use_key_set(use_token_backend, rotated)

    header = jwt.get_unverified_header(access_token_for(user))

    assert header["kid"] == rotated.signing_kid != old_key_set.signing_kid


def test_token_of_a_removed_key_is_refused(api_client, user, use_token_backend, old_key_set):
    use_key_set(use_token_backend, old_key_set)
    old_token = access_token_for(user)
    # Accepted while its key is trusted: the kid of its header is remembered (backends.py).
    assert api_client.get(URL, **bearer(old_token)).status_code == 200

    use_key_set(use_token_backend, new_key_set("new"))

    response = api_client.get(URL, **bearer(old_token))
    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_refresh_token_of_a_previous_key_still_refreshes(api_client, tokens, use_token_backend):
    current = load_key_set().signing_key
    use_key_set(use_token_backend, new_key_set("new", current))

    response = api_client.post(reverse("token_refresh"), {"refresh": tokens["refresh"]})

    assert response.status_code == 200


def test_jwks_lists_the_current_key_then_the_previous_ones(old_key_set):
    rotated = new_key_set("new", old_key_set.signing_key)

    assert [jwk["kid"] for jwk in rotated.jwks["keys"]] == [
        rotated.signing_kid,
        old_key_set.signing_kid,
    ]


def test_rotate_command_replaces_the_key_and_keeps_the_old_one_verifying(tmp_path):
    signing, previous = tmp_path / "keys" / "signing.pem", tmp_path / "keys" / "previous.pem"
    create_key_files(ALGORITHM, signing, previous)
    before = KeySet.from_pems(ALGORITHM, signing.read_text(), previous.read_text())

    arguments = ["--signing-key-file", signing, "--previous-keys-file", previous]
    output = io.StringIO()

    call_command("rotate_jwt_key", *arguments, stdout=output)
    middle = KeySet.from_pems(ALGORITHM, signing.read_text(), previous.read_text())
    call_command("rotate_jwt_key", *arguments, stdout=output)

    after = KeySet.from_pems(ALGORITHM, signing.read_text(), previous.read_text())
    assert list(after.verifying_keys) == [
        after.signing_kid,
        middle.signing_kid,
        before.signing_kid,
    ]
    assert len(set(after.verifying_keys)) == 3
    assert f"New signing key {after.signing_kid}" in output.getvalue()
    for path in (signing, previous):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_rotate_command_names_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="keys are not in files"):
        call_command("rotate_jwt_key")

    with pytest.raises(CommandError, match="No such file"):
        call_command(
            "rotate_jwt_key",
            "--signing-key-file",
            tmp_path / "missing.pem",
            "--previous-keys-file",
            tmp_path / "previous.pem",
        )


def test_create_key_files_keeps_existing_keys(tmp_path):
    signing, previous = tmp_path / "signing.pem", tmp_path / "previous.pem"
    create_key_files(ALGORITHM, signing, previous)
    first = signing.read_text()

    create_key_files(ALGORITHM, signing, previous)

    assert signing.read_text() == first
    assert previous.read_text() == ""
