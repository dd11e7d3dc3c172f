"""The signing algorithms no option set bakes: each bake signs, verifies and publishes its keys.

test_bake.py bakes one algorithm of each family with every check and the whole suite. Within a
family the code, the key files and the tests are the same and only sizes change (the hash, the
curve, the HMAC key's length), so for the other algorithms the bake's own tests that sign or
verify tokens are enough: they obtain, refresh and verify tokens, refuse forged and
other-algorithm ones, and for public keys read, rotate and publish them (JWKS) and serve a
verifier-only service.
"""

import sys

import pytest

from bakery import BAKED_ALGORITHMS, OTHER_ALGORITHMS
from harness.answers import ALGORITHMS, is_asymmetric
from harness.commands import assert_suite_passed, run
from harness.environments import project_environment

TOKEN_TESTS = (
    "tests/test_token_obtain.py",
    "tests/test_token_refresh.py",
    "tests/test_token_verify.py",
    "tests/test_authentication.py",
    "tests/test_attacks.py",
    "tests/test_token_claims.py",
    "tests/test_issue_token.py",
    "tests/test_settings.py",
)
HMAC_TESTS = ("tests/test_hmac_tokens.py",)
PUBLIC_KEY_TESTS = (
    "tests/test_public_key_tokens.py",
    "tests/test_forged_tokens.py",
    "tests/test_jwks.py",
    "tests/test_key_rotation.py",
    "tests/test_signing_keys.py",
    "tests/test_verifier_only.py",
)


@pytest.mark.parametrize("algorithm", OTHER_ALGORITHMS)
def test_bake_signs_and_verifies_with(bake, algorithm):
    answers = {"jwt_algorithm": algorithm}
    project = bake(**answers)
    tests = TOKEN_TESTS + (PUBLIC_KEY_TESTS if is_asymmetric(answers) else HMAC_TESTS)
    if algorithm.startswith(("RS", "PS")):
        tests += ("tests/test_rsa_tokens.py",)

    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        project,
        project_environment(),
    )

    assert_suite_passed(result.stdout, at_least=40)
    settings = (project / "config" / "settings" / "components" / "tokens.py").read_text()
    assert f'"ALGORITHM": "{algorithm}"' in settings


def test_option_sets_bake_one_algorithm_of_each_family():
    # What makes OTHER_ALGORITHMS enough: every family has a bake with every check.
    families = {algorithm[:2] for algorithm in ALGORITHMS}

    assert families == {"HS", "RS", "PS", "ES", "Ed"}
    assert families == {algorithm[:2] for algorithm in BAKED_ALGORITHMS}
